import { useId } from 'react'
import type { MatrixPath, MatrixPathResult, Overcommit } from '../../../src/protocol/leak-matrix'
import { MATRIX_PATHS, matrixPathProblem } from '../../../src/protocol/leak-matrix'
import { formatDurationMs } from '../../format/duration'
import { matrixVerdict } from '../../lessons/matrix-verdict'
import { useAppStore } from '../../store/context'
import { selectIsConnected } from '../../store/slices/connection/selectors'
import {
  selectLeakMatrix,
  selectPlayAllMatrixPaths,
  selectPlayMatrixPath,
} from '../../store/slices/lessons/selectors'
import { intervalRow, MatrixTimeline, runRow } from './MatrixTimeline'
import './leak-matrix.css'

const ms = (value: number) => formatDurationMs(value)

/** One line on the permit: taken when, back when, or never taken. */
function permitLine(result: MatrixPathResult): string {
  const probe = result.runs[0]
  if (!result.permitTaken || !probe || probe.permitTakenMs === null) return 'never taken'
  const taken = `taken at ${ms(probe.permitTakenMs)}`
  return probe.permitReturnedMs === null
    ? `${taken}, NOT returned`
    : `${taken}, returned at ${ms(probe.permitReturnedMs)}`
}

function PathResult({ path, result }: { path: MatrixPath; result: MatrixPathResult }) {
  const problem = matrixPathProblem(result)
  const outcome = result.cause ? `${result.outcome} (${result.cause})` : result.outcome
  return (
    <div className="matrix-result">
      <dl className="matrix-facts">
        <div>
          <dt>Ended</dt>
          <dd>
            <span className={`matrix-outcome ${result.outcome === 'ok' ? 'is-ok' : 'is-error'}`}>
              {outcome}
            </span>{' '}
            <span className="matrix-message">{result.message}</span>
          </dd>
        </div>
        <div>
          <dt>Permit</dt>
          <dd>{permitLine(result)}</dd>
        </div>
        <div>
          <dt>Check</dt>
          <dd className={problem ? 'matrix-check is-bad' : 'matrix-check is-good'}>
            {problem ? `✗ ${problem}` : `✓ as the matrix says (${path.expect})`}
          </dd>
        </div>
      </dl>
      {!result.overcommit && (
        <MatrixTimeline
          rows={result.runs.map(runRow)}
          label={`Path ${result.n}: ${result.runs.length} runs over ${ms(result.tookMs)}; permit ${permitLine(result)}`}
        />
      )}
      {result.overcommit && <OvercommitView overcommit={result.overcommit} />}
      <details className="matrix-events">
        <summary>The telemetry of this path ({result.events.length} events)</summary>
        <ol aria-label={`Path ${result.n}: telemetry`}>
          {result.events.map((event, index) => (
            <li key={index}>
              <span className="matrix-event-at">{ms(event.atMs)}</span> {event.text}
            </li>
          ))}
        </ol>
      </details>
    </div>
  )
}

/** The ninth path: the same slow scripts through Gatehouse's gate and through one that releases on timeout. */
function OvercommitView({ overcommit }: { overcommit: Overcommit }) {
  const { permits, gatehouse, releaseOnTimeout } = overcommit
  const sides = [
    {
      key: 'gatehouse',
      title: 'Gatehouse’s gate',
      text: 'the interrupt or the watchdog stops the script, then the permit returns',
      side: gatehouse,
    },
    {
      key: 'broken',
      title: 'A gate that releases on timeout',
      text: 'the caller is answered and the permit returns, the script goes on',
      side: releaseOnTimeout,
    },
  ]
  return (
    <div className="matrix-overcommit">
      {sides.map(({ key, title, text, side }) => {
        const over = side.peakRunning > permits
        return (
          <section key={key} className="matrix-overcommit-side" aria-label={title}>
            <h4>
              {title}{' '}
              <span className={over ? 'matrix-peak is-bad' : 'matrix-peak is-good'}>
                peak {side.peakRunning} running with {permits} permits
              </span>
            </h4>
            <p className="matrix-side-text">{text}</p>
            <MatrixTimeline
              rows={side.intervals.map(intervalRow)}
              permits={permits}
              width={440}
              label={`${title}: at most ${side.peakRunning} scripts ran at once with ${permits} permits`}
            />
          </section>
        )
      })}
    </div>
  )
}

