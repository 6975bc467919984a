import type { RunError } from '../../../src/protocol/outcome'
import { CAUSE_HELP, ERROR_HELP } from '../../format/error-help'
import { LessonLink } from '../../views/Lessons/LessonLink'
import { useAppStore } from '../../store/context'
import { selectRevealInEditor } from '../../store/slices/editor/selectors'

/** A stack frame in the user's script: `at f (script.js:3:11)`. */
const FRAME = /^(\s*at\s+)(.*?)\s*\(?script\.[jt]s:(\d+):(\d+)\)?\s*$/

/** A failed run: what kind of failure, the script's own error, where, and why. */
export function ErrorView({ error }: { error: RunError }) {
  const revealInEditor = useAppStore(selectRevealInEditor)
  const where =
    error.line !== undefined
      ? `line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}`
      : null

  return (
    <div className="result-error" role="group" aria-label={`Error: ${error.type}`}>
      <p className="result-error-headline">
        <span className="error-type">{error.type}</span>
        {error.name && error.name !== error.type && (
          <span className="error-name">{error.name}</span>
        )}
      </p>
      <p className="result-error-message">{error.message}</p>
      <dl className="facts error-facts">
        {where && error.line !== undefined && (
          <div>
            <dt>at</dt>
            <dd>
              <button
                type="button"
                className="link-button"
                aria-label={`Go to ${where} in the editor`}
                title="Move the editor's cursor there"
                onClick={() => revealInEditor({ line: error.line ?? 1, column: error.column ?? 1 })}
              >
                {where}
              </button>
            </dd>
          </div>
        )}
        {error.cause && (
          <div>
            <dt>cause</dt>
            <dd>{error.cause}</dd>
          </div>
        )}
      </dl>
      <p className="result-error-help">
        {ERROR_HELP[error.type]}
        {error.cause && CAUSE_HELP[error.cause] ? ` ${CAUSE_HELP[error.cause]}` : ''}
      </p>
      <LessonLink error={error} />
      {error.stack && (
        <details className="result-stack">
          <summary>Stack</summary>
          <pre>
            {error.stack.split('\n').map((line, index) => {
              const frame = FRAME.exec(line)
              if (!frame)
                return (
                  <span key={index}>
                    {line}
                    {'\n'}
                  </span>
                )
              const lineNumber = Number(frame[3])
              const column = Number(frame[4])
              return (
                <span key={index}>
                  {frame[1]}
                  {frame[2]}{' '}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Go to line ${lineNumber}, column ${column} in the editor`}
                    onClick={() => revealInEditor({ line: lineNumber, column })}
                  >
                    {lineNumber}:{column}
                  </button>
                  {'\n'}
                </span>
              )
            })}
          </pre>
        </details>
      )}
    </div>
  )
}
