import type { StressReportFull } from '../../protocol/stress'
import {
  STRESS_REPORT_FORMAT,
  STRESS_REPORT_VERSION,
  stressReportSchema,
} from '../../protocol/stress'

/** A report file read back: the report, or one line that says why not. */
export type ReadReport = { ok: true; report: StressReportFull } | { ok: false; reason: string }

/** The report as a file holds it: the export, `--report FILE.json` and a saved run alike. */
export function stressReportJson(report: StressReportFull): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/**
 * Reads a stress report file's text. It never throws: a file that is not
 * JSON, not a Gatehouse stress report, written by a newer Gatehouse, or
 * damaged gets a one-line reason that says which, and the text itself is
 * left alone (nothing is repaired or rewritten).
 */
export function parseStressReport(text: string): ReadReport {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, reason: 'not a Gatehouse stress report (the JSON is not an object)' }
  const { format, version } = data as { format?: unknown; version?: unknown }
  if (format !== STRESS_REPORT_FORMAT)
    return {
      ok: false,
      reason:
        format === undefined
          ? `not a Gatehouse stress report (no "format": "${STRESS_REPORT_FORMAT}")`
          : `not a Gatehouse stress report (its format is ${JSON.stringify(format)})`,
    }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, reason: `a stress report with an unknown version (${String(version)})` }
  if (version > STRESS_REPORT_VERSION)
    return {
      ok: false,
      reason: `written by a newer Gatehouse (report version ${version}; this one reads up to version ${STRESS_REPORT_VERSION})`,
    }
  const parsed = stressReportSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    return { ok: false, reason: `a damaged stress report (${where}${issue?.message ?? 'invalid'})` }
  }
  return { ok: true, report: parsed.data }
}
