import { useEffect, useId, useRef } from 'react'
import type { FilePrompt } from '../../store/slices/file/types'
import { useReturnFocus } from './use-return-focus'

interface FilePromptDialogProps {
  prompt: FilePrompt
  /** The script's name, for the unsaved-changes question. */
  name: string
  onAnswer: (choice: 'save' | 'discard' | 'cancel' | 'replace') => void
}

/** Asks before something is lost: unsaved changes, or a file that a Save As would replace. */
export function FilePromptDialog({ prompt, name, onAnswer }: FilePromptDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const first = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const textId = useId()
  useReturnFocus()

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    first.current?.focus()
    return () => element?.close()
  }, [])

  const unsaved = prompt.kind === 'unsaved'
  return (
    <dialog
      ref={dialog}
      className="dialog file-prompt"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault()
        onAnswer('cancel')
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {unsaved ? `Save changes to ${name}?` : `Replace ${prompt.path}?`}
      </h2>
      <p id={textId} className="file-prompt-text">
        {unsaved
          ? 'Your changes will be lost if you close the tab without saving them.'
          : `${prompt.path} already exists in the workspace. Replacing it overwrites the script and its input and limits.`}
      </p>
      <div className="dialog-actions">
        {unsaved ? (
          <>
            <button type="button" className="button" onClick={() => onAnswer('cancel')}>
              Cancel
            </button>
            <button type="button" className="button" onClick={() => onAnswer('discard')}>
              Don’t save
            </button>
            <button
              ref={first}
              type="button"
              className="button button-primary"
              onClick={() => onAnswer('save')}
            >
              Save
            </button>
          </>
        ) : (
          <>
            <button ref={first} type="button" className="button" onClick={() => onAnswer('cancel')}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary button-danger"
              onClick={() => onAnswer('replace')}
            >
              Replace
            </button>
          </>
        )}
      </div>
    </dialog>
  )
}
