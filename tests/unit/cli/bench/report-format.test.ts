import { describe, expect, it } from 'vitest'
import type { PipelineReport } from '../../../../src/cli/bench/pipeline-cpu'
import type { PrintedResults } from '../../../../src/cli/bench/report-format'
import { formatReport } from '../../../../src/cli/bench/report-format'

const pipeline: PipelineReport = {
  runs: 100,
  wallMs: 50,
  totalMsPerRun: 1.2,
  mainThreadMsPerRun: 0.2,
  mainOtherThreadsMsPerRun: 0.05,
  hostThreadMsPerRun: 0.2,
  laneMsPerRun: 0.7,
  laneBusyFraction: 0.3,
  lanes: [
    {
      tid: 7,
      name: 'node',
      cpuMs: 70,
      msPerRun: 0.7,
      busyFraction: 0.3,
      waitingForCoreFraction: undefined,
    },
  ],
  hostHelpersMsPerRun: 0.05,
  messagesPerRun: { mainToHost: 1, hostToMain: 0.5, hostToLanes: null, lanesToHost: null },
  skippedBatches: 0,
}

const results: PrintedResults = {
  date: '2026-12-02T08:00:00.000Z',
  machine: { cpu: 'AMD EPYC', cores: 2, node: 'v20.20.2' },
  peers: ['isolated-vm is not installed (Cannot find module)'],
  throughput: [
    {
      contender: 'QuickJS floor',
      script: 'trivial',
      runsPerSec: 5000,
      rounds: [5000],
      runsPerRound: 10,
      cpuMsPerRun: 0.2,
    },
    {
      contender: 'Gatehouse',
      script: 'trivial',
      runsPerSec: 1500,
      rounds: [1500],
      runsPerRound: 10,
      cpuMsPerRun: 1.2,
    },
  ],
  latencyMs: { p50: 0.5, p99: 1 },
  stress: { runs: 2000, throughputPerSec: 1500, leaked: 0, hostRssMb: { '2000': 120 } },
  coldStartMs: 150,
  pipeline: { trivial: pipeline, cpu: undefined },
  targets: [{ name: 'idle latency p50', value: null, unit: 'ms', goal: 'not measured', met: null }],
}

describe('formatReport', () => {
  const text = formatReport(results)

  it('shows where the CPU went, with n/a for hops the core does not count and for missing schedstats', () => {
    expect(text).toContain('| | trivial (100 runs) |')
    expect(text).toContain('| lanes, all together | 0.700 |')
    expect(text).toContain('| each lane: ms/run, busy, waiting for a core | 0.700, 30%, n/a |')
    expect(text).toContain('| messages per run, main -> host | 1 |')
    expect(text).toContain('| messages per run, host -> lanes | n/a |')
  })

  it("gives Gatehouse's CPU against the budget the floor leaves on these cores", () => {
    expect(text).toContain(
      "at most 0.400 ms of CPU in all threads together (2 x the floor's 0.200 ms); Gatehouse used 1.200 ms (3.00x the budget)",
    )
  })

  it('lists skipped peers and unjudged targets as such', () => {
    expect(text).toContain('| (isolated-vm is not installed (Cannot find module)) | | | | |')
    expect(text).toContain('| idle latency p50 | n/a | not measured | - |')
  })

  it('says why CPU per thread is missing instead of a table', () => {
    const elsewhere = formatReport({ ...results, pipeline: 'no /proc on darwin' })
    expect(elsewhere).toContain('CPU per thread not measured: no /proc on darwin')
    expect(elsewhere).not.toContain('CPU budget')
  })
})
