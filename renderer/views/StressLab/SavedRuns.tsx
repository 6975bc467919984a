import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store/context'
import { selectSavedRuns } from '../../store/slices/stress/selectors'

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`

/**
 * Saved runs: the browser edition lists the workspace's `.gatehouse/runs/`
 * (open one, or tick two to compare); the desktop app opens them through
 * dialogs. A file that cannot be shown says why and stays as it is.
 */
export function SavedRuns() {
  const saved = useAppStore(useShallow(selectSavedRuns))
  const connected = useAppStore((state) => state.connection.status === 'open')
  const [picked, setPicked] = useState<string[]>([])
  const { refresh } = saved

  useEffect(() => {
    if (connected) void refresh()
  }, [connected, refresh])

  const listing = saved.listing
  const names = new Set(listing?.runs.map((r) => r.name) ?? [])
  const chosen = picked.filter((name) => names.has(name))
  const busy = saved.busy !== null

  return (
    <section className="saved-runs panel" aria-labelledby="saved-runs-title">
      <header className="panel-header">
        <h2 id="saved-runs-title" className="panel-title">
          Saved runs
        </h2>
        <div className="panel-aside">
          {!listing?.nativeDialogs && (
            <button
              type="button"
              className="button button-tiny"
              disabled={!connected}
              onClick={() => void refresh()}
            >
              Refresh
            </button>
          )}
          {saved.busy && (
            <span className="stress-busy" role="status">
              <span className="spinner" aria-hidden="true" /> {saved.busy}
            </span>
          )}
        </div>
      </header>
      <div className="panel-body">
        {listing?.nativeDialogs ? (
          <div className="saved-runs-actions">
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => void saved.open()}
            >
              Open saved run…
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => void saved.compare()}
            >
              Compare two saved runs…
            </button>
          </div>
        ) : listing && listing.runs.length > 0 ? (
          <>
            <ul className="saved-runs-list" aria-label="Saved run files">
              {listing.runs.map((run) => (
                <li key={run.name} className="saved-run">
                  <label className="saved-run-pick" title="Tick two to compare them">
                    <input
                      type="checkbox"
                      aria-label={`Pick ${run.name} to compare`}
                      checked={chosen.includes(run.name)}
                      onChange={(event) =>
                        setPicked(
                          event.target.checked
                            ? [...chosen.filter((n) => n !== run.name), run.name].slice(-2)
                            : chosen.filter((n) => n !== run.name),
                        )
                      }
                    />
                  </label>
                  <span className="saved-run-name" title={run.name}>
                    {run.name}
                  </span>
                  <span className="saved-run-meta">
                    {sizeText(run.sizeBytes)} · {new Date(run.modifiedAt).toLocaleString()}
                  </span>
                  <button
                    type="button"
                    className="button button-tiny"
                    aria-label={`Open ${run.name}`}
                    disabled={busy}
                    onClick={() => void saved.open(run.name)}
                  >
                    Open
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button button-small"
              disabled={busy || chosen.length !== 2}
              onClick={() => void saved.compare([chosen[0] as string, chosen[1] as string])}
            >
              Compare the two ticked
            </button>
          </>
        ) : (
          <p className="field-help">
            No saved runs yet: finish a stress and press Save run. They are kept in the workspace’s
            .gatehouse/runs/.
          </p>
        )}
        {saved.notice && (
          <p className="field-help" role="status" aria-label="Saved runs notice">
            {saved.notice}
          </p>
        )}
        {saved.error && (
          <div className="field-error stress-error" role="alert" aria-label="Saved runs error">
            <span>{saved.error}</span>
            <button type="button" className="link-button" onClick={saved.dismiss}>
              Dismiss
            </button>
          </div>
        )}
      </div>
    </section>
  )
}
