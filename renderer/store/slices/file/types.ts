import type { FileListing, RecentFile } from '../../../../src/protocol/files'
import type { SettingsNotice } from '../../../../src/protocol/settings-status'
import type { EditorDocument } from './document'

/** The script file the editor holds: where it lives and what it is called. */
export interface OpenedFile {
  /** As the file API answered: absolute (desktop) or relative to the workspace (browser edition). */
  path: string
  name: string
  /** Epoch milliseconds of the file on disk when it was opened or saved. */
  modifiedAt: number
}

/** Something to tell the user about files: a refused save, a damaged sidecar. */
export interface FileNotice {
  tone: 'error' | 'warn' | 'info'
  /** Short: the error type (`PathError`) or what happened (`Paste refused`). */
  title: string
  message: string
}

/** What waits for an answer about unsaved changes: closing a tab. */
export interface PendingFileAction {
  type: 'close'
  tabId: string
}

/** A question the window asks before it goes on. */
export type FilePrompt =
  | { kind: 'unsaved'; action: PendingFileAction }
  | { kind: 'overwrite'; path: string; then?: PendingFileAction }

/** The browser edition's own Open and Save As picker (the desktop app has native dialogs). */
export interface FilePicker {
  mode: 'open' | 'save-as'
  /** Save As: the name the name field starts with. */
  suggestedName?: string
  /** What to do once Save As succeeded (a New or Open that asked to save first). */
  then?: PendingFileAction
  /** Why the last open or save from the picker failed. */
  error: { type: string; message: string } | null
}

export interface FileSlice {
  /** The file the editor holds; null for an untitled script. */
  currentFile: OpenedFile | null
  /**
   * The document as last opened or saved; the editor differs from it when
   * there are unsaved changes. Null after a draft was restored: unsaved until saved.
   */
  savedDocument: EditorDocument | null
  /** The editor has changes that are not in the file (kept in step by the file tracker). */
  fileDirty: boolean
  /** An open or save in progress. */
  fileBusy: boolean
  /** The desktop app: its menu owns the file shortcuts and the close question. */
  desktopMenu: boolean
  /** Null until the first listing: the desktop app shows native dialogs, the browser edition a picker. */
  nativeDialogs: boolean | null
  fileListing: FileListing | null
  fileListingError: string | null
  recentFiles: RecentFile[]
  picker: FilePicker | null
  filePrompt: FilePrompt | null
  fileNotice: FileNotice | null
  /** Epoch milliseconds of this session's last saved draft, while there are unsaved changes. */
  draftSavedAt: number | null
  /** The settings file was bad: what happened to it. */
  settingsNotice: SettingsNotice | null

  /** At connection: the settings notice, the kind of dialogs, the tabs left unsaved (restored). */
  initFiles: () => Promise<void>
  /** Starts an untitled script in a new tab. */
  newFile: () => void
  /**
   * Opens a script in a tab of its own (or brings its tab to the front when it
   * is open already): `path` from the picker or the recent list; none shows
   * the dialog or the picker.
   */
  openFile: (path?: string) => Promise<void>
  /** Saves to the current file, or asks where (Save As) for an untitled one. Resolves true when saved. */
  saveFile: () => Promise<boolean>
  /**
   * Saves under a new path: in the browser edition `path` comes from the
   * picker; without it the picker opens (desktop: the Save dialog).
   */
  saveFileAs: (
    path?: string,
    options?: { overwrite?: boolean; then?: PendingFileAction },
  ) => Promise<boolean>
  /** The desktop's "Save, then close": saves every tab with changes, reports the result with setDirty. */
  saveThenClose: () => Promise<void>
  answerPrompt: (choice: 'save' | 'discard' | 'cancel' | 'replace') => Promise<void>
  openPicker: (mode: FilePicker['mode']) => void
  closePicker: () => void
  /** The picker's input changed: the error about the last attempt no longer applies. */
  clearPickerError: () => void
  refreshFileListing: () => Promise<void>
  refreshRecentFiles: () => Promise<void>
  /** Tells the user something about files (a refused paste, say). */
  showFileNotice: (notice: FileNotice) => void
  dismissFileNotice: () => void
  dismissSettingsNotice: () => void
  /** Recomputes fileDirty from the editor; called by the file tracker on every editor change. */
  updateFileDirty: () => boolean
  setDraftSavedAt: (at: number | null) => void
}
