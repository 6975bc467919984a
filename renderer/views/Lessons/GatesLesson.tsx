import { useId } from 'react'
import type { GateVerdict } from '../../../src/protocol/gate-verdict'
import { formatClockTime } from '../../format/clock'
import { comparisonMeets, isSound, permitsOf } from '../../lessons/gate-verdicts'
import { useAppStore } from '../../store/context'
import { selectIsConnected } from '../../store/slices/connection/selectors'
import { selectCompareGates, selectGateComparison } from '../../store/slices/lessons/selectors'

interface Row {
  label: string
  title: string
  value: (verdict: GateVerdict) => string
  bad: (verdict: GateVerdict) => boolean
}

const ROWS: Row[] = [
  {
    label: 'Completed',
    title: 'Tasks that got a permit and finished their work',
    value: (v) => String(v.completed),
    bad: () => false,
  },
  {
    label: 'Failed',
    title: 'Tasks whose work threw (every seventh does, on purpose)',
    value: (v) => String(v.failed),
    bad: () => false,
  },
  {
    label: 'Timed out',
    title: 'Tasks that gave up waiting for a permit',
    value: (v) => String(v.timedOut),
    bad: (v) => v.timedOut > 0,
  },
  {
    label: 'Answered at the run timeout',
    title:
      'Tasks whose caller got a timeout while their work went on (only a gate with a run timeout)',
    value: (v) => (v.runTimeouts === undefined ? '–' : String(v.runTimeouts)),
    bad: (v) => (v.runTimeouts ?? 0) > 0 && v.peakRunning > permitsOf(v),
  },
  {
    label: 'Stuck',
    title: 'Tasks still waiting when the deadline came: deadlocked',
    value: (v) => String(v.stuck),
    bad: (v) => v.stuck > 0,
  },
  {
    label: 'Peak running',
    title: 'Most tasks running at once, against the permits',
    value: (v) => `${v.peakRunning} of ${permitsOf(v)} permits`,
    bad: (v) => v.peakRunning > permitsOf(v),
  },
  {
    label: 'Permits held after',
    title: 'Permits the gate believes are held once everything ended (must be 0)',
    value: (v) => String(v.inUseAfter),
    bad: (v) => v.inUseAfter !== 0,
  },
]

/**
 * The semaphore-leak lesson: the same workload through the real gate and
 * four broken ones, side by side, the broken ones leaking, over-admitting or deadlocking.
 */
export function GatesLesson() {
  const comparison = useAppStore(selectGateComparison)
  const compareGates = useAppStore(selectCompareGates)
  const connected = useAppStore(selectIsConnected)
  const headingId = useId()
  const running = comparison.status === 'running'
  const { verdicts } = comparison
  const met = comparisonMeets(verdicts)

  const runLabel = running ? 'Running…' : verdicts.length > 0 ? 'Run again' : 'Run'
  return (
    <article className="lesson-detail" aria-labelledby={headingId}>
      <header className="lesson-header">
        <p className="lesson-kicker">Semaphores · the gates compared</p>
        <h2 id={headingId} className="lesson-title">
          Semaphore leaks: one workload, five gates
        </h2>
      </header>
      <p className="lesson-explanation">
        Sixty tasks share four permits, and every seventh task throws, as scripts and panics do. The
        same workload goes through Gatehouse’s semaphore (acquire, then release in a{' '}
        <code>finally</code>) and through four gates broken the ways real services break them: a
        release skipped when the work throws, a release done twice, a wait without a timeout, and a
        release at the run timeout while the work goes on. Leaked permits shrink the gate until
        nothing runs; a double release lets more tasks in than there are permits; without a wait
        timeout, the tasks behind a leak wait forever; and a permit given back before the work
        stopped lets more tasks run than there are permits, though nothing leaks. In Gatehouse the
        permit is owned by a handle, released in a <code>finally</code> on every path, at most once,
        and every wait has a deadline.
      </p>
      <div className="lesson-expect-row">
        <dl className="lesson-expect">
          <div>
            <dt>Expects</dt>
            <dd>the Gatehouse semaphore sound; the four others leak, over-admit or deadlock</dd>
          </div>
        </dl>
        <button
          type="button"
          className="button button-primary"
          // Starts with the visible text (label in name): "Run again: the gates comparison".
          aria-label={`${runLabel}: the gates comparison`}
          disabled={running || !connected}
          onClick={() => void compareGates()}
        >
          <span className="button-icon icon-run" aria-hidden="true" />
          {runLabel}
        </button>
      </div>
      {comparison.error && (
        <p className="lesson-run-error" role="alert">
          The comparison failed: {comparison.error}
        </p>
      )}
      {verdicts.length > 0 && (
        <p
          className={`lesson-verdict verdict-${met ? 'met' : 'not-met'}`}
          role="status"
          aria-label="Verdict"
        >
          <span className="lesson-verdict-mark" aria-hidden="true">
            {met ? '✓' : '✗'}
          </span>
          {met ? 'Expectation met' : 'Expectation not met'}
          {comparison.finishedAt !== null && (
            <span className="lesson-verdict-detail">
              {' '}
              — ran at {formatClockTime(comparison.finishedAt)}
            </span>
          )}
        </p>
      )}
      {verdicts.length === 0 ? (
        <p className="lesson-idle">
          {running
            ? 'Running the workload through the five gates (about a second and a half)…'
            : 'Press Run to send the workload through the five gates at once and compare them.'}
        </p>
      ) : (
        <div className="gates-table-wrap">
          <table className="gates-table" aria-label="The five gates compared">
            <thead>
              <tr>
                <th scope="col">Gate</th>
                {verdicts.map((verdict) => (
                  <th
                    key={verdict.gate}
                    scope="col"
                    className={isSound(verdict) ? 'is-sound' : 'is-broken'}
                  >
                    <span className="gates-name">{verdict.gate}</span>
                    <span className="gates-usage">{verdict.usage}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => (
                <tr key={row.label}>
                  <th scope="row" title={row.title}>
                    {row.label}
                  </th>
                  {verdicts.map((verdict) => (
                    <td key={verdict.gate} className={row.bad(verdict) ? 'is-bad' : undefined}>
                      {row.value(verdict)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="gates-verdict-row">
                <th scope="row">Verdict</th>
                {verdicts.map((verdict) => (
                  <td key={verdict.gate} className={isSound(verdict) ? 'is-sound' : 'is-broken'}>
                    <strong>{isSound(verdict) ? '✓ sound' : '✗ broken'}</strong>
                    <span className="gates-verdict-text">{verdict.verdict}</span>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </article>
  )
}
