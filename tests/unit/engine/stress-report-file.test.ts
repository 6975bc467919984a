import { describe, expect, it } from 'vitest'
import { compareReports } from '../../../src/engine/stress/compare-reports'
import { parseStressReport, stressReportJson } from '../../../src/engine/stress/report-file'
import { sampleReport } from './stress-report-fixture'

describe('reading a stress report file', () => {
  it('reads back what it wrote', () => {
    const report = sampleReport()
    expect(parseStressReport(stressReportJson(report))).toEqual({ ok: true, report })
  })

  it('says in one line why a file is not a report it can show', () => {
    const reason = (text: string) => {
      const read = parseStressReport(text)
      if (read.ok) throw new Error('expected a refusal')
      expect(read.reason).not.toContain('\n')
      return read.reason
    }
    expect(reason('{"format": "gatehouse-stress-report", "version": 1,')).toMatch(/^not JSON \(/)
    expect(reason('[1, 2]')).toBe('not a Gatehouse stress report (the JSON is not an object)')
    expect(reason('{"name": "package"}')).toBe(
      'not a Gatehouse stress report (no "format": "gatehouse-stress-report")',
    )
    expect(reason('{"format": "gatehouse-sidecar"}')).toBe(
      'not a Gatehouse stress report (its format is "gatehouse-sidecar")',
    )
    expect(reason(JSON.stringify({ ...sampleReport(), version: 2 }))).toBe(
      'written by a newer Gatehouse (report version 2; this one reads up to version 1)',
    )
    expect(reason(JSON.stringify({ ...sampleReport(), version: 'one' }))).toBe(
      'a stress report with an unknown version (one)',
    )
    const damaged = sampleReport()
    ;(damaged.runs[3] as { settledAt: unknown }).settledAt = 'late'
    expect(reason(JSON.stringify(damaged))).toMatch(
      /^a damaged stress report \(runs\.3\.settledAt: /,
    )
    const { audit: _audit, ...noAudit } = sampleReport()
    expect(reason(JSON.stringify(noAudit))).toMatch(/^a damaged stress report \(audit: /)
  })
})

describe('the verdict of two reports', () => {
  it('gives each metric its difference and the better side, by the metric’s direction', () => {
    const a = sampleReport()
    const b = sampleReport({
      stressId: 'stress2',
      throughputPerSec: 1000,
      wallMs: 5,
      latencyMs: { ...a.latencyMs, queue: { p50: 1, p95: 2, p99: 9 } },
      outcomes: { ok: 3, error: { ScriptError: 1, ConcurrencyError: 1 } },
      lanes: { count: 2, recycled: 1, panics: 0 },
    })
    const diff = compareReports(a, b)
    const row = (metric: string) => diff.rows.find((r) => r.metric === metric)
    expect(diff.rows.map((r) => r.metric)).toEqual([
      'throughput',
      'queue.p50',
      'queue.p95',
      'queue.p99',
      'total.p50',
      'total.p95',
      'total.p99',
      'concurrencyErrors',
      'timeouts',
      'panics',
      'recycledLanes',
      'wall',
    ])
    expect(row('throughput')).toMatchObject({ a: 555.56, b: 1000, difference: 444.44, winner: 'b' })
    expect(row('throughput')?.relative).toBeCloseTo(0.8, 3)
    expect(row('queue.p50')).toMatchObject({ difference: -2.1, winner: 'b', better: 'lower' })
    expect(row('queue.p99')).toMatchObject({ a: 5.1, b: 9, winner: 'a' })
    expect(row('concurrencyErrors')).toMatchObject({ a: 0, b: 1, relative: null, winner: 'a' })
    expect(row('timeouts')?.winner).toBe('tie')
    expect(row('recycledLanes')?.winner).toBe('a')
    expect(row('wall')).toMatchObject({ difference: -4, winner: 'b' })
    expect(diff.wins.a + diff.wins.b + diff.wins.tie).toBe(diff.rows.length)
    // Two reports compared afterwards, not one comparison's halves.
    expect(diff.mode).toBe('separate')
    expect(diff.sameWorkload).toBe(true)
  })

  it('says when the two did not run the same workload', () => {
    const a = sampleReport()
    const b = sampleReport({ plan: { ...a.plan, seed: 8, runs: 6, faults: { loop: 1 } } })
    const diff = compareReports(a, b)
    expect(diff.sameWorkload).toBe(false)
    expect(diff.workloadDifferences).toEqual([
      'runs: 5 vs 6',
      'faults: {"throw":20} vs {"loop":1}',
      'seed: 7 vs 8',
    ])
  })

  it('calls two halves of one comparison sequential', () => {
    const role = { comparisonId: 'stress4', mode: 'sequential' as const }
    const diff = compareReports(
      sampleReport({ comparison: { ...role, role: 'a' } }),
      sampleReport({ comparison: { ...role, role: 'b' } }),
    )
    expect(diff.mode).toBe('sequential')
  })
})
