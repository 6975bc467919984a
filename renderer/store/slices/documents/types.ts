import type { Lesson } from '../../../../src/lessons/lesson-file'
import type { Example } from '../../../examples/types'
import type { Store } from '../../store-types'

/**
 * What the playground holds for one document, spread over the editor, file
 * and run slices: the script, its input and limits, its file and saved
 * state, its last run. The active tab's values live in those slices (so
 * every reader sees "the document in front"); a tab in the background keeps
 * them here, parked, until it is activated again.
 */
export const DOCUMENT_FIELDS = [
  'code',
  'language',
  'inputText',
  'inputError',
  'limitsDraft',
  'cursor',
  'loadedExampleId',
  'currentFile',
  'savedDocument',
  'fileDirty',
  'draftSavedAt',
  'shownRunId',
  'shownSubmittedAt',
  'lastOutcome',
  'runRequestError',
] as const satisfies readonly (keyof Store)[]

export type DocumentField = (typeof DOCUMENT_FIELDS)[number]

/** A tab's document while another tab is in front. */
export type ParkedDocument = Pick<Store, DocumentField>

/** One open document in the playground's tab strip. */
export interface DocumentTab {
  /** Stable for the tab's life, and across a reload when it is restored from its draft. */
  id: string
  /**
   * The name before it is saved, without extension: `untitled`, `untitled-2`,
   * or from the example or lesson it came from (`hold-a-permit`).
   */
  untitledBase: string
  /** Where it came from, for its tooltip: `Example: Hold a permit`. Null for a script of your own. */
  origin: string | null
  /** Null while the tab is active: its document is in the slices then. */
  parked: ParkedDocument | null
}

/** What the tab strip shows for a tab. */
export interface TabView {
  id: string
  /** `sum.js`, `untitled-2.ts`. */
  name: string
  /** The file's path, or null when it was never saved. */
  path: string | null
  dirty: boolean
  active: boolean
  origin: string | null
}

export interface DocumentsSlice {
  tabs: DocumentTab[]
  activeTabId: string
  /** Opens an empty untitled tab in front (File > New). */
  newTab: () => void
  /** Brings a tab to the front; the one in front is parked as it is. */
  activateTab: (id: string) => void
  /** Closes a tab; one with unsaved changes is brought to the front and asked about first. */
  closeTab: (id: string) => void
  /** Closes a tab without asking (after the question, or when it is clean). */
  closeTabNow: (id: string) => void
  /** An example in a new untitled tab, in front; clean until edited (it is in the menu). */
  openExample: (example: Example) => void
  /** A lesson's script, header and limits in a new untitled tab of the playground. */
  openLessonInPlayground: (lesson: Lesson) => void
  /**
   * Opens a document in a tab of its own, in front. An empty untitled tab
   * nobody typed into is reused; nothing else is ever replaced.
   */
  openDocumentTab: (
    document: Partial<ParkedDocument>,
    options: { untitledBase?: string; origin?: string | null; id?: string; reuseEmpty: boolean },
  ) => string
}
