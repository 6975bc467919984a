// `gatehouse stress --seed / --compare` and `gatehouse report` as a user runs
// them: real processes, a real core, real files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { stressReportCsv } from '../../src/cli/stress-csv'
import type { StressComparisonJson } from '../../src/engine/stress/compare-reports'
import type { StressReportFull } from '../../src/protocol/stress'
import { gatehouse } from './cli/run-gatehouse'

// bin/gatehouse.js rebuilds out/ first when a source changed meanwhile: allow for it.
const CLI_TIMEOUT_MS = 120_000
const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-cli-stress-'))
const file = (name: string) => path.join(folder, name)
const workload = file('workload.js')
writeFileSync(workload, 'let s = 0\nfor (let k = 0; k < 500; k++) s += k\nreturn s + input.i\n')
const STRESS = [
  'stress',
  workload,
  '--runs',
  '200',
  '--faults',
  'throw=10,loop=2',
  '--timeout-ms',
  '100',
]

afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** The CSV's i and fault columns: the plan, without the timings. */
const planColumns = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .map((line) => line.split(',').slice(0, 2).join(','))

describe('gatehouse stress --seed', () => {
  it(
    'the same seed gives the same plan (i and fault columns), another seed another plan',
    async () => {
      const first = await gatehouse([
        ...STRESS,
        '--permits',
        '2',
        '--seed',
        '5',
        '--report',
        file('s5a.csv'),
      ])
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toContain('seed 5')
      const second = await gatehouse([
        ...STRESS,
        '--permits',
        '4',
        '--seed',
        '5',
        '--report',
        file('s5b.csv'),
      ])
      expect(second.code, second.stderr).toBe(0)
      const other = await gatehouse([
        ...STRESS,
        '--permits',
        '2',
        '--seed',
        '6',
        '--report',
        file('s6.json'),
      ])
      expect(other.code, other.stderr).toBe(0)

      const a = planColumns(readFileSync(file('s5a.csv'), 'utf8'))
      const b = planColumns(readFileSync(file('s5b.csv'), 'utf8'))
      const report = JSON.parse(readFileSync(file('s6.json'), 'utf8')) as StressReportFull
      expect(report).toMatchObject({ format: 'gatehouse-stress-report', version: 1 })
      expect(report.plan.seed).toBe(6)
      const c = planColumns(stressReportCsv(report))
      expect(a).toHaveLength(201)
      expect(a.filter((line) => line.endsWith(',throw')).length).toBeGreaterThan(5)
      expect(b).toEqual(a)
      expect(c).not.toEqual(a)
      expect(c.map((line) => line.split(',')[0])).toEqual(a.map((line) => line.split(',')[0]))

      const bad = await gatehouse([...STRESS, '--permits', '2', '--seed', '4294967296'])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('--seed must be a whole number from 0 to 4294967295')
    },
    4 * CLI_TIMEOUT_MS,
  )
})

describe('gatehouse stress --compare', () => {
  it(
    'runs both policies on one plan and prints { a, b, diff }; --report keeps the same JSON',
    async () => {
      const result = await gatehouse([
        ...STRESS,
        '--seed',
        '5',
        '--json',
        '--report',
        file('compare.json'),
        '--compare',
        'permits=1,lanes=1',
        'permits=3,lanes=2,wait-timeout-ms=20000',
      ])
      expect(result.code, result.stderr).toBe(0)
      const lines = result.stdout.trim().split('\n')
      expect(lines).toHaveLength(1)
      const json = JSON.parse(lines[0] as string) as StressComparisonJson
      expect(Object.keys(json)).toEqual(['a', 'b', 'diff'])
      expect(json.a.settings).toEqual({
        permits: 1,
        lanes: 1,
        waitTimeoutMs: 10_000,
        runTimeoutMs: 100,
      })
      expect(json.b.settings).toEqual({
        permits: 3,
        lanes: 2,
        waitTimeoutMs: 20_000,
        runTimeoutMs: 100,
      })
      expect(json.a.plan.seed).toBe(5)
      expect(planColumns(stressReportCsv(json.b))).toEqual(
        planColumns(readFileSync(file('s5a.csv'), 'utf8')),
      )
      expect(json.diff).toMatchObject({
        mode: 'sequential',
        sameWorkload: true,
        audit: { a: true, b: true },
      })
      expect(json.diff.rows).toHaveLength(12)
      expect(JSON.parse(readFileSync(file('compare.json'), 'utf8'))).toEqual(json)
      writeFileSync(file('a.json'), JSON.stringify(json.a))
      writeFileSync(file('b.json'), JSON.stringify(json.b))

      const usage = await gatehouse([...STRESS, '--compare', 'permits=1', 'lanes=2,colour=red'])
      expect(usage.code).toBe(2)
      expect(usage.stderr).toContain(
        '--compare policy B takes KEY=NUMBER pairs (keys: permits, lanes, wait-timeout-ms, timeout-ms), got "colour=red"',
      )
      const one = await gatehouse([...STRESS, '--compare', 'permits=1'])
      expect(one.stderr).toContain('--compare takes two policies')
    },
    3 * CLI_TIMEOUT_MS,
  )
})

