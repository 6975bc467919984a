import { stressReportCsv } from '../../../src/cli/stress-csv'
import { stressReportJson } from '../../../src/engine/stress/report-file'
import type { StressReportFull } from '../../../src/protocol/stress'

export { stressReportCsv, stressReportJson }

/** `gatehouse-stress3-2025-01-31-142501.json`: the stress and when it started, local time. */
export function reportFileName(report: StressReportFull, suffix: string): string {
  const at = new Date(report.startedAt)
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp =
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  return `gatehouse-${report.stressId}-${stamp}${suffix}`
}

/** Saves a blob through an `<a download>` link (no navigation, nothing leaves the machine). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own reference by now; a moment later the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
