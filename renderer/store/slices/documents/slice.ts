import type { SliceCreator } from '../../store-types'
import { validateInputJson } from '../editor/input-validation'
import type { EditorDocument } from '../file/document'
import { draftFromLimits } from '../file/document'
import {
  blankDocument,
  slugOf,
  documentOfTab,
  isEmptyUntitled,
  newTabId,
  parkDocument,
  uniqueUntitledBase,
} from './parking'
import type { DocumentsSlice, DocumentTab, ParkedDocument } from './types'

const FIRST_TAB_ID = newTabId()

/** The first tab: the welcome script the editor slices start with. */
export const FIRST_TAB: DocumentTab = {
  id: FIRST_TAB_ID,
  untitledBase: 'untitled',
  origin: null,
  parked: null,
}

/** The editor's fields for a document. */
const fieldsOf = (document: EditorDocument) => ({
  code: document.code,
  language: document.language,
  inputText: document.inputText,
  inputError: validateInputJson(document.inputText),
  limitsDraft: document.limitsDraft,
})

export const createDocumentsSlice: SliceCreator<DocumentsSlice> = (set, get) => {
  /** Puts `document` in front as tab `tab`, parking the one that was there. */
  const bringToFront = (tab: DocumentTab, document: ParkedDocument, tabs: DocumentTab[]) => {
    set({ ...document, tabs, activeTabId: tab.id, revealRequest: null })
  }

  return {
    tabs: [FIRST_TAB],
    activeTabId: FIRST_TAB.id,

    openExample(example) {
      const document: EditorDocument = {
        code: example.code,
        language: example.language,
        inputText: example.input,
        limitsDraft: draftFromLimits(example.limits),
      }
      get().openDocumentTab(
        { ...fieldsOf(document), savedDocument: document, loadedExampleId: example.id },
        {
          reuseEmpty: false,
          untitledBase: slugOf(example.title),
          origin: `Example: ${example.title}`,
        },
      )
    },

    openLessonInPlayground(lesson) {
      const document: EditorDocument = {
        code: lesson.code,
        language: 'js',
        inputText: '',
        limitsDraft: draftFromLimits(lesson.limits),
      }
      get().openDocumentTab(
        { ...fieldsOf(document), savedDocument: document },
        { reuseEmpty: false, untitledBase: lesson.slug, origin: `Lesson: ${lesson.title}` },
      )
      set({ view: 'playground' })
    },

    newTab() {
      get().openDocumentTab({}, { reuseEmpty: false })
    },

    activateTab(id) {
      const state = get()
      if (id === state.activeTabId) return
      const target = state.tabs.find((tab) => tab.id === id)
      if (!target?.parked) return
      const parked = parkDocument(state)
      const tabs = state.tabs.map((tab) =>
        tab.id === state.activeTabId
          ? { ...tab, parked }
          : tab.id === id
            ? { ...tab, parked: null }
            : tab,
      )
      bringToFront(target, target.parked, tabs)
    },

    closeTab(id) {
      const state = get()
      const tab = state.tabs.find((t) => t.id === id)
      if (!tab) return
      if (!documentOfTab(state, tab).fileDirty) {
        get().closeTabNow(id)
        return
      }
      // Ask with the tab in front, so the question is about what the user sees.
      get().activateTab(id)
      set({ filePrompt: { kind: 'unsaved', action: { type: 'close', tabId: id } } })
    },

    closeTabNow(id) {
      const state = get()
      const index = state.tabs.findIndex((tab) => tab.id === id)
      if (index < 0) return
      const rest = state.tabs.filter((tab) => tab.id !== id)
      if (id !== state.activeTabId) {
        set({ tabs: rest })
        return
      }
      // The neighbour on the right comes to the front, else the one on the left.
      const next = rest[index] ?? rest[index - 1]
      if (next?.parked) {
        bringToFront(
          next,
          next.parked,
          rest.map((tab) => (tab.id === next.id ? { ...tab, parked: null } : tab)),
        )
        return
      }
      // The last tab closed: there is always one, an empty untitled script.
      const fresh: DocumentTab = {
        id: newTabId(),
        untitledBase: 'untitled',
        origin: null,
        parked: null,
      }
      bringToFront(fresh, blankDocument(state.language), [fresh])
    },

    openDocumentTab(document, options) {
      const state = get()
      const full: ParkedDocument = {
        ...blankDocument(document.language ?? state.language),
        ...document,
      }
      const wantedBase = options.untitledBase ?? 'untitled'
      const origin = options.origin ?? null
      if (options.reuseEmpty && isEmptyUntitled(parkDocument(state))) {
        const others = { ...state, tabs: state.tabs.filter((t) => t.id !== state.activeTabId) }
        const untitledBase = uniqueUntitledBase(others, wantedBase)
        const tabs = state.tabs.map((tab) =>
          tab.id === state.activeTabId ? { ...tab, untitledBase, origin } : tab,
        )
        set({ ...full, tabs, revealRequest: null })
        return state.activeTabId
      }
      const tab: DocumentTab = {
        id: options.id ?? newTabId(),
        untitledBase: uniqueUntitledBase(state, wantedBase),
        origin,
        parked: null,
      }
      const parked = parkDocument(state)
      const tabs = [
        ...state.tabs.map((t) => (t.id === state.activeTabId ? { ...t, parked } : t)),
        tab,
      ]
      bringToFront(tab, full, tabs)
      return tab.id
    },
  }
}
