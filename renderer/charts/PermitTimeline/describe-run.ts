import type { StressRunRecord } from '../../../src/protocol/stress'
import { formatDurationMs } from '../../format/duration'

const ms = (value: number) => formatDurationMs(value)
/** A moment of the stress, precise enough to tell neighbouring runs apart: `812.45 ms`, `12.346 s`. */
const at = (value: number) =>
  value < 10_000 ? `${value.toFixed(2)} ms` : `${(value / 1000).toFixed(3)} s`

/** The tooltip's lines for one run. */
export function describeRun(run: StressRunRecord): { title: string; lines: string[] } {
  const lines: string[] = []
  const outcome = run.cause ? `${run.outcome} (${run.cause})` : run.outcome
  lines.push(`outcome: ${outcome}`)
  if (run.fault) lines.push(`fault: ${run.fault}`)
  if (run.lane !== null) lines.push(`lane: ${run.lane}`)
  lines.push(`submitted at ${at(run.submittedAt)}`)
  if (run.admittedAt !== null) {
    lines.push(`admitted at ${at(run.admittedAt)} · waited ${ms(run.admittedAt - run.submittedAt)}`)
    if (run.startedAt !== null) {
      lines.push(
        `started at ${at(run.startedAt)} · held ${ms(run.startedAt - run.admittedAt)} before a lane`,
      )
      lines.push(`settled at ${at(run.settledAt)} · ran ${ms(run.settledAt - run.startedAt)}`)
    } else lines.push(`settled at ${at(run.settledAt)} · never ran`)
  } else lines.push(`settled at ${at(run.settledAt)} · never got a permit`)
  return { title: `Run #${run.i}`, lines }
}
