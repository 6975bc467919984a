import type { StressReportFull, StressRunRecord } from '../../../src/protocol/stress'

/** A small, valid stress report: five runs on two permits, one ScriptError; override as needed. */
export function sampleReport(overrides: Partial<StressReportFull> = {}): StressReportFull {
  const runs: StressRunRecord[] = [
    { i: 0, submittedAt: 0, admittedAt: 0.1, startedAt: 0.2, settledAt: 3, lane: 0, outcome: 'ok' },
    { i: 1, submittedAt: 0, admittedAt: 0.1, startedAt: 0.3, settledAt: 4, lane: 1, outcome: 'ok' },
    {
      i: 2,
      fault: 'throw',
      submittedAt: 0,
      admittedAt: 3,
      startedAt: 3.1,
      settledAt: 5,
      lane: 0,
      outcome: 'ScriptError',
    },
    { i: 3, submittedAt: 0, admittedAt: 4, startedAt: 4.2, settledAt: 8, lane: 1, outcome: 'ok' },
    { i: 4, submittedAt: 0, admittedAt: 5, startedAt: 5.1, settledAt: 9, lane: 0, outcome: 'ok' },
  ]
  return {
    format: 'gatehouse-stress-report',
    version: 1,
    stressId: 'stress1',
    plan: {
      language: 'js',
      runs: 5,
      arrival: { pattern: 'burst' },
      faults: { throw: 20 },
      runTimeoutMs: 100,
      seed: 7,
      codeBytes: 14,
    },
    settings: { permits: 2, lanes: 2, waitTimeoutMs: 10_000, runTimeoutMs: 100 },
    state: 'done',
    startedAt: Date.UTC(2026, 11, 2, 7, 15, 3),
    wallMs: 9,
    submitted: 5,
    outcomes: { ok: 4, error: { ScriptError: 1 } },
    audit: {
      permits: 2,
      peakInUse: 2,
      inUseAfter: 0,
      leaked: 0,
      doubleReleases: 0,
      runsWithoutOutcome: 0,
      passed: true,
    },
    waitingPeak: 3,
    lanes: { count: 2, recycled: 0, panics: 0 },
    throughputPerSec: 555.56,
    latencyMs: {
      queue: { p50: 3.1, p95: 5.1, p99: 5.1 },
      run: { p50: 2.8, p95: 4, p99: 4 },
      total: { p50: 5, p95: 9, p99: 9 },
    },
    series: [
      {
        t: 9,
        completed: 5,
        throughputPerSec: 555.56,
        queueMs: { p50: 3.1, p95: 5.1, p99: 5.1 },
        runMs: { p50: 2.8, p95: 4, p99: 4 },
        permitsInUse: 0,
        waiters: 0,
        timeouts: 0,
        panics: 0,
      },
    ],
    runs,
    ...overrides,
  }
}
