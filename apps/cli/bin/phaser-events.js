#!/usr/bin/env node
// The `phaser-events` command. It only loads the build, so that it exists before anything is
// built: pnpm links a workspace package's bin when it installs, and skips one whose file is
// missing, as dist/cli.js is in a fresh clone (the repository's root depends on this package
// for its bin).
await import("../dist/cli.js");
