import { useEffect, useId, useState } from 'react'
import { useMenuKeys } from '../Toolbar/use-menu-keys'
import type { ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatClockTime } from '../../format/clock'
import { useAppStore } from '../../store/context'
import {
  selectCurrentFile,
  selectDraftSavedAt,
  selectFileActions,
  selectFileDirty,
  selectFileName,
  selectRecentFiles,
} from '../../store/slices/file/selectors'
import { usePopover } from '../Toolbar/use-popover'
import { FILE_SHORTCUTS } from './file-shortcuts'
import type { FileShortcutAction } from './file-shortcuts'

/**
 * The File menu: New (tab), Open, Save, Save As, Close Tab and the recent files. Its button
 * shows the script's name and a ● while it has unsaved changes.
 */
export function FilesMenu() {
  const { newFile, openFile, saveFile, saveFileAs, refreshRecentFiles } = useAppStore(
    useShallow(selectFileActions),
  )
  const name = useAppStore(selectFileName)
  const file = useAppStore(selectCurrentFile)
  const dirty = useAppStore(selectFileDirty)
  const recent = useAppStore(selectRecentFiles)
  const draftSavedAt = useAppStore(selectDraftSavedAt)
  const desktop = useAppStore((state) => state.desktopMenu)
  const closeTab = useAppStore((state) => state.closeTab)
  const activeTabId = useAppStore((state) => state.activeTabId)
  const [open, setOpen] = useState(false)
  const { root, trigger } = usePopover<HTMLDivElement>(open, setOpen)
  const menuId = useId()
  const { items, onMenuKeyDown } = useMenuKeys(setOpen)

  useEffect(() => {
    if (!open) return
    items.current[0]?.focus()
    void refreshRecentFiles()
  }, [open, refreshRecentFiles, items])

  const choose = (action: () => unknown) => {
    setOpen(false)
    trigger.current?.focus()
    void action()
  }

  // Browsers keep Ctrl+N for a new window: in the browser edition New is here only.
  const shortcut = (action: FileShortcutAction) =>
    action === 'new' && !desktop ? undefined : FILE_SHORTCUTS[action]
  const itemRef = (position: number) => (element: HTMLButtonElement | null) => {
    items.current[position] = element
  }
  const item = (
    position: number,
    action: FileShortcutAction,
    label: string,
    title: string,
    run: () => unknown,
  ): ReactNode => {
    const keys = shortcut(action)
    return (
      <button
        key={action}
        ref={(element) => {
          items.current[position] = element
        }}
        type="button"
        role="menuitem"
        className="menu-item file-menu-item"
        aria-keyshortcuts={keys?.keys}
        title={keys ? `${title} (${keys.label})` : title}
        onClick={() => choose(run)}
      >
        <span className="menu-item-title">{label}</span>
        {keys && <kbd className="file-menu-kbd">{keys.label}</kbd>}
      </button>
    )
  }

  const where = file ? file.path : 'not saved yet'
  const state = dirty
    ? ` (unsaved changes${draftSavedAt === null ? '' : `; a recovery draft was saved at ${formatClockTime(draftSavedAt)}`})`
    : ''
  return (
    <div className="popover-anchor" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="button file-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        // The name starts with the visible text (label in name, WCAG 2.5.3).
        aria-label={`File ${name}${dirty ? ', unsaved changes' : ''}`}
        title={`${name}${state}: ${where}. New, Open, Save, Save As, recent files`}
        onClick={() => setOpen(!open)}
      >
        <span className="button-label-muted">File</span> <span className="file-name">{name}</span>
        {dirty && (
          <span className="file-dirty" aria-hidden="true">
            ●
          </span>
        )}
        <span className="chevron" aria-hidden="true" />
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label="File"
          className="popover menu file-menu"
          onKeyDown={onMenuKeyDown}
        >
          {item(0, 'new', 'New', 'Start an untitled script', newFile)}
          {item(1, 'open', 'Open…', 'Open a script', () => openFile())}
          {item(2, 'save', 'Save', file ? `Save to ${file.path}` : 'Save the script', saveFile)}
          {item(3, 'save-as', 'Save As…', 'Save the script under a new name', () => saveFileAs())}
          <button
            ref={itemRef(4)}
            type="button"
            role="menuitem"
            className="menu-item file-menu-item"
            title="Close this tab (asks first when it has unsaved changes)"
            onClick={() => choose(() => closeTab(activeTabId))}
          >
            <span className="menu-item-title">Close Tab</span>
          </button>
          <div className="file-menu-heading" role="presentation">
            Recent
          </div>
          {recent.length === 0 ? (
            <p className="file-menu-empty" role="presentation">
              Scripts you open or save show here.
            </p>
          ) : (
            recent.map((entry, i) => (
              <button
                key={entry.path}
                ref={(element) => {
                  items.current[5 + i] = element
                }}
                type="button"
                role="menuitem"
                className="menu-item"
                title={`Open ${entry.path}`}
                onClick={() => choose(() => openFile(entry.path))}
              >
                <span className="menu-item-title">{entry.name}</span>
                <span className="menu-item-summary">{entry.path}</span>
              </button>
            ))
          )}
        </div>
      )}
    </div>
  )
}
