import type { ScriptFile, StoredDraft } from '../../../../src/protocol/files'
import { scriptLanguage } from '../../../../src/protocol/files'
import type { SliceCreator, StoreDeps } from '../../store-types'
import { DEFAULT_CODE, DEFAULT_INPUT } from '../editor/defaults'
import { validateInputJson } from '../editor/input-validation'
import { EMPTY_LIMITS } from '../editor/limits'
import { documentOfTab } from '../documents/parking'
import { selectAnyTabDirty } from '../documents/selectors'
import { selectFileName } from './selectors'
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

    /** The tab that holds `path`, if one does. */
    const tabWithFile = (path: string) =>
      get().tabs.find((tab) => documentOfTab(get(), tab).currentFile?.path === path)

    /** An opened file in a tab of its own (an empty untitled tab is reused). */
    const showFile = (document: EditorDocument, file: OpenedFile) =>
      get().openDocumentTab(
        { ...editorFields(document), currentFile: file, savedDocument: document },
        { reuseEmpty: true },
      )

    const openNow = async (path?: string) => {
      if (path === undefined && !hasNativeDialogs()) {
        get().openPicker('open')
        return
      }
      // Already open: bring its tab to the front, with whatever it holds.
      const open = path === undefined ? undefined : tabWithFile(path)
      if (open) {
        get().activateTab(open.id)
        set({ picker: null })
        return
      }
      set({ fileBusy: true })
      try {
        const result = await api.openFile(path === undefined ? {} : { path })
        if (result.status === 'cancelled') return
        const { file } = result
        const again = tabWithFile(file.path)
        if (again) get().activateTab(again.id)
        else
          showFile(documentOfFile(file), {
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

    /**
     * The tabs the last session left unsaved, back as tabs, each with its
     * own id (so its next draft replaces the same file). They stay unsaved
     * until saved: the file on disk, if any, is not what the draft holds.
     */
    const restoreDrafts = (drafts: readonly StoredDraft[]) => {
      // The welcome script nobody touched yet gives way to them.
      const replaceFirst = get().tabs.length === 1 && !get().fileDirty && !get().currentFile
      const first = get().activeTabId
      // It is closed below: its name must not push the restored ones to `untitled-2`.
      if (replaceFirst)
        set({
          tabs: get().tabs.map((tab) => (tab.id === first ? { ...tab, untitledBase: '' } : tab)),
        })
      for (const draft of drafts) {
        if (get().tabs.some((tab) => tab.id === draft.tabId)) continue
        const path = draft.path ?? null
        const document: EditorDocument = {
          code: draft.content,
          language: draft.language ?? (path ? scriptLanguage(path) : null) ?? 'js',
          inputText: draft.input ?? '',
          limitsDraft: draftFromLimits(draft.limits),
        }
        get().openDocumentTab(
          {
            ...editorFields(document),
            currentFile: path ? { path, name: baseName(path), modifiedAt: draft.savedAt } : null,
            savedDocument: null,
            fileDirty: true,
          },
          { reuseEmpty: false, id: draft.tabId },
        )
      }
      if (replaceFirst && get().activeTabId !== first) get().closeTabNow(first)
      const count = drafts.length
      const newest = Math.max(...drafts.map((draft) => draft.savedAt))
      set({
        fileNotice: {
          tone: 'info',
          title: `Restored ${count === 1 ? 'an unsaved tab' : `${count} unsaved tabs`}`,
          message: `${count === 1 ? 'It was' : 'They were'} not saved when Gatehouse last closed (the last change at ${new Date(newest).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}). ${count === 1 ? 'It is' : 'Each is'} marked ● until saved; closing ${count === 1 ? 'it' : 'one'} asks first.`,
        },
      })
    }

    const perform = (action: PendingFileAction) => {
      get().closeTabNow(action.tabId)
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
        if (then) perform(then)
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
        if (draft.status === 'fulfilled' && draft.value.drafts.length > 0)
          restoreDrafts(draft.value.drafts)
      },

      newFile: () => get().newTab(),

      openFile: (path) => openNow(path),

      saveFile: () => saveCurrent(),

      async saveFileAs(path, options = {}) {
        const { overwrite, then } = options
        if (path === undefined && !hasNativeDialogs()) {
          set({
            picker: {
              mode: 'save-as',
              suggestedName: get().currentFile?.path ?? selectFileName(get()),
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
          const suggested = path ?? get().currentFile?.path ?? selectFileName(get())
          const result = await api.saveFileAs({
            ...scriptDocument(document),
            path: suggested,
            ...(overwrite ? { overwrite: true } : {}),
          })
          if (result.status === 'cancelled') return false
          saved(result.file, document)
          if (then) perform(then)
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
        let ok = true
        try {
          // Every tab with unsaved changes, each in front while it is saved; the first refusal stops.
          for (const tab of get().tabs) {
            if (!documentOfTab(get(), tab).fileDirty) continue
            get().activateTab(tab.id)
            ok = await get().saveFile()
            if (!ok) break
          }
        } finally {
          get().updateFileDirty()
          // false lets the desktop app close the window; true keeps it open.
          await api.setDirty({ dirty: !ok || selectAnyTabDirty(get()) }).catch(() => undefined)
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
        else if (choice === 'discard') perform(prompt.action)
      },

      openPicker(mode) {
        set({
          picker: {
            mode,
            ...(mode === 'save-as'
              ? { suggestedName: get().currentFile?.path ?? selectFileName(get()) }
              : {}),
            error: null,
          },
        })
        void get().refreshFileListing()
      },

      closePicker: () => set({ picker: null, filePrompt: null }),

      clearPickerError() {
        const picker = get().picker
        if (picker?.error) set({ picker: { ...picker, error: null } })
      },

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
