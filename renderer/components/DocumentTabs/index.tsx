import { useMemo, useRef } from 'react'
import type { KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore, useAppStoreApi } from '../../store/context'
import {
  selectTabActions,
  selectTabStripInputs,
  tabViews,
} from '../../store/slices/documents/selectors'

/** Focuses the tab in front (after a close, or a dialog whose opener is gone). */
export function focusActiveDocumentTab(): void {
  document.querySelector<HTMLElement>('.doc-tab[aria-selected="true"]')?.focus()
}

/**
 * The playground's open documents, one tab each: a file, an example, a
 * lesson or an untitled script, with its own script, input, limits, file and
 * last run. Arrow keys, Home and End move between tabs (and bring one to the
 * front); Delete closes the focused one, asking first when it has unsaved
 * changes. The × is for the mouse; the keyboard has Delete.
 */
export function DocumentTabs() {
  const store = useAppStoreApi()
  const inputs = useAppStore(useShallow(selectTabStripInputs))
  const { activateTab, closeTab, newTab } = useAppStore(useShallow(selectTabActions))
  const views = useMemo(() => tabViews(inputs), [inputs])
  const tabs = useRef<(HTMLElement | null)[]>([])

  const focusTab = (index: number) => {
    const view = views[(index + views.length) % views.length]
    if (!view) return
    activateTab(view.id)
    tabs.current[(index + views.length) % views.length]?.focus()
  }

  const closeAndRefocus = (id: string) => {
    closeTab(id)
    // Clean tabs close at once: the keyboard stays in the strip. A dirty one asks first.
    if (!store.getState().filePrompt) requestAnimationFrame(focusActiveDocumentTab)
  }

  const onKeyDown = (event: KeyboardEvent, index: number, id: string) => {
    switch (event.key) {
      case 'ArrowRight':
        focusTab(index + 1)
        break
      case 'ArrowLeft':
        focusTab(index - 1)
        break
      case 'Home':
        focusTab(0)
        break
      case 'End':
        focusTab(views.length - 1)
        break
      case 'Delete':
        closeAndRefocus(id)
        break
      default:
        return
    }
    event.preventDefault()
  }

  return (
    <div className="doc-tabs-bar">
      <div className="doc-tabs" role="tablist" aria-label="Open scripts">
        {views.map((view, index) => {
          const where = view.path ?? (view.origin ? `${view.origin}, not saved` : 'not saved yet')
          return (
            <div
              key={view.id}
              className={`doc-tab-frame${view.active ? ' is-active' : ''}`}
              role="presentation"
              onAuxClick={(event) => {
                if (event.button === 1) closeAndRefocus(view.id)
              }}
            >
              <div
                ref={(element) => {
                  tabs.current[index] = element
                }}
                className="doc-tab"
                role="tab"
                tabIndex={view.active ? 0 : -1}
                aria-selected={view.active}
                aria-label={`${view.name}${view.dirty ? ', unsaved changes' : ''}`}
                aria-keyshortcuts="Delete"
                title={`${view.name}: ${where}${view.dirty ? ' (unsaved changes)' : ''}. Delete closes it.`}
                data-tab-id={view.id}
                onClick={() => activateTab(view.id)}
                onKeyDown={(event) => onKeyDown(event, index, view.id)}
              >
                <span className="doc-tab-name">{view.name}</span>
                {view.dirty && (
                  <span className="doc-tab-dirty" aria-hidden="true">
                    ●
                  </span>
                )}
              </div>
              <button
                type="button"
                className="doc-tab-close"
                tabIndex={-1}
                aria-hidden="true"
                title={`Close ${view.name}`}
                onClick={() => closeAndRefocus(view.id)}
              >
                ×
              </button>
            </div>
          )
        })}
      </div>
      <button
        type="button"
        className="doc-tab-new"
        aria-label="New tab"
        title="A new untitled script in a tab of its own"
        onClick={() => {
          newTab()
          requestAnimationFrame(focusActiveDocumentTab)
        }}
      >
        +
      </button>
    </div>
  )
}
