import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { StressComparisonJson } from '../engine/stress/compare-reports'
import { compareReports } from '../engine/stress/compare-reports'
import { parseStressReport } from '../engine/stress/report-file'
import type { StressReportFull } from '../protocol/stress'
import { formatReport } from './stress-command'
import { UsageError } from './usage'
import { describePolicy, formatVerdictTable } from './verdict-table'

/** A saved report that cannot be shown: main prints the message as one line, exit status 1. */
export class ReportFileError extends Error {
  override readonly name = 'ReportFileError'
}

/**
 * Reads and checks one report file, or throws a ReportFileError that names
 * it and says why. A comparison's file (`--compare … --report FILE.json`,
 * `{ a, b, diff }`) gives its two reports.
 */
export function readReportFile(file: string): StressReportFull[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a folder, not a file'
          : (error as Error).message
    throw new ReportFileError(`${file}: cannot read it (${reason})`)
  }
  const read = parseStressReport(text)
  if (read.ok) return [read.report]
  const pair = comparisonHalves(text)
  if (pair) return pair
  throw new ReportFileError(`${file}: ${read.reason}`)
}

/** The two reports of a comparison's `{ a, b, diff }` file, or null when the text is not one. */
function comparisonHalves(text: string): StressReportFull[] | null {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof data !== 'object' || data === null || !('a' in data) || !('b' in data)) return null
  const halves = [data.a, data.b].map((half) => parseStressReport(JSON.stringify(half)))
  const reports = halves.flatMap((half) => (half.ok ? [half.report] : []))
  return reports.length === 2 ? reports : null
}

/** `gatehouse report A.json [B.json] [--json]`: one saved report, or the verdict of two. */
export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  })
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError('report takes one report file, or two to compare')
  const reports = positionals.flatMap(readReportFile)
  if (reports.length > 2)
    throw new UsageError(
      'report compares two reports: give one comparison file, or two report files',
    )
  const [a, b] = reports as [StressReportFull, StressReportFull?]
  if (!b) {
    process.stdout.write(
      values.json
        ? `${JSON.stringify(a)}\n`
        : `${a.stressId} (${a.state}), ${describePolicy(a.settings)}\n${formatReport(a)}\n`,
    )
    return 0
  }
  const result: StressComparisonJson = { a, b, diff: compareReports(a, b) }
  process.stdout.write(
    values.json ? `${JSON.stringify(result)}\n` : `${formatVerdictTable(a, b, result.diff)}\n`,
  )
  return 0
}