/**
 * The leak matrix: the eight paths the original Go service's authors listed
 * for its Execute (their numbering), and the ninth they missed. Each button
 * drives a real run through the core's real gate into that path, faults
 * injected where the path needs one, and shows from the telemetry when the
 * permit was taken and when it came back.
 */
export function LeakMatrixLesson() {
  const matrix = useAppStore(selectLeakMatrix)
  const playPath = useAppStore(selectPlayMatrixPath)
  const playAll = useAppStore(selectPlayAllMatrixPaths)
  const connected = useAppStore(selectIsConnected)
  const headingId = useId()
  const busy = matrix.playing !== null || matrix.playingAll
  const verdict = matrixVerdict(matrix)

  return (
    <article className="lesson-detail" aria-labelledby={headingId}>
      <header className="lesson-header">
        <p className="lesson-kicker">Semaphores · the leak matrix</p>
        <h2 id={headingId} className="lesson-title">
          The leak matrix: every path a run can take
        </h2>
      </header>
      <p className="lesson-explanation">
        Gatehouse grew out of a Go service whose authors listed every path a request can take
        through its Execute and concluded that each one gives its permit back, because the release
        is deferred the moment the permit is taken. Their numbering is kept below. Each button sends
        a real run through this gate into that path (injecting a fault where the path needs one) and
        draws, from the telemetry, when the permit was taken, what ended the run, and when the
        permit came back. The ninth path is the hazard their own timeout path hides: released on
        timeout while the work goes on.
      </p>
      <div className="lesson-expect-row">
        <dl className="lesson-expect">
          <div>
            <dt>Expects</dt>
            <dd>each path ends as listed, every permit taken comes back, no gate overcommits</dd>
          </div>
        </dl>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !connected}
          onClick={() => void playAll()}
        >
          <span className="button-icon icon-run" aria-hidden="true" />
          {matrix.playingAll ? `Playing path ${matrix.playing ?? ''}…` : 'Play all'}
        </button>
      </div>
      {matrix.error && (
        <p className="lesson-run-error" role="alert">
          {matrix.error}
        </p>
      )}
      {verdict && verdict !== 'pending' && (
        <p
          className={`lesson-verdict verdict-${verdict}`}
          role="status"
          aria-label="Matrix verdict"
        >
          <span className="lesson-verdict-mark" aria-hidden="true">
            {verdict === 'met' ? '✓' : '✗'}
          </span>
          {verdict === 'met'
            ? 'All nine paths ended as listed, and every permit came back'
            : 'A path did not end as listed'}
        </p>
      )}
      <ul className="matrix-legend" aria-label="How to read a timeline">
        <li>
          <span className="matrix-legend-swatch is-wait" aria-hidden="true" />
          waiting
        </li>
        <li>
          <span className="matrix-legend-swatch is-permit" aria-hidden="true" />
          permit held
        </li>
        <li>
          <span className="matrix-legend-swatch is-running" aria-hidden="true" />
          script running on a lane (coloured by how it ended)
        </li>
        <li>
          <span className="matrix-legend-swatch is-overrun" aria-hidden="true" />
          script still running after its permit came back
        </li>
      </ul>
      <ol className="matrix-paths" aria-label="The paths">
        {MATRIX_PATHS.map((path) => {
          const result = matrix.results[path.n]
          const playing = matrix.playing === path.n
          return (
            <li
              key={path.n}
              className={`matrix-path${playing ? ' is-playing' : ''}${result?.overcommit ? ' has-overcommit' : ''}`}
              aria-label={`Path ${path.n}: ${path.name}`}
            >
              <span className="matrix-number" aria-hidden="true">
                {path.n}
              </span>
              <div className="matrix-about">
                <h3 className="matrix-name">{path.name}</h3>
                <p className="matrix-explanation">{path.explanation}</p>
                <button
                  type="button"
                  className="button"
                  disabled={busy || !connected}
                  onClick={() => void playPath(path.n)}
                >
                  {playing ? `Playing path ${path.n}…` : `Play path ${path.n}`}
                </button>
              </div>
              {result ? (
                <PathResult path={path} result={result} />
              ) : (
                <p className="matrix-idle">
                  {playing ? 'Driving a run into this path…' : 'Not played yet.'}
                </p>
              )}
            </li>
          )
        })}
      </ol>
    </article>
  )
}
