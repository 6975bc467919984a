import { selectActiveTab } from '../documents/selectors'
import type { Store } from '../../store-types'

export const selectCurrentFile = (state: Store) => state.currentFile
export const selectFileDirty = (state: Store) => state.fileDirty
export const selectFileNotice = (state: Store) => state.fileNotice
export const selectSettingsNotice = (state: Store) => state.settingsNotice
export const selectFilePicker = (state: Store) => state.picker
export const selectFilePrompt = (state: Store) => state.filePrompt
export const selectRecentFiles = (state: Store) => state.recentFiles
export const selectDraftSavedAt = (state: Store) => state.draftSavedAt
export const selectShowFileNotice = (state: Store) => state.showFileNotice

/** The name the window shows for the script in front: the file's, or its tab's `untitled.js`. */
export const selectFileName = (state: Store) =>
  state.currentFile?.name ??
  `${selectActiveTab(state)?.untitledBase ?? 'untitled'}.${state.language}`

/** For the File menu: use with useShallow. */
export const selectFileActions = (state: Store) => ({
  newFile: state.newFile,
  openFile: state.openFile,
  saveFile: state.saveFile,
  saveFileAs: state.saveFileAs,
  refreshRecentFiles: state.refreshRecentFiles,
})

/** For the banners: use with useShallow. */
export const selectFileBannerActions = (state: Store) => ({
  dismissFileNotice: state.dismissFileNotice,
  dismissSettingsNotice: state.dismissSettingsNotice,
})

/** For the picker and the prompts: use with useShallow. */
export const selectFileDialogView = (state: Store) => ({
  picker: state.picker,
  prompt: state.filePrompt,
  listing: state.fileListing,
  listingError: state.fileListingError,
  busy: state.fileBusy,
  language: state.language,
  openFile: state.openFile,
  saveFileAs: state.saveFileAs,
  closePicker: state.closePicker,
  clearPickerError: state.clearPickerError,
  answerPrompt: state.answerPrompt,
  refreshFileListing: state.refreshFileListing,
})
