import type { StressDiff, VerdictRow } from '../engine/stress/compare-reports'
import type { StressReportFull } from '../protocol/stress'

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

function reading(value: number, unit: VerdictRow['unit']): string {
  return unit === 'runs/s' || unit === 'ms'
    ? `${number.format(value)} ${unit}`
    : number.format(value)
}

function change(row: VerdictRow): string {
  if (row.difference === 0) return '0'
  const sign = row.difference > 0 ? '+' : ''
  const relative =
    row.relative === null ? '' : ` (${sign}${number.format(Math.round(row.relative * 1000) / 10)}%)`
  return `${sign}${number.format(row.difference)}${relative}`
}

/** `permits 2, lanes 1, wait 10000 ms, run 5000 ms`. */
export function describePolicy(settings: StressReportFull['settings']): string {
  return `permits ${settings.permits}, lanes ${settings.lanes}, wait ${settings.waitTimeoutMs} ms, run ${settings.runTimeoutMs} ms`
}

/**
 * The verdict table as text: one line per metric with A, B, the difference
 * (B - A, and relative to A) and which did better; the policies and the
 * workload above it, the audits below.
 */
export function formatVerdictTable(
  a: StressReportFull,
  b: StressReportFull,
  diff: StressDiff,
): string {
  const header = ['metric', 'A', 'B', 'B - A', 'better']
  const rows = diff.rows.map((row) => [
    row.label,
    reading(row.a, row.unit),
    reading(row.b, row.unit),
    change(row),
    row.winner === 'tie' ? '=' : row.winner.toUpperCase(),
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((cells) => (cells[column] as string).length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || column === 4
          ? cell.padEnd(widths[column] as number)
          : cell.padStart(widths[column] as number),
      )
      .join('  ')
      .trimEnd()
  const how =
    diff.mode === 'sequential'
      ? 'run one after the other on this machine, each with the whole gate'
      : 'two separate runs, compared afterwards'
  const workload = diff.sameWorkload
    ? `the same workload: ${a.plan.runs} runs, seed ${a.plan.seed}`
    : `DIFFERENT workloads (${diff.workloadDifferences.join('; ')})`
  const verdict = (passed: boolean) => (passed ? 'PASS' : 'FAIL')
  return [
    `A: ${a.stressId}, ${describePolicy(a.settings)}`,
    `B: ${b.stressId}, ${describePolicy(b.settings)}`,
    `${workload}; ${how}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `wins: A ${diff.wins.a}, B ${diff.wins.b}, even ${diff.wins.tie}`,
    `audit: A ${verdict(diff.audit.a)}, B ${verdict(diff.audit.b)}`,
  ].join('\n')
}
