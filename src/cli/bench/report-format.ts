import type { ThroughputResult } from './measure'
import type { PipelineReport } from './pipeline-cpu'
import type { Target } from './targets'

/** The parts of the results file the printed report shows. */
export interface PrintedResults {
  date: string
  machine: { cpu: string; cores: number; node: string }
  peers: string[]
  throughput: ThroughputResult[]
  latencyMs: { p50: number; p99: number }
  stress: {
    runs: number
    throughputPerSec: number
    leaked: number
    hostRssMb: Record<string, number>
  }
  coldStartMs: number
  /** Where Gatehouse's CPU and messages went, by workload; a string says why not measured. */
  pipeline: Record<string, PipelineReport | undefined> | string
  targets: Target[]
}

const show = (n: number | null): string => (n === null ? 'n/a' : String(n))

/** The pipeline table: one column per workload, one row per thread group and hop. */
function pipelineTable(pipeline: Record<string, PipelineReport | undefined>): string[] {
  const columns = Object.entries(pipeline).filter(
    (entry): entry is [string, PipelineReport] => entry[1] !== undefined,
  )
  if (columns.length === 0) return []
  const row = (label: string, cell: (p: PipelineReport) => string): string =>
    `| ${label} | ${columns.map(([, p]) => cell(p)).join(' | ')} |`
  const ms = (n: number): string => n.toFixed(3)
  const lines = [
    '',
    `Where Gatehouse's time goes (CPU ms per run, from /proc; lanes are the busiest host threads):`,
    '',
    `| | ${columns.map(([name, p]) => `${name} (${p.runs} runs)`).join(' | ')} |`,
    `| --- |${columns.map(() => ' ---: |').join('')}`,
    row('main process, main thread', (p) => ms(p.mainThreadMsPerRun)),
    row('main process, other threads', (p) => ms(p.mainOtherThreadsMsPerRun)),
    row('sandbox host, main thread', (p) => ms(p.hostThreadMsPerRun)),
    row('lanes, all together', (p) => ms(p.laneMsPerRun)),
    row('sandbox host, helper threads', (p) => ms(p.hostHelpersMsPerRun)),
    row('lanes busy (CPU / wall), mean', (p) => `${Math.round(p.laneBusyFraction * 100)}%`),
    row('each lane: ms/run, busy, waiting for a core', (p) =>
      p.lanes
        .map(
          (l) =>
            `${ms(l.msPerRun)}, ${Math.round(l.busyFraction * 100)}%, ${
              l.waitingForCoreFraction === undefined
                ? 'n/a'
                : `${Math.round(l.waitingForCoreFraction * 100)}%`
            }`,
        )
        .join('; '),
    ),
    row('messages per run, main -> host', (p) => show(p.messagesPerRun.mainToHost)),
    row('messages per run, host -> main', (p) => show(p.messagesPerRun.hostToMain)),
    row('messages per run, host -> lanes', (p) => show(p.messagesPerRun.hostToLanes)),
    row('messages per run, lanes -> host', (p) => show(p.messagesPerRun.lanesToHost)),
  ]
  const skipped = columns.filter(([, p]) => p.skippedBatches > 0)
  for (const [name, p] of skipped) {
    lines.push(`(${name}: ${p.skippedBatches} batches left out, the host restarted during them)`)
  }
  return lines
}

/**
 * The CPU a run may cost in all threads together for Gatehouse to keep up
 * with the floor on this machine's cores: a necessary condition for the
 * throughput target, however well the threads overlap.
 */
function cpuBudget(r: PrintedResults): string | undefined {
  const cpuOf = (contender: string): number | null | undefined =>
    r.throughput.find((t) => t.contender === contender && t.script === 'trivial')?.cpuMsPerRun
  const floor = cpuOf('QuickJS floor')
  const gatehouse = cpuOf('Gatehouse')
  if (!floor || !gatehouse) return undefined
  const budget = r.machine.cores * floor
  return `CPU budget: to match the floor on ${r.machine.cores} cores a trivial run may cost at most ${budget.toFixed(3)} ms of CPU in all threads together (${r.machine.cores} x the floor's ${floor.toFixed(3)} ms); Gatehouse used ${gatehouse.toFixed(3)} ms (${(gatehouse / budget).toFixed(2)}x the budget).`
}

/** The human-readable report of one bench invocation, Markdown tables included. */
export function formatReport(r: PrintedResults): string {
  const lines = [
    `Gatehouse bench, ${r.date.slice(0, 10)}, ${r.machine.cpu} (${r.machine.cores} cores), Node ${r.machine.node}`,
    '',
    '| contender | trivial (runs/s) | cpu (runs/s) | trivial (CPU ms/run) | cpu (CPU ms/run) |',
    '| --- | ---: | ---: | ---: | ---: |',
  ]
  const names = [...new Set(r.throughput.map((t) => t.contender))]
  for (const name of names) {
    const get = (script: string): ThroughputResult | undefined =>
      r.throughput.find((t) => t.contender === name && t.script === script)
    const rate = (script: string): number => get(script)?.runsPerSec ?? 0
    const cpu = (script: string): string => show(get(script)?.cpuMsPerRun ?? null)
    lines.push(
      `| ${name} | ${rate('trivial')} | ${rate('cpu')} | ${cpu('trivial')} | ${cpu('cpu')} |`,
    )
  }
  for (const note of r.peers) lines.push(`| (${note}) | | | | |`)
  lines.push(
    '',
    `idle latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms; cold start ${r.coldStartMs} ms`,
    `stress: ${r.stress.runs} runs at ${r.stress.throughputPerSec} runs/s, leaked ${r.stress.leaked}, host RSS ${Object.entries(
      r.stress.hostRssMb,
    )
      .map(([at, mb]) => `${mb} MB at ${at}`)
      .join(', ')}`,
  )
  if (typeof r.pipeline === 'string') lines.push('', `CPU per thread not measured: ${r.pipeline}`)
  else {
    lines.push(...pipelineTable(r.pipeline))
    const budget = cpuBudget(r)
    if (budget) lines.push('', budget)
  }
  lines.push(
    '',
    '| target | value | goal | met |',
    '| --- | ---: | --- | --- |',
    ...r.targets.map(
      (t) =>
        `| ${t.name} | ${t.value === null ? 'n/a' : `${t.value} ${t.unit}`} | ${t.goal} | ${
          t.met === null ? '-' : t.met ? 'met' : 'NOT MET'
        } |`,
    ),
  )
  return lines.join('\n')
}
