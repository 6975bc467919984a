import type { GatehouseApi } from '../../../../src/protocol/api'
import type { AppStore } from '../../index'
import type { Store } from '../../store-types'
import { documentOfTab } from '../documents/parking'
import { selectAnyTabDirty } from '../documents/selectors'
import { documentOf, documentTooLarge, scriptDocument } from './document'

/** How long the editor must be still before its draft is saved. */
export const DRAFT_DEBOUNCE_MS = 800

/** The tab in front was edited (or saved): not a switch of tabs, which moves documents around. */
const documentChanged = (state: Store, previous: Store) =>
  state.activeTabId === previous.activeTabId &&
  (state.code !== previous.code ||
    state.language !== previous.language ||
    state.inputText !== previous.inputText ||
    state.limitsDraft !== previous.limitsDraft ||
    state.savedDocument !== previous.savedDocument ||
    state.currentFile !== previous.currentFile)

/** Each open tab's dirty mark, by id. */
const dirtyByTab = (state: Store) =>
  new Map(state.tabs.map((tab) => [tab.id, documentOfTab(state, tab).fileDirty]))

/**
 * Keeps the unsaved-changes state in step with the tabs: marks the tab in
 * front dirty when it differs from its file, tells the core whether any tab
 * is (the desktop app asks on close), and keeps a crash-recovery draft per
 * tab while it has unsaved changes, saved once the editor has been still for
 * a moment. A tab's draft goes once it is saved, its changes dropped, or it
 * is closed. Returns the unsubscribe.
 */
export function trackFileChanges(
  store: AppStore,
  api: Pick<GatehouseApi, 'setDirty' | 'saveDraft' | 'clearDraft'>,
  debounceMs = DRAFT_DEBOUNCE_MS,
): () => void {
  let reportedDirty = false
  let dirtyBefore = dirtyByTab(store.getState())
  const timers = new Map<string, ReturnType<typeof setTimeout>>()

  const cancelDraft = (tabId: string) => {
    const timer = timers.get(tabId)
    if (timer !== undefined) clearTimeout(timer)
    timers.delete(tabId)
  }

  const saveDraft = async (tabId: string) => {
    timers.delete(tabId)
    const state = store.getState()
    const tab = state.tabs.find((t) => t.id === tabId)
    if (!tab) return
    const parked = documentOfTab(state, tab)
    if (!parked.fileDirty) return
    const document = tab.parked
      ? {
          code: parked.code,
          language: parked.language,
          inputText: parked.inputText,
          limitsDraft: parked.limitsDraft,
        }
      : documentOf(state)
    if (documentTooLarge(document)) return
    try {
      const { savedAt } = await api.saveDraft({
        tabId,
        ...scriptDocument(document),
        language: document.language,
        path: parked.currentFile?.path ?? null,
      })
      const now = store.getState()
      if (now.activeTabId === tabId && now.fileDirty) now.setDraftSavedAt(savedAt)
    } catch (error) {
      console.warn('Gatehouse: could not save the recovery draft', error)
    }
  }

  const clearDraft = (tabId: string) => {
    cancelDraft(tabId)
    api.clearDraft({ tabId }).catch((error: unknown) => {
      console.warn('Gatehouse: could not remove the draft', error)
    })
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (documentChanged(state, previous)) {
      const dirty = state.updateFileDirty()
      cancelDraft(state.activeTabId)
      if (dirty)
        timers.set(
          state.activeTabId,
          setTimeout(() => void saveDraft(state.activeTabId), debounceMs),
        )
      else if (store.getState().draftSavedAt !== null) store.getState().setDraftSavedAt(null)
    }
    const current = store.getState()
    if (current.tabs === previous.tabs && !documentChanged(current, previous)) return
    // A tab that had unsaved changes and has none now (saved, dropped or closed) loses its draft.
    const dirtyNow = dirtyByTab(current)
    for (const [tabId, wasDirty] of dirtyBefore)
      if (wasDirty && !dirtyNow.get(tabId)) clearDraft(tabId)
    dirtyBefore = dirtyNow
    const anyDirty = selectAnyTabDirty(current)
    if (anyDirty !== reportedDirty) {
      reportedDirty = anyDirty
      api.setDirty({ dirty: anyDirty }).catch((error: unknown) => {
        console.warn('Gatehouse: could not report unsaved changes', error)
      })
    }
  })

  return () => {
    for (const tabId of [...timers.keys()]) cancelDraft(tabId)
    unsubscribe()
  }
}
