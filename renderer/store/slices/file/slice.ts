import type { ScriptFile } from '../../../../src/protocol/files'
import { scriptLanguage } from '../../../../src/protocol/files'
import type { SliceCreator, StoreDeps } from '../../store-types'
import { DEFAULT_CODE, DEFAULT_INPUT } from '../editor/defaults'
import { validateInputJson } from '../editor/input-validation'
import { EMPTY_LIMITS } from '../editor/limits'
import type { EditorDocument } from './document'
import {
  baseName,
  documentOf,
  documentTooLarge,
  draftFromLimits,
  sameDocument,
  scriptDocument,
  swapExtension,
} from './document'
import { fileErrorOf } from './file-error'
import type { FileSlice, OpenedFile, PendingFileAction } from './types'

/** The editor's fields for a document (the editor slice owns them; a file replaces them all). */
const editorFields = (document: EditorDocument) => ({
  code: document.code,
  language: document.language,
  inputText: document.inputText,
  inputError: validateInputJson(document.inputText),
  limitsDraft: document.limitsDraft,
  loadedExampleId: null,
})

const documentOfFile = (file: ScriptFile): EditorDocument => ({
  code: file.content,
  language: file.language,
  inputText: file.input ?? '',
  limitsDraft: draftFromLimits(file.limits),
})