describe('gatehouse report', () => {
  it(
    'prints one saved report, or the verdict table of two (text or JSON)',
    async () => {
      const one = await gatehouse(['report', file('s6.json')])
      expect(one.code, one.stderr).toBe(0)
      expect(one.stdout).toMatch(
        /^cli \(done\), permits 2, lanes \d+, wait 10000 ms, run 100 ms\n200 runs in/,
      )
      expect(one.stdout).toContain('audit: PASS')

      const two = await gatehouse(['report', file('a.json'), file('b.json')])
      expect(two.code, two.stderr).toBe(0)
      expect(two.stdout).toContain('A: cli-a, permits 1, lanes 1')
      expect(two.stdout).toMatch(/\nThroughput +[\d,.]+ runs\/s +[\d,.]+ runs\/s/)
      expect(two.stdout).toContain('run one after the other on this machine')
      expect(two.stdout).toContain('audit: A PASS, B PASS')

      // The comparison's own file (--compare … --report) is its two reports.
      const saved = await gatehouse(['report', file('compare.json'), '--json'])
      expect(saved.code, saved.stderr).toBe(0)
      expect((JSON.parse(saved.stdout) as StressComparisonJson).diff.mode).toBe('sequential')

      const json = await gatehouse(['report', file('a.json'), file('s6.json'), '--json'])
      const parsed = JSON.parse(json.stdout) as StressComparisonJson
      expect(parsed.diff).toMatchObject({
        mode: 'separate',
        sameWorkload: false,
        workloadDifferences: ['seed: 5 vs 6'],
      })
    },
    CLI_TIMEOUT_MS,
  )

  it(
    'a damaged, foreign, newer or missing file: exit 1 and one line that says why',
    async () => {
      const report = readFileSync(file('s6.json'), 'utf8')
      writeFileSync(file('cut.json'), report.slice(0, 200))
      writeFileSync(file('package.json'), '{"name": "x"}')
      writeFileSync(file('newer.json'), JSON.stringify({ ...JSON.parse(report), version: 9 }))
      const cases: [string, string][] = [
        ['cut.json', 'not JSON ('],
        ['package.json', 'not a Gatehouse stress report (no "format": "gatehouse-stress-report")'],
        [
          'newer.json',
          'written by a newer Gatehouse (report version 9; this one reads up to version 1)',
        ],
        ['missing.json', 'cannot read it (no such file)'],
      ]
      for (const [name, reason] of cases) {
        const result = await gatehouse(['report', file('a.json'), file(name)])
        expect(result.code, name).toBe(1)
        expect(result.stdout).toBe('')
        expect(result.stderr.trim().split('\n'), name).toHaveLength(1)
        expect(result.stderr).toContain(`gatehouse: ${file(name)}: ${reason}`)
      }
      // Nothing is repaired or rewritten.
      expect(readFileSync(file('cut.json'), 'utf8')).toBe(report.slice(0, 200))
    },
    CLI_TIMEOUT_MS,
  )
})
