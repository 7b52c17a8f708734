/**
 * What `phaser-events --help` and `phaser-events <command> --help` print after
 * commander's own usage: the store forms, the environment variables and the
 * exit codes for the tool, an example or more for each command. The same
 * facts, with real output, are in apps/cli/README.md; keep the two together.
 * Each command file registers its text with one line:
 * `.addHelpText("after", HELP.list)`.
 */

/** Example lines under an `Examples:` heading, each command line indented as commander indents. */
function examples(...lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join("\n")}`;
}

const ROOT = `
Store: --store <dir|url>, before or after the command; without it,
$PHASER_DATABASE_URL when set, else events.json in the storage directory:
$PHASER_STORAGE_DIR, the nearest .phaser/ in or above the current directory,
or ~/.phaser/.
  --store ./audit-log                events in ./audit-log/events.json
  --store postgres://ci@db/phaser    a PostgreSQL database; also postgresql://…
                                     and 'host=db dbname=phaser user=ci'

Environment variables:
  PHASER_STORAGE_DIR   the storage directory when --store is not given
  PHASER_DATABASE_URL  a PostgreSQL connection string used when --store is not
                       given (before PHASER_STORAGE_DIR)
  PGPASSWORD, PGUSER, PGHOST, PGPORT, PGDATABASE
                       what a PostgreSQL connection string leaves out
  NO_COLOR             any non-empty value: no colours
  FORCE_COLOR          any value but 0: colours, even in a pipe or a file
  TERM                 dumb: no colours (colours are on only in a terminal)
  TRACEPARENT, TRACESTATE
                       run: the trace (W3C Trace Context) the audit's
                       OpenTelemetry spans belong under

Exit codes:
  0    success; for run, the audit completed
  1    failure: an audit failed or timed out, the store cannot be read or
       written, no events for the audit, doctor found a problem
  2    usage or plan error: an unknown command or option, a bad value, an
       invalid plan, an unconfirmed clear
  130  run or demo stopped by Ctrl-C (SIGINT); 128 + the signal's number for
       the others: 143 SIGTERM, 129 SIGHUP, 131 SIGQUIT
  Each command a plan runs is recorded with its own exit code: 124 when
  --timeout killed it, 128 + N when signal N did.
${examples(
  "phaser-events demo",
  "phaser-events run audit.yaml --cwd . --timeout 600",
  "phaser-events tail --follow",
  "phaser-events serve --open",
  "phaser-events --store postgres://ci@db.internal/phaser insights --since 7d",
)}

Help for one command: phaser-events help <command>`;

/** The text after each command's help, by command name; `root` for the tool's. */
export const HELP = {
  root: ROOT,
  run: `${examples(
    "phaser-events run audit.yaml --cwd . --timeout 600",
    "phaser-events run plan.json --json > events.ndjson",
  )}

Exit codes: 0 the audit completed, 1 it failed or timed out, 2 a usage or
plan error, 128 + N when signal N stopped it: 130 Ctrl-C, 143 SIGTERM, 129
SIGHUP, 131 SIGQUIT (the audit is closed first; a second signal kills the
running command at once). A recorded command's exit_code is its own, 124
when --timeout killed it, 128 + N when signal N did.`,
  demo: examples(
    "phaser-events demo",
    "PHASER_STORAGE_DIR=/tmp/phaser-demo phaser-events demo --json",
  ),
  emit: examples(
    'phaser-events emit audit_started --audit "$AUDIT" project=shop slug=v2.0-cart phases_total=3',
    "phaser-events emit phase_skipped --audit latest --phase 3 reason=user_request",
    `phaser-events emit verification_failed --audit latest --phase 1 --data '{"command":"npm test","output":"1 failing"}' exit_code=1 duration_ms=3500`,
  ),
  list: examples(
    "phaser-events list --audit latest",
    "phaser-events list --type verification_failed --since 7d",
    "phaser-events list --audit latest --limit 3 --json",
  ),
  replay: examples("phaser-events replay latest", "phaser-events replay latest --json"),
  tail: examples("phaser-events tail -n 3 --audit latest", "phaser-events tail --follow"),
  export: examples(
    "phaser-events export --format junit --audit latest --out reports/phaser-junit.xml",
    "phaser-events export --format cloudevents --audit latest",
    "phaser-events export --format html --audit latest --out report.html",
    "phaser-events export --audit latest --otlp-endpoint http://localhost:4318",
    'phaser-events export --format markdown --audit latest >> "$GITHUB_STEP_SUMMARY"',
    "phaser-events export --format github --audit latest",
    "phaser-events export --format json > events.json",
  ),
  insights: examples("phaser-events insights --since 7d", "phaser-events insights --json"),
  serve: `${examples(
    "phaser-events serve --open",
    "phaser-events serve --port 0 --store postgres://ci@db.internal/phaser",
    "phaser-events serve --host 0.0.0.0 --port 8080",
  )}

The first line printed is the URL. The server only reads: no request changes
the store. On 127.0.0.1 (the default) it needs no token; on any other address
every request must carry the token, which the printed URL includes (a random
one unless --token gives it). Ctrl-C or SIGTERM stops it, with exit code 0.`,
  doctor: examples("phaser-events doctor", "phaser-events doctor --store ./ci/.phaser --json"),
  migrate: examples(
    "phaser-events migrate",
    "phaser-events migrate --store postgres://ci@db.internal/phaser",
  ),
  clear: `${examples("phaser-events clear --before 30d", "phaser-events clear --before 30d --yes")}

Without --yes it only says how many events would go.`,
} as const;
