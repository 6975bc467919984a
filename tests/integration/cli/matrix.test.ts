// `gatehouse matrix` and `gatehouse gates` as a user runs them: a real
// process, a real core, real lanes.
import { describe, expect, it } from 'vitest'
import type { GateVerdict } from '../../../src/protocol/gate-verdict'
import { gatehouse } from './run-gatehouse'

// bin/gatehouse.js rebuilds out/ first when a source changed meanwhile: allow for it.
const CLI_TIMEOUT_MS = 90_000

describe('gatehouse matrix', { timeout: CLI_TIMEOUT_MS }, () => {
  it('--json prints the nine paths and the overcommit, exactly in the documented shape; exit 0', async () => {
    const result = await gatehouse(['matrix', '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    const report = JSON.parse(lines[0] as string) as {
      paths: Record<string, unknown>[]
      overcommit: {
        permits: number
        gatehouse: Record<string, unknown>
        releaseOnTimeout: Record<string, unknown>
      }
    }
    expect(Object.keys(report)).toEqual(['paths', 'overcommit'])
    expect(report.paths.map((p) => Object.keys(p))).toEqual(
      Array.from({ length: 9 }, () => ['n', 'name', 'outcome', 'permitTaken', 'permitReturned']),
    )
    expect(report.paths.map((p) => [p.n, p.outcome, p.permitTaken, p.permitReturned])).toEqual([
      [1, 'ValidationError', false, false],
      [2, 'ConcurrencyError', false, false],
      [3, 'ok', true, true],
      [4, 'PanicError', true, true],
      [5, 'PanicError', true, true],
      [6, 'TimeoutError', true, true],
      [7, 'ScriptError', true, true],
      [8, 'ok', true, true],
      [9, 'TimeoutError', true, true],
    ])
    expect(report.paths[8]?.name).toBe('released on timeout while the work goes on')
    expect(Object.keys(report.overcommit)).toEqual(['permits', 'gatehouse', 'releaseOnTimeout'])
    expect(Object.keys(report.overcommit.gatehouse)).toEqual(['peakRunning'])
    expect(Object.keys(report.overcommit.releaseOnTimeout)).toEqual(['peakRunning'])
    const { permits, gatehouse: real, releaseOnTimeout } = report.overcommit
    expect(permits).toBe(2)
    expect(real.peakRunning as number).toBeLessThanOrEqual(permits)
    expect(releaseOnTimeout.peakRunning as number).toBeGreaterThan(permits)
  })

  it('prints a table a person can read, and refuses arguments', async () => {
    const result = await gatehouse(['matrix'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^ 1 {2}input validation fails +ValidationError +permit not taken$/m,
    )
    expect(result.stdout).toMatch(
      /^ 6 {2}execution timeout +TimeoutError \(interrupt\) +permit taken, returned$/m,
    )
    expect(result.stdout).toMatch(/With 2 permits, Gatehouse ran at most [12] scripts at once/)
    expect(result.stdout).not.toMatch(/went wrong/)

    const usage = await gatehouse(['matrix', 'extra'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/matrix takes no arguments, got "extra"/)
  })
})

describe('gatehouse gates', { timeout: CLI_TIMEOUT_MS }, () => {
  it('has the fourth broken gate: released on timeout, more tasks running than permits', async () => {
    const result = await gatehouse(['gates', '--json'])
    expect(result.code).toBe(0)
    const verdicts = JSON.parse(result.stdout) as GateVerdict[]
    expect(verdicts.map((v) => v.gate)).toEqual([
      'Gatehouse semaphore',
      'release outside finally',
      'double release',
      'no wait timeout',
      'release on timeout',
    ])
    const onTimeout = verdicts[4] as GateVerdict
    expect(onTimeout.peakRunning).toBeGreaterThan(onTimeout.permits as number)
    expect(onTimeout.runTimeouts).toBeGreaterThan(0)
    expect(onTimeout.verdict).toMatch(/ran at once with 4 permits/)

    const text = await gatehouse(['gates'])
    expect(text.stdout).toContain(
      'release on timeout (release at the run timeout, the work goes on)',
    )
    expect(text.stdout).toMatch(/answered at the run timeout \d+/)
  })
})
