import type { Store } from '../../store-types'

export const selectCurrentFile = (state: Store) => state.currentFile
export const selectFileDirty = (state: Store) => state.fileDirty
export const selectFileNotice = (state: Store) => state.fileNotice
export const selectSettingsNotice = (state: Store) => state.settingsNotice
export const selectDraftOffer = (state: Store) => state.draftOffer
export const selectFilePicker = (state: Store) => state.picker
export const selectFilePrompt = (state: Store) => state.filePrompt
export const selectRecentFiles = (state: Store) => state.recentFiles
export const selectDraftSavedAt = (state: Store) => state.draftSavedAt
export const selectShowFileNotice = (state: Store) => state.showFileNotice

/** The name the window shows for the script: the file's, or `untitled.js`. */
export const selectFileName = (state: Store) =>
  state.currentFile?.name ?? `untitled.${state.language}`

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
  restoreDraft: state.restoreDraft,
  discardDraft: state.discardDraft,
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
  answerPrompt: state.answerPrompt,
  refreshFileListing: state.refreshFileListing,
})
