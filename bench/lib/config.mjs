// Benchmark settings. BENCH_QUICK=1 gives a 1–2 minute smoke run; each duration can also be
// set on its own (values in milliseconds unless named otherwise).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const BENCH_DIR = path.join(ROOT, 'bench');
export const BENCH_EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3-bench');

function int(name, fallback, env) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return Math.round(n);
}

export function loadConfig(env = process.env) {
  const quick = env.BENCH_QUICK === '1';
  return {
    quick,
    skipBuild: env.BENCH_SKIP_BUILD === '1',
    /** Comma-separated section ids to run (sizes, overhead, idle, tip, cold, memory, popup, suitecrm); all when empty. */
    only: (env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    fields: int('BENCH_FIELDS', 2000, env),
    /**
     * Section 2's rounds. Sixteen: on this 2-core machine one round's ratio has a standard
     * deviation of about 0.05 on the same code (0.98× to 1.15× in one run), so six rounds left a
     * run's ratio ±0.02 (one standard error) from the code's own, as much as the distance between
     * the figures and the 1.05× budget; sixteen leave about ±0.013 (bench/README.md, "How many
     * rounds").
     */
    rounds: int('BENCH_ROUNDS', quick ? 1 : 16, env),
    /**
     * Section 2's pairs of browsers, the rounds shared out among them, launched in turn with the
     * extension's browser first and second. Four: a pair keeps an offset of its own through its
     * rounds (bench/README.md, "Browser pairs"), which two pairs of eight rounds carried into
     * the run's figure.
     */
    pairs: int('BENCH_PAIRS', quick ? 1 : 4, env),
    churnMs: int('BENCH_CHURN_MS', quick ? 5_000 : 15_000, env),
    /** Section 2: the two browsers take turns in windows this long (each round's churn, split). */
    windowMs: int('BENCH_WINDOW_MS', 3_000, env),
    settleMs: int('BENCH_SETTLE_MS', quick ? 1_500 : 2_000, env),
    profileRound: env.BENCH_PROFILE_ROUND !== '0',
    /** Section 2 with the extension on neither side: what the protocol itself reads as a ratio. */
    aa: env.BENCH_AA === '1',
    idleMs: int('BENCH_IDLE_MS', quick ? 5_000 : 30_000, env),
    idleSettleMs: int('BENCH_IDLE_SETTLE_MS', quick ? 2_000 : 5_000, env),
    tipRuns: int('BENCH_TIP_RUNS', quick ? 3 : 7, env),
    /** Fresh-profile launches for the cold-start first tip (section 4b). */
    coldRuns: int('BENCH_COLD_RUNS', quick ? 1 : 3, env),
    /** Navigations measured, after the warm-up ones (docs/architecture.md: no growth over 1,000). */
    memNavs: int('BENCH_MEM_NAVS', quick ? 100 : 1000, env),
    /**
     * Warm-up navigations before the baseline: V8 compiles and optimises the content script's hot
     * paths over the first few dozen navigations (about 1 MB of code space, which then stays
     * flat); growth after that is what a leak would show.
     */
    memBaselineNavs: int('BENCH_MEM_BASELINE_NAVS', quick ? 30 : 100, env),
    memFields: int('BENCH_MEM_FIELDS', 200, env),
    /** Cap on the navigation phase per variant, to keep the run under 10 minutes. */
    memMaxMs: int('BENCH_MEM_MAX_MS', quick ? 30_000 : 150_000, env),
    memBudgetBytes: int('BENCH_MEM_BUDGET_BYTES', 1024 * 1024, env),
    seedEvents: int('BENCH_SEED_EVENTS', 73_000, env),
    seedDays: int('BENCH_SEED_DAYS', 365, env),
    /** Days sent through recordEvents; older days are imported as rollups (retention is 180 days). */
    recentDays: int('BENCH_RECENT_DAYS', 178, env),
    ingestBatch: int('BENCH_INGEST_BATCH', 100, env),
    ingestConcurrency: int('BENCH_INGEST_CONCURRENCY', 4, env),
    popupOpens: int('BENCH_POPUP_OPENS', quick ? 3 : 7, env),
    /** The real SuiteCRM (section 8): rounds per variant, detail-view window, window per ajaxUI navigation. */
    suiteRounds: int('BENCH_SUITE_ROUNDS', quick ? 1 : 3, env),
    suiteDetailMs: int('BENCH_SUITE_DETAIL_MS', quick ? 2_500 : 4_000, env),
    suiteNavMs: int('BENCH_SUITE_NAV_MS', quick ? 2_000 : 2_500, env),
  };
}

/** Budgets of docs/architecture.md ("Budgets"). */
export const BUDGETS = {
  contentGzipBytes: 100 * 1024,
  firstTipMs: 50,
  /** Fresh profile: first tip within 1 s of the page model being ready (issue 15). */
  coldFirstTipMs: 1000,
  batchMedianMs: 1,
  batchP99Ms: 8,
  /** A navigation costs no more than a few batches of the normal size (issue 16): this many p99 batches. */
  navigationBatches: 3,
  longTaskMs: 50,
  idleMs: 0,
  overheadRatio: 1.05,
  popupMs: 150,
};
