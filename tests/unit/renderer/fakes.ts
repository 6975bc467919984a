// Fakes the renderer's store tests share: the gate's settings, a snapshot of
// an idle gate, and an API whose every method fails loudly until a test fakes it.
import type { GatehouseApi } from '../../../src/protocol/api'
import { METHOD_CHANNELS } from '../../../src/protocol/channel-names'
import type { Settings } from '../../../src/protocol/settings'
import type { AuditView, GateSnapshot } from '../../../src/protocol/telemetry'

export const SETTINGS: Settings = {
  permits: 4,
  waitTimeoutMs: 10_000,
  lanes: 2,
  runTimeoutMs: 5000,
  memoryMb: 64,
  stackKb: 1024,
}

export const IDLE_AUDIT: AuditView = {
  permits: 4,
  inUse: 0,
  peakInUse: 0,
  acquired: 0,
  released: 0,
  leaked: 0,
  doubleReleases: 0,
  submitted: 0,
  settled: 0,
  inFlight: 0,
  runsWithoutOutcome: 0,
  healthy: true,
}

/** An idle gate of 4 permits and one lane, as of `at`, with `overrides` on top. */
export function gateSnapshot(overrides: Partial<GateSnapshot> = {}, at = 1): GateSnapshot {
  const latency = { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 }
  return {
    at,
    permits: { total: 4, inUse: 0, slots: [] },
    waiters: [],
    waitersTotal: 0,
    awaitingLane: [],
    lanes: [{ lane: 0, state: 'idle', runId: null, nextRunId: null, runs: 0 }],
    host: { pid: 4242, rssBytes: 50 * 1024 * 1024 },
    stats: {
      since: 0,
      submitted: 0,
      settled: 0,
      current: 0,
      ok: 0,
      failed: 0,
      byError: {},
      pool: 0,
      loop: 0,
      timeouts: 0,
      panics: 0,
      rejections: 0,
      latencyMs: { queue: latency, run: latency, total: latency },
    },
    audit: IDLE_AUDIT,
    ...overrides,
  }
}

/** Every method of the API, each rejecting until a test replaces it: loud if one is used unexpectedly. */
export function unusedMethods(): GatehouseApi {
  const methods: Record<string, unknown> = {}
  for (const method of Object.keys(METHOD_CHANNELS))
    methods[method] = () => Promise.reject(new Error(`${method} is not faked`))
  return methods as GatehouseApi
}
