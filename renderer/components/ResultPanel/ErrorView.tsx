import type { RunError } from '../../../src/protocol/outcome'

/** A failed run: what kind of failure, the script's own error, and where. */
export function ErrorView({ error }: { error: RunError }) {
  const where =
    error.line !== undefined
      ? `line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}`
      : null
  return (
    <div className="result-error">
      <p className="result-error-headline">
        <span className="error-type">{error.type}</span>
        {error.name && error.name !== error.type && (
          <span className="error-name">{error.name}</span>
        )}
      </p>
      <p className="result-error-message">{error.message}</p>
      {(where || error.cause) && (
        <dl className="facts">
          {where && (
            <div>
              <dt>at</dt>
              <dd>{where}</dd>
            </div>
          )}
          {error.cause && (
            <div>
              <dt>cause</dt>
              <dd>{error.cause}</dd>
            </div>
          )}
        </dl>
      )}
      {error.stack && (
        <details className="result-stack">
          <summary>Stack</summary>
          <pre>{error.stack}</pre>
        </details>
      )}
    </div>
  )
}
