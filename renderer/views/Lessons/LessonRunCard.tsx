import type { Lesson } from '../../../src/lessons/lesson-file'
import { TraceView } from '../../components/ResultPanel/TraceView'
import { formatDurationMs } from '../../format/duration'
import { describeOutcome, outcomeMeets } from '../../lessons/expectation'
import type { LessonRunRecord } from '../../store/slices/lessons/types'
import { InsideEvents } from './InsideEvents'
import { useRunEvents } from './use-run-events'

const PREVIEW_CHARS = 240

function preview(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? 'undefined'
  } catch {
    text = String(value)
  }
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text
}

interface LessonRunCardProps {
  lesson: Pick<Lesson, 'expect' | 'cause'>
  run: LessonRunRecord
  /** 1-based, shown when the lesson runs more than once. */
  number: number | null
  /** Marks a line of the lesson's script (from a trace's timer). */
  onLine?: (line: number) => void
}

/** One run of a lesson: how it ended against the expectation, and what happened inside. */
export function LessonRunCard({ lesson, run, number, onLine }: LessonRunCardProps) {
  const events = useRunEvents([run.runId])
  const { outcome } = run
  const label = number === null ? 'The run' : `Run ${number}`
  const met = outcome ? outcomeMeets(lesson, outcome) : null
  return (
    <article className="lesson-run" aria-label={label}>
      <header className="lesson-run-header">
        <strong>{label}</strong>
        <span className="lesson-run-id">{run.runId}</span>
        {outcome?.lane !== undefined && <span className="tag">lane {outcome.lane}</span>}
        {outcome && <span className="tag">{formatDurationMs(outcome.timing.totalMs)}</span>}
      </header>
      {run.requestError ? (
        <p className="lesson-run-error">The request failed: {run.requestError}</p>
      ) : !outcome ? (
        <p className="lesson-run-pending">
          <span className="spinner" aria-hidden="true" /> Running…
        </p>
      ) : (
        <div className="lesson-run-outcome">
          <p className="lesson-actual">
            <span className="lesson-actual-label">Actual</span>
            <span className={`tag ${outcome.status === 'ok' ? 'tag-ok' : 'tag-error'}`}>
              {describeOutcome(outcome)}
            </span>
            <span className={`lesson-mark ${met ? 'is-met' : 'is-not-met'}`}>
              {met ? '✓ as expected' : '✗ not as expected'}
            </span>
          </p>
          <p className="lesson-run-detail">
            {outcome.status === 'ok' ? (
              <code>{preview(outcome.value)}</code>
            ) : (
              outcome.error?.message
            )}
          </p>
        </div>
      )}
      <h4 className="lesson-subheading">What happened inside</h4>
      <InsideEvents events={events} label={label} />
      {outcome?.trace && (
        <>
          <h4 className="lesson-subheading">The event loop, traced</h4>
          <TraceView key={outcome.id} trace={outcome.trace} {...(onLine ? { onLine } : {})} />
        </>
      )}
    </article>
  )
}
