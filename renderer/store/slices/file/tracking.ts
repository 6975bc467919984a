import type { GatehouseApi } from '../../../../src/protocol/api'
import type { AppStore } from '../../index'
import type { Store } from '../../store-types'
import { documentOf, documentTooLarge, scriptDocument } from './document'

/** How long the editor must be still before its draft is saved. */
export const DRAFT_DEBOUNCE_MS = 800

const editorChanged = (state: Store, previous: Store) =>
  state.code !== previous.code ||
  state.language !== previous.language ||
  state.inputText !== previous.inputText ||
  state.limitsDraft !== previous.limitsDraft ||
  state.savedDocument !== previous.savedDocument ||
  state.currentFile !== previous.currentFile ||
  state.draftOffer !== previous.draftOffer

/**
 * Keeps the unsaved-changes state in step with the editor: marks the store
 * dirty, tells the core on every change of it (the desktop app asks on close),
 * and keeps a crash-recovery draft while there are unsaved changes, saved
 * once the editor has been still for a moment. The draft goes once the
 * changes are saved or dropped. Returns the unsubscribe.
 */
export function trackFileChanges(
  store: AppStore,
  api: Pick<GatehouseApi, 'setDirty' | 'saveDraft' | 'clearDraft'>,
  debounceMs = DRAFT_DEBOUNCE_MS,
): () => void {
  let reportedDirty = false
  let timer: ReturnType<typeof setTimeout> | null = null
  // Set when a draft of this session is on disk, so a clean editor removes it.
  let draftWritten = false

  const cancelDraft = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  const saveDraft = async () => {
    timer = null
    const state = store.getState()
    // Never replace the last session's draft before the user has answered about it.
    if (!state.fileDirty || state.draftOffer) return
    const document = documentOf(state)
    if (documentTooLarge(document)) return
    try {
      draftWritten = true
      const { savedAt } = await api.saveDraft({
        ...scriptDocument(document),
        language: document.language,
        path: state.currentFile?.path ?? null,
      })
      if (store.getState().fileDirty) store.getState().setDraftSavedAt(savedAt)
    } catch (error) {
      console.warn('Gatehouse: could not save the recovery draft', error)
    }
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (!editorChanged(state, previous)) return
    const dirty = state.updateFileDirty()
    if (dirty !== reportedDirty) {
      reportedDirty = dirty
      api.setDirty({ dirty }).catch((error: unknown) => {
        console.warn('Gatehouse: could not report unsaved changes', error)
      })
    }
    cancelDraft()
    if (dirty) {
      timer = setTimeout(() => void saveDraft(), debounceMs)
      return
    }
    if (store.getState().draftSavedAt !== null) store.getState().setDraftSavedAt(null)
    if (draftWritten) {
      draftWritten = false
      api.clearDraft({}).catch((error: unknown) => {
        console.warn('Gatehouse: could not remove the draft', error)
      })
    }
  })

  return () => {
    cancelDraft()
    unsubscribe()
  }
}
