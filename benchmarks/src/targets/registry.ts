import type { BenchContext } from "../config.js";
import type { Report } from "../table.js";
import { j1DurableEmit } from "./j1-durable-emit.js";
import { j2Follower } from "./j2-follower.js";
import { p1Emit } from "./p1-emit.js";
import { p2Sequential } from "./p2-sequential.js";
import { p3Concurrent } from "./p3-concurrent.js";
import { p4Query } from "./p4-query.js";
import { p5Open } from "./p5-open.js";
import { p6Memory } from "./p6-memory.js";
import { p7Replay } from "./p7-replay.js";
import { pg1Append } from "./pg1-append.js";
import { pg2Query } from "./pg2-query.js";
import { pg3Watch } from "./pg3-watch.js";
import { r1RewriteDiff } from "./r1-rewrite-diff.js";
import { r2HashBigFile } from "./r2-hash-big-file.js";
import { r3SignalExit } from "./r3-signal-exit.js";
import { w1PageLoad } from "./w1-page-load.js";
import { w2LiveAppend } from "./w2-live-append.js";
import { w3ManyPages } from "./w3-many-pages.js";

export interface Target {
  readonly id: string;
  /** Short title, for a target that crashed before it could report. */
  readonly title: string;
  readonly target: string;
  /** Whether it reads `ctx.bigStoreFile` (which is then written once for the run). */
  readonly usesBigStore: boolean;
  readonly run: (ctx: BenchContext) => Promise<Report>;
}

export const TARGETS: readonly Target[] = [
  {
    id: "P1",
    title: "emit without storage",
    target: "≥ 1.0 M events/s",
    usesBigStore: false,
    run: p1Emit,
  },
  {
    id: "P2",
    title: "sequential emits into a new JSON store",
    target: "≤ 0.1× lowdb push + write",
    usesBigStore: false,
    run: p2Sequential,
  },
  {
    id: "P3",
    title: "concurrent emits into a JSON store",
    target: "≤ 60 ms total and ≤ 3 file writes",
    usesBigStore: false,
    run: p3Concurrent,
  },
  {
    id: "P4",
    title: "warm getEvents({ auditId })",
    target: "≤ 0.5 ms median each",
    usesBigStore: true,
    run: p4Query,
  },
  {
    id: "P5",
    title: "open a JSON store, first query",
    target: "≤ 1.5× readFile + JSON.parse",
    usesBigStore: true,
    run: p5Open,
  },
  {
    id: "P6",
    title: "peak memory of a JSON store",
    target: "≤ 2× the file size",
    usesBigStore: true,
    run: p6Memory,
  },
  {
    id: "P7",
    title: "replay of an audit",
    target: "≥ 1 M events/s",
    usesBigStore: false,
    run: p7Replay,
  },
  {
    id: "J1",
    title: "one durable emit, big store against small",
    target: "≤ 1.5× the small store's and ≤ 10× the in-place append floor",
    usesBigStore: true,
    run: j1DurableEmit,
  },
  {
    id: "J2",
    title: "a follower receives another process's appends",
    target: "p95 < 250 ms, CPU per change ≤ 1.5× the small store's",
    usesBigStore: true,
    run: j2Follower,
  },
  {
    id: "PG1",
    title: "PostgreSQL: append in batches of 500",
    target: "≥ 20,000 events/s",
    usesBigStore: false,
    run: pg1Append,
  },
  {
    id: "PG2",
    title: "PostgreSQL: getEvents({ auditId }) on 1,000,000 events",
    target: "≤ 2 ms median",
    usesBigStore: false,
    run: pg2Query,
  },
  {
    id: "PG3",
    title: "PostgreSQL: watch latency, commit to listener",
    target: "≤ 50 ms p95",
    usesBigStore: false,
    run: pg3Watch,
  },
  {
    id: "R1",
    title: "a run: step rewrites a 20,000-line file",
    target: "≤ 0.5 s added to the phase",
    usesBigStore: false,
    run: r1RewriteDiff,
  },
  {
    id: "R2",
    title: "a run: step changes a 1 GB file",
    target: "peak RSS grows by ≤ 0.1× the file",
    usesBigStore: false,
    run: r2HashBigFile,
  },
  {
    id: "R3",
    title: "from a signal to the exit of run",
    target: "≤ 2 s, audit abandoned, no process left",
    usesBigStore: false,
    run: r3SignalExit,
  },
  {
    id: "W1",
    title: "a web view is interactive in headless Chromium",
    target: "≤ 1 s: audit view of 5,000 events, audits view of 1,000 audits",
    usesBigStore: false,
    run: w1PageLoad,
  },
  {
    id: "W2",
    title: "another process's append appears in an open page",
    target: "p95 ≤ 1 s (JSON), ≤ 500 ms (PostgreSQL)",
    usesBigStore: false,
    run: w2LiveAppend,
  },
  {
    id: "W3",
    title: "20 open pages on one server",
    target: "one store watch, server memory flat over 10,000 events",
    usesBigStore: false,
    run: w3ManyPages,
  },
];
