import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { FormEvent, KeyboardEvent } from 'react'
import { describeBytes } from '../../../src/protocol/files'
import type { ScriptFileEntry } from '../../../src/protocol/files'
import { FILE_ERROR_HINT } from '../../store/slices/file/file-error'
import { scriptNameProblem, withScriptExtension } from '../../store/slices/file/document'
import type { FilePicker as PickerState } from '../../store/slices/file/types'
import type { Language } from '../../../src/protocol/request'
import type { FileListing } from '../../../src/protocol/files'
import { formatSavedAt } from './FileBanners'
import { useReturnFocus } from './use-return-focus'

interface FilePickerProps {
  picker: PickerState
  listing: FileListing | null
  listingError: string | null
  busy: boolean
  language: Language
  onOpen: (path: string) => void
  onSave: (path: string) => void
  onClose: () => void
  onRefresh: () => void
  /** The name changed: the last attempt's error no longer applies. */
  onEdit: () => void
}

/**
 * The browser edition's Open and Save As: the workspace's scripts with a
 * filter, and for Save As a name field. (The desktop app shows the system's
 * dialogs instead.)
 */
export function FilePicker({
  picker,
  listing,
  listingError,
  busy,
  language,
  onOpen,
  onSave,
  onClose,
  onRefresh,
  onEdit,
}: FilePickerProps) {
  useReturnFocus()
  const rows = useRef<(HTMLButtonElement | null)[]>([])
  const dialog = useRef<HTMLDialogElement>(null)
  const nameField = useRef<HTMLInputElement>(null)
  const filterField = useRef<HTMLInputElement>(null)
  const titleId = useId()
  const nameId = useId()
  const filterId = useId()
  const errorId = useId()
  const saving = picker.mode === 'save-as'
  const [filter, setFilter] = useState('')
  const [name, setName] = useState(picker.suggestedName ?? '')
  const [selected, setSelected] = useState<string | null>(null)

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    if (saving) {
      const field = nameField.current
      field?.focus()
      // Select the name without its extension, ready to type over.
      field?.setSelectionRange(0, field.value.replace(/\.(js|ts)$/i, '').length)
    } else filterField.current?.focus()
    return () => element?.close()
  }, [saving])

  const files = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    const all = listing?.files ?? []
    return needle === '' ? all : all.filter((file) => file.path.toLowerCase().includes(needle))
  }, [listing, filter])

  const nameProblem = saving ? scriptNameProblem(name) : null
  const target = saving ? (nameProblem ? null : withScriptExtension(name, language)) : selected
  const shownError = nameProblem ? { type: 'PathError', message: nameProblem } : picker.error
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!target || busy) return
    if (saving) onSave(target)
    else onOpen(target)
  }

  const pick = (file: ScriptFileEntry) => {
    if (saving) {
      setName(file.path)
      onEdit()
    } else setSelected(file.path)
  }

  const choose = (file: ScriptFileEntry) => (saving ? onSave(file.path) : onOpen(file.path))

  /** Focuses (and selects) the row at `index`, wrapping around. */
  const focusRow = (index: number) => {
    if (files.length === 0) return
    const wrapped = (index + files.length) % files.length
    const file = files[wrapped]
    if (!file) return
    pick(file)
    rows.current[wrapped]?.focus()
  }

  // The list by keyboard: arrows move, Home and End jump, Enter opens (or saves over) the row.
  const onRowKeyDown = (event: KeyboardEvent, index: number, file: ScriptFileEntry) => {
    if (event.key === 'ArrowDown') focusRow(index + 1)
    else if (event.key === 'ArrowUp') {
      if (index === 0) filterField.current?.focus()
      else focusRow(index - 1)
    } else if (event.key === 'Home') focusRow(0)
    else if (event.key === 'End') focusRow(files.length - 1)
    else if (event.key === 'Enter') {
      if (!busy) choose(file)
    } else return
    event.preventDefault()
  }

  return (
    <dialog
      ref={dialog}
      className="dialog file-picker"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {saving ? 'Save the script as' : 'Open a script'}
      </h2>
      <form onSubmit={submit}>
        {listing?.root && (
          <p className="file-picker-root" title={listing.root}>
            Workspace: <code>{listing.root}</code>
          </p>
        )}
        {saving && (
          <div className="field">
            <label htmlFor={nameId} className="field-label">
              Name
            </label>
            <input
              id={nameId}
              ref={nameField}
              className="input"
              value={name}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={shownError !== null}
              aria-describedby={shownError ? errorId : `${nameId}-help`}
              onChange={(event) => {
                setName(event.target.value)
                onEdit()
              }}
            />
            <p id={`${nameId}-help`} className="field-help">
              A path inside the workspace, such as <code>sum.js</code> or{' '}
              <code>scripts/sum.ts</code>. A <code>.ts</code> name makes the script TypeScript;
              without an extension it gets <code>.{language}</code>. Its input and limits are kept
              beside it.
            </p>
          </div>
        )}
        <div className="file-picker-filter">
          <label htmlFor={filterId} className="visually-hidden">
            Filter the scripts
          </label>
          <input
            id={filterId}
            ref={filterField}
            className="input input-small"
            type="search"
            placeholder="Filter scripts"
            value={filter}
            aria-keyshortcuts="ArrowDown"
            title="Type to filter; the down arrow moves into the list"
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowDown') return
              event.preventDefault()
              focusRow(0)
            }}
          />
          <button type="button" className="button button-tiny" onClick={onRefresh}>
            Refresh
          </button>
        </div>
        <ul className="file-list" aria-label="Workspace scripts">
          {listingError && <li className="file-list-empty">{listingError}</li>}
          {!listingError && listing === null && <li className="file-list-empty">Reading…</li>}
          {!listingError && listing !== null && files.length === 0 && (
            <li className="file-list-empty">
              {listing.files.length === 0
                ? 'The workspace has no .js or .ts files yet.'
                : 'No script matches the filter.'}
            </li>
          )}
          {files.map((file, index) => (
            <li key={file.path}>
              <button
                ref={(element) => {
                  rows.current[index] = element
                }}
                type="button"
                className="file-row"
                aria-pressed={saving ? name === file.path : selected === file.path}
                title={saving ? `Save over ${file.path}` : `Open ${file.path}`}
                onClick={() => pick(file)}
                onDoubleClick={() => choose(file)}
                onKeyDown={(event) => onRowKeyDown(event, index, file)}
              >
                <span className="file-row-name">{file.path}</span>
                <span className="file-row-meta">
                  {describeBytes(file.sizeBytes)} · {formatSavedAt(file.modifiedAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {listing?.truncated && (
          <p className="field-help">Only the first {listing.files.length} scripts are listed.</p>
        )}
        {shownError && (
          <p id={errorId} className="file-error" role="alert">
            <strong>{shownError.type}</strong> {shownError.message}
            {FILE_ERROR_HINT[shownError.type] && (
              <span className="file-error-hint"> {FILE_ERROR_HINT[shownError.type]}</span>
            )}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!target || busy}>
            {busy ? (saving ? 'Saving…' : 'Opening…') : saving ? 'Save' : 'Open'}
          </button>
        </div>
      </form>
    </dialog>
  )
}