export const createFileSlice =
  ({ api }: StoreDeps): SliceCreator<FileSlice> =>
  (set, get) => {
    let initialized = false
    // Before the first listing answers, the desktop app is the one with a menu.
    const desktopMenu = typeof api.onMenuCommand === 'function'
    const hasNativeDialogs = () => get().nativeDialogs ?? desktopMenu

    const fail = (error: unknown) => {
      const { type, message } = fileErrorOf(error)
      const picker = get().picker
      if (picker) set({ picker: { ...picker, error: { type, message } } })
      else set({ fileNotice: { tone: 'error', title: type, message } })
    }

    const refuse = (title: string, message: string) => {
      const picker = get().picker
      if (picker) set({ picker: { ...picker, error: { type: title, message } } })
      else set({ fileNotice: { tone: 'error', title, message } })
    }

    const applyDocument = (document: EditorDocument, file: OpenedFile | null) =>
      set({
        ...editorFields(document),
        currentFile: file,
        savedDocument: document,
        fileDirty: false,
        filePrompt: null,
      })

    const applyNew = () => {
      const document: EditorDocument = {
        code: '',
        language: get().language,
        inputText: '',
        limitsDraft: EMPTY_LIMITS,
      }
      applyDocument(document, null)
      set({ fileNotice: null })
    }

    const openNow = async (path?: string) => {
      if (path === undefined && !hasNativeDialogs()) {
        get().openPicker('open')
        return
      }
      set({ fileBusy: true })
      try {
        const result = await api.openFile(path === undefined ? {} : { path })
        if (result.status === 'cancelled') return
        const { file } = result
        applyDocument(documentOfFile(file), {
          path: file.path,
          name: file.name,
          modifiedAt: file.modifiedAt,
        })
        set({
          picker: null,
          fileNotice: file.sidecarError
            ? {
                tone: 'warn',
                title: `${file.name} opened, but not all of its input and limits`,
                message: file.sidecarError,
              }
            : null,
        })
      } catch (error) {
        fail(error)
      } finally {
        set({ fileBusy: false })
      }
    }

    const perform = async (action: PendingFileAction) => {
      if (action.type === 'new') applyNew()
      else await openNow(action.path)
    }

    /** After a save: the file it went to, and what was saved as the clean state. */
    const saved = (
      file: {
        path: string
        name: string
        language: EditorDocument['language']
        modifiedAt: number
      },
      document: EditorDocument,
    ) => {
      // The language follows the file: `name.ts` makes it TypeScript.
      const clean = { ...document, language: file.language }
      set({
        currentFile: { path: file.path, name: file.name, modifiedAt: file.modifiedAt },
        savedDocument: clean,
        ...(clean.language !== get().language ? { language: clean.language } : {}),
        picker: null,
        filePrompt: null,
        fileNotice: null,
      })
    }

    const saveCurrent = async (then?: PendingFileAction): Promise<boolean> => {
      const current = get().currentFile
      if (!current) return get().saveFileAs(undefined, then ? { then } : {})
      const document = documentOf(get())
      // The editor was switched to the other language since: save as NAME.ts, not TS into NAME.js.
      if (scriptLanguage(current.path) !== document.language) {
        const suggested = swapExtension(current.path, document.language)
        if (hasNativeDialogs()) return get().saveFileAs(suggested, then ? { then } : {})
        set({
          picker: {
            mode: 'save-as',
            suggestedName: suggested,
            ...(then ? { then } : {}),
            error: null,
          },
        })
        return false
      }
      const tooLarge = documentTooLarge(document)
      if (tooLarge) {
        refuse('Too large to save', tooLarge)
        return false
      }
      set({ fileBusy: true })
      try {
        const result = await api.saveFile({ path: current.path, ...scriptDocument(document) })
        if (result.status === 'cancelled') return false
        saved(result.file, document)
        if (then) await perform(then)
        return true
      } catch (error) {
        fail(error)
        return false
      } finally {
        set({ fileBusy: false })
      }
    }

    return {
      currentFile: null,
      // What a new window starts with is clean: nothing to save yet.
      savedDocument: {
        code: DEFAULT_CODE,
        language: 'js',
        inputText: DEFAULT_INPUT,
        limitsDraft: EMPTY_LIMITS,
      },
      fileDirty: false,
      fileBusy: false,
      desktopMenu,
      nativeDialogs: null,
      fileListing: null,
      fileListingError: null,
      recentFiles: [],
      picker: null,
      filePrompt: null,
      fileNotice: null,
      draftOffer: null,
      draftSavedAt: null,
      settingsNotice: null,

      async initFiles() {
        if (initialized) return
        initialized = true
        const [status, listing, draft] = await Promise.allSettled([
          api.settingsStatus({}),
          api.listFiles({}),
          api.loadDraft({}),
        ])
        if (status.status === 'fulfilled' && status.value.notice)
          set({ settingsNotice: status.value.notice })
        if (listing.status === 'fulfilled')
          set({ nativeDialogs: listing.value.nativeDialogs, fileListing: listing.value })
        if (draft.status === 'fulfilled' && draft.value.draft)
          set({ draftOffer: draft.value.draft })
      },

      newFile() {
        if (get().fileDirty) {
          set({ filePrompt: { kind: 'unsaved', action: { type: 'new' } } })
          return
        }
        applyNew()
      },

      async openFile(path) {
        // From the picker, the question about unsaved changes came before it opened.
        if (get().fileDirty && !get().picker) {
          set({
            filePrompt: {
              kind: 'unsaved',
              action: path === undefined ? { type: 'open' } : { type: 'open', path },
            },
          })
          return
        }
        await openNow(path)
      },

      saveFile: () => saveCurrent(),

      async saveFileAs(path, options = {}) {
        const { overwrite, then } = options
        if (path === undefined && !hasNativeDialogs()) {
          set({
            picker: {
              mode: 'save-as',
              suggestedName: get().currentFile?.path ?? `untitled.${get().language}`,
              ...(then ? { then } : {}),
              error: null,
            },
          })
          return false
        }
        const document = documentOf(get())
        const tooLarge = documentTooLarge(document)
        if (tooLarge) {
          refuse('Too large to save', tooLarge)
          return false
        }
        set({ fileBusy: true })
        try {
          // Desktop: the name the Save dialog starts with; the language's extension for a new script.
          const suggested = path ?? get().currentFile?.path ?? `untitled.${document.language}`
          const result = await api.saveFileAs({
            ...scriptDocument(document),
            path: suggested,
            ...(overwrite ? { overwrite: true } : {}),
          })
          if (result.status === 'cancelled') return false
          saved(result.file, document)
          if (then) await perform(then)
          return true
        } catch (error) {
          if (error instanceof Error && error.name === 'FileExistsError' && path !== undefined) {
            set({ filePrompt: { kind: 'overwrite', path, ...(then ? { then } : {}) } })
            return false
          }
          fail(error)
          return false
        } finally {
          set({ fileBusy: false })
        }
      },

      async saveThenClose() {
        let ok = false
        try {
          ok = await get().saveFile()
        } finally {
          // false lets the desktop app close the window; true keeps it open.
          await api.setDirty({ dirty: !ok || get().updateFileDirty() }).catch(() => undefined)
        }
      },

      async answerPrompt(choice) {
        const prompt = get().filePrompt
        if (!prompt) return
        set({ filePrompt: null })
        if (choice === 'cancel') return
        if (prompt.kind === 'overwrite') {
          if (choice === 'replace')
            await get().saveFileAs(prompt.path, {
              overwrite: true,
              ...(prompt.then ? { then: prompt.then } : {}),
            })
          return
        }
        if (choice === 'save') await saveCurrent(prompt.action)
        else if (choice === 'discard') await perform(prompt.action)
      },

      openPicker(mode) {
        set({
          picker: {
            mode,
            ...(mode === 'save-as'
              ? { suggestedName: get().currentFile?.path ?? `untitled.${get().language}` }
              : {}),
            error: null,
          },
        })
        void get().refreshFileListing()
      },

      closePicker: () => set({ picker: null, filePrompt: null }),

      async refreshFileListing() {
        try {
          const listing = await api.listFiles({})
          set({
            fileListing: listing,
            fileListingError: null,
            nativeDialogs: listing.nativeDialogs,
          })
        } catch (error) {
          set({ fileListingError: fileErrorOf(error).message })
        }
      },

      async refreshRecentFiles() {
        try {
          set({ recentFiles: (await api.recentFiles({})).files })
        } catch (error) {
          console.warn('Gatehouse: could not read the recent files', error)
        }
      },

      restoreDraft() {
        const draft = get().draftOffer
        if (!draft) return
        const path = draft.path ?? null
        const document: EditorDocument = {
          code: draft.content,
          language: draft.language ?? (path ? scriptLanguage(path) : null) ?? 'js',
          inputText: draft.input ?? '',
          limitsDraft: draftFromLimits(draft.limits),
        }
        set({
          ...editorFields(document),
          currentFile: path ? { path, name: baseName(path), modifiedAt: draft.savedAt } : null,
          // Unsaved until saved: the file on disk (if any) is not what the draft holds.
          savedDocument: null,
          draftOffer: null,
        })
      },

      async discardDraft() {
        set({ draftOffer: null })
        try {
          await api.clearDraft({})
        } catch (error) {
          console.warn('Gatehouse: could not remove the draft', error)
        }
      },

      showFileNotice: (fileNotice) => set({ fileNotice }),
      dismissFileNotice: () => set({ fileNotice: null }),
      dismissSettingsNotice: () => set({ settingsNotice: null }),

      updateFileDirty() {
        const state = get()
        const dirty =
          state.savedDocument === null || !sameDocument(documentOf(state), state.savedDocument)
        if (dirty !== state.fileDirty) set({ fileDirty: dirty })
        return dirty
      },

      setDraftSavedAt: (draftSavedAt) => set({ draftSavedAt }),
    }
  }
