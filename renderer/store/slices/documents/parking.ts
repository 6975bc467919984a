import type { Language } from '../../../../src/protocol/request'
import type { Store } from '../../store-types'
import { EMPTY_LIMITS } from '../editor/limits'
import type { DocumentTab, ParkedDocument } from './types'
import { DOCUMENT_FIELDS } from './types'

/** The document in front, taken out of the slices to be parked in its tab. */
export function parkDocument(state: Store): ParkedDocument {
  const parked = {} as Record<string, unknown>
  for (const field of DOCUMENT_FIELDS) parked[field] = state[field]
  return parked as ParkedDocument
}

/** An empty script, clean (nothing to save), with no run yet. */
export function blankDocument(language: Language): ParkedDocument {
  return {
    code: '',
    language,
    inputText: '',
    inputError: null,
    limitsDraft: EMPTY_LIMITS,
    cursor: { line: 1, column: 1 },
    loadedExampleId: null,
    currentFile: null,
    savedDocument: { code: '', language, inputText: '', limitsDraft: EMPTY_LIMITS },
    fileDirty: false,
    draftSavedAt: null,
    shownRunId: null,
    shownSubmittedAt: null,
    lastOutcome: null,
    runRequestError: null,
  }
}

/** An untitled tab nobody typed into: opening a file may take its place. */
export function isEmptyUntitled(document: ParkedDocument): boolean {
  return (
    document.currentFile === null &&
    !document.fileDirty &&
    document.code.trim() === '' &&
    document.inputText.trim() === ''
  )
}

/** A tab's document, wherever it is now: in the slices when active, parked otherwise. */
export function documentOfTab(state: Store, tab: DocumentTab): ParkedDocument {
  return tab.parked ?? parkDocument(state)
}

/**
 * A run of a tab in the background ended: its outcome goes to that tab's
 * parked document, where the Result panel finds it when the tab comes back.
 * Empty when no background tab shows that run.
 */
export function parkedRunPatch(
  state: Store,
  runId: string,
  patch: Pick<Partial<ParkedDocument>, 'lastOutcome' | 'runRequestError'>,
): Pick<Store, 'tabs'> | Record<string, never> {
  const index = state.tabs.findIndex((tab) => tab.parked?.shownRunId === runId)
  if (index < 0) return {}
  return {
    tabs: state.tabs.map((tab, i) =>
      i === index && tab.parked ? { ...tab, parked: { ...tab.parked, ...patch } } : tab,
    ),
  }
}

/** `untitled`, then `untitled-2`, `untitled-3`: the first base no other untitled tab uses. */
export function uniqueUntitledBase(state: Store, wanted: string): string {
  const taken = new Set(
    state.tabs
      .filter((tab) => documentOfTab(state, tab).currentFile === null)
      .map((tab) => tab.untitledBase),
  )
  if (!taken.has(wanted)) return wanted
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`
}

/** `Hold a permit` -> `hold-a-permit`: a file name to suggest for an example's tab. */
export function slugOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug === '' ? 'untitled' : slug.slice(0, 48)
}

let tabCounter = 0

/** A tab id: unique in this window and unlikely to meet one restored from an earlier session. */
export function newTabId(): string {
  tabCounter += 1
  return `t${Date.now().toString(36)}${tabCounter.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`
}
