import { useMemo } from 'react'
import { estimateWaitMisses, msPerRunFromReport } from '../../../src/engine/stress/wait-estimate'
import { useAppStore } from '../../store/context'
import { selectCode, selectLanguage } from '../../store/slices/editor/selectors'
import {
  selectStressForm,
  selectStressReport,
  selectStressReportFinal,
} from '../../store/slices/stress/selectors'
import { readStressForm } from '../../store/slices/stress/stress-form'
import { resolveStressScript } from '../../store/slices/stress/stress-scripts'

/** The lane time assumed for a script no stress has measured yet, in ms. */
export const ASSUMED_MS_PER_RUN = 15

const number = new Intl.NumberFormat('en')
const seconds = (ms: number) => `${number.format(Math.round(ms / 100) / 10)} s`

/**
 * Before Start: how many runs the design will turn away at the wait timeout,
 * from a fluid model of the gate (src/engine/stress/wait-estimate.ts) and
 * the lane time a run of this script took in the last stress of it (or an
 * assumed one). So that 38% ConcurrencyError is no surprise.
 */
export function WaitEstimate() {
  const form = useAppStore(selectStressForm)
  const code = useAppStore(selectCode)
  const language = useAppStore(selectLanguage)
  const report = useAppStore(selectStressReport)
  const final = useAppStore(selectStressReportFinal)

  const view = useMemo(() => {
    if (form.mode === 'compare') return null
    const script = resolveStressScript(form.source, { code, language })
    const read = readStressForm(form, script)
    if (!read.ok || !script) return null
    const bytes = new TextEncoder().encode(script.code).length
    const measured =
      report && final && report.plan.codeBytes === bytes ? msPerRunFromReport(report) : null
    const msPerRun = measured ?? ASSUMED_MS_PER_RUN
    const estimate = estimateWaitMisses({
      runs: read.plan.runs,
      permits: read.gate.permits,
      lanes: read.gate.lanes,
      waitTimeoutMs: read.gate.waitTimeoutMs,
      runTimeoutMs: read.plan.runTimeoutMs ?? 5000,
      arrival: read.plan.arrival,
      faults: read.plan.faults,
      msPerRun,
    })
    return {
      estimate,
      runs: read.plan.runs,
      waitTimeoutMs: read.gate.waitTimeoutMs,
      msPerRun,
      source: measured !== null && report ? `measured in ${report.stressId}` : 'assumed',
    }
  }, [form, code, language, report, final])

  if (!view) return null
  const { estimate, runs, waitTimeoutMs, msPerRun, source } = view
  const percent = Math.round((estimate.missed / runs) * 100)
  return (
    <p
      className={`stress-estimate ${estimate.missed > 0 ? 'is-missing' : ''}`}
      aria-label="Wait estimate"
      data-missed={estimate.missed}
    >
      <strong>
        Estimate: {estimate.missed === 0 ? 'no' : `about ${number.format(estimate.missed)}`} of{' '}
        {number.format(runs)} runs ({percent}%) will miss the {seconds(waitTimeoutMs)} wait timeout
      </strong>
      {estimate.missed > 0 &&
        ` (ConcurrencyError, on top of the faults); a wait timeout over ${seconds(estimate.longestWaitMs)} lets every run in`}
      . The lanes finish about {number.format(Math.round(estimate.capacityPerSec))} runs/s at{' '}
      {number.format(Math.round(msPerRun * 10) / 10)} ms a run ({source}). Only an estimate: the
      machine’s load moves it.
    </p>
  )
}
