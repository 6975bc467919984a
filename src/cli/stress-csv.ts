import type { StressReportFull } from '../protocol/stress'

const COLUMNS = [
  'i',
  'fault',
  'submittedAt',
  'admittedAt',
  'startedAt',
  'settledAt',
  'lane',
  'outcome',
  'cause',
] as const

/** One line per run, times in ms since the stress started; empty where a run never got that far. */
export function stressReportCsv(report: StressReportFull): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return ''
    const text = String(value)
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const lines = [COLUMNS.join(',')]
  for (const run of report.runs) lines.push(COLUMNS.map((c) => cell(run[c])).join(','))
  return `${lines.join('\n')}\n`
}
