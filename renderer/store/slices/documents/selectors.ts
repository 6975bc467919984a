import type { Store } from '../../store-types'
import { documentOfTab } from './parking'
import type { DocumentTab, TabView } from './types'

export const selectActiveTab = (state: Store): DocumentTab | undefined =>
  state.tabs.find((tab) => tab.id === state.activeTabId)

/** Whether any tab has unsaved changes: the window asks before it closes. */
export const selectAnyTabDirty = (state: Store): boolean =>
  state.tabs.some((tab) => documentOfTab(state, tab).fileDirty)

/** What the tab strip's views depend on: the tabs, and the file, language and dirty mark of the one in front. */
export type TabStripInputs = Pick<
  Store,
  'tabs' | 'activeTabId' | 'currentFile' | 'fileDirty' | 'language'
>

/** What the tab strip shows for each tab. */
export function tabViews(state: TabStripInputs): TabView[] {
  return state.tabs.map((tab) => {
    const document = tab.parked ?? state
    const file = document.currentFile
    return {
      id: tab.id,
      name: file?.name ?? `${tab.untitledBase}.${document.language}`,
      path: file?.path ?? null,
      dirty: document.fileDirty,
      active: tab.id === state.activeTabId,
      origin: tab.origin,
    }
  })
}

/** For the tab strip: use with useShallow, then `tabViews`. */
export const selectTabStripInputs = (state: Store): TabStripInputs => ({
  tabs: state.tabs,
  activeTabId: state.activeTabId,
  currentFile: state.currentFile,
  fileDirty: state.fileDirty,
  language: state.language,
})

/** For the tab strip: use with useShallow. */
export const selectTabActions = (state: Store) => ({
  activateTab: state.activateTab,
  closeTab: state.closeTab,
  newTab: state.newTab,
})
