import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store/context'
import { selectToastActions, selectToasts } from '../../store/slices/ui/selectors'
import { toastText } from '../../store/slices/ui/toasts'

/**
 * Timeouts and panics, hard to miss and never a flood: one toast per kind,
 * counting while alerts keep coming. A click shows the newest one's event in
 * the Gate's log, with what was released and what was replaced.
 */
export function Toasts() {
  const toasts = useAppStore(selectToasts)
  const { openToast, dismissToast, expireToasts } = useAppStore(useShallow(selectToastActions))

  useEffect(() => {
    if (toasts.length === 0) return
    const timer = setInterval(expireToasts, 500)
    return () => clearInterval(timer)
  }, [toasts.length, expireToasts])

  return (
    <section className="toasts" aria-label="Notifications">
      <div role="status" aria-live="polite">
        <ul className="toast-list">
          {toasts.map((toast) => (
            <li key={toast.id} className={`toast toast-${toast.kind}`}>
              <button type="button" className="toast-body" onClick={() => openToast(toast.id)}>
                <span className="toast-icon" aria-hidden="true" />
                <span className="toast-text">
                  <strong>{toastText(toast)}</strong>
                  <span className="toast-hint">Show what was released and replaced</span>
                </span>
              </button>
              <button
                type="button"
                className="toast-close"
                aria-label={`Dismiss: ${toastText(toast)}`}
                onClick={() => dismissToast(toast.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
