import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { GatehouseApi } from '../../../src/protocol/api'
import type { ScriptFile } from '../../../src/protocol/files'
import { EventLog } from '../../../renderer/event-log/event-log'
import { createAppStore } from '../../../renderer/store'
import type { AppStore } from '../../../renderer/store'
import { handleMenuCommand } from '../../../renderer/store/bridge-sync'
import { trackFileChanges } from '../../../renderer/store/slices/file/tracking'
import { selectAnyTabDirty } from '../../../renderer/store/slices/documents/selectors'
import { selectFileName } from '../../../renderer/store/slices/file/selectors'

const SUM: ScriptFile = {
  path: 'sum.js',
  name: 'sum.js',
  language: 'js',
  content: 'return input.a + input.b',
  input: '{\n  "a": 1,\n  "b": 2\n}',
  limits: { runTimeoutMs: 2000 },
  modifiedAt: 1000,
}

const fileError = (name: string, message: string) => Object.assign(new Error(message), { name })

/** An api with the file methods faked; `desktop` adds the menu (and native dialogs). */
function fakeApi(desktop = false) {
  const api = {
    settingsStatus: vi.fn(async () => ({ path: null, loadedFrom: 'defaults' as const })),
    listFiles: vi.fn(async () => ({
      root: desktop ? null : '/work',
      files: [],
      truncated: false,
      nativeDialogs: desktop,
    })),
    openFile: vi.fn(async () => ({ status: 'opened' as const, file: SUM })),
    saveFile: vi.fn(async (request: { path: string }) => ({
      status: 'saved' as const,
      file: { path: request.path, name: request.path, language: 'js' as const, modifiedAt: 2000 },
    })),
    saveFileAs: vi.fn(async (request: { path?: string }) => {
      const path = request.path ?? '/home/me/picked.ts'
      return {
        status: 'saved' as const,
        file: {
          path,
          name: path.split('/').pop() ?? path,
          language: path.endsWith('.ts') ? ('ts' as const) : ('js' as const),
          modifiedAt: 3000,
        },
      }
    }),
    recentFiles: vi.fn(async () => ({ files: [] })),
    saveDraft: vi.fn(async () => ({ savedAt: 5000 })),
    loadDraft: vi.fn(async () => ({ drafts: [] })),
    clearDraft: vi.fn(async () => ({ cleared: true })),
    setDirty: vi.fn(async ({ dirty }: { dirty: boolean }) => ({ dirty })),
    ...(desktop ? { onMenuCommand: vi.fn(() => () => undefined) } : {}),
  }
  return api
}

function storeWith(api: ReturnType<typeof fakeApi>): AppStore {
  return createAppStore(
    {
      api: api as unknown as GatehouseApi,
      now: () => 0,
      storage: null,
      eventLog: new EventLog(10),
    },
    { status: 'open' },
  )
}

describe('the file slice', () => {
  it('opens a script with its input and limits, and is clean until edited', async () => {
    const api = fakeApi()
    const store = storeWith(api)
    const stop = trackFileChanges(store, api as unknown as GatehouseApi, 5)
    await store.getState().openFile('sum.js')
    expect(api.openFile).toHaveBeenCalledWith({ path: 'sum.js' })
    const state = store.getState()
    expect(state.code).toBe(SUM.content)
    expect(state.inputText).toBe(SUM.input)
    expect(state.limitsDraft).toEqual({ runTimeoutMs: '2000', memoryMb: '', stackKb: '' })
    expect(state.currentFile).toEqual({ path: 'sum.js', name: 'sum.js', modifiedAt: 1000 })
    expect(state.fileDirty).toBe(false)

    store.getState().setCode('return 0')
    expect(store.getState().fileDirty).toBe(true)
    expect(api.setDirty).toHaveBeenLastCalledWith({ dirty: true })
    // Back as it was: clean again.
    store.getState().setCode(SUM.content)
    expect(store.getState().fileDirty).toBe(false)
    expect(api.setDirty).toHaveBeenLastCalledWith({ dirty: false })
    stop()
  })

  it('saves to the current file, then the draft goes', async () => {
    vi.useFakeTimers()
    const api = fakeApi()
    const store = storeWith(api)
    const stop = trackFileChanges(store, api as unknown as GatehouseApi, 5)
    await store.getState().openFile('sum.js')
    store.getState().setCode('return 42')
    await vi.advanceTimersByTimeAsync(10)
    expect(api.saveDraft).toHaveBeenCalledWith({
      tabId: store.getState().activeTabId,
      content: 'return 42',
      input: SUM.input,
      limits: { runTimeoutMs: 2000 },
      language: 'js',
      path: 'sum.js',
    })
    expect(store.getState().draftSavedAt).toBe(5000)

    expect(await store.getState().saveFile()).toBe(true)
    expect(api.saveFile).toHaveBeenCalledWith({
      path: 'sum.js',
      content: 'return 42',
      input: SUM.input,
      limits: { runTimeoutMs: 2000 },
    })
    expect(store.getState().fileDirty).toBe(false)
    expect(api.clearDraft).toHaveBeenCalledTimes(1)
    stop()
    vi.useRealTimers()
  })

  it('browser edition: Save As opens the picker, asks before replacing, follows the .ts name', async () => {
    const api = fakeApi()
    const store = storeWith(api)
    await store.getState().initFiles()
    expect(await store.getState().saveFile()).toBe(false)
    expect(store.getState().picker).toMatchObject({ mode: 'save-as', suggestedName: 'untitled.js' })

    api.saveFileAs.mockRejectedValueOnce(
      fileError('FileExistsError', 'sum.ts already exists: save again with overwrite: true'),
    )
    expect(await store.getState().saveFileAs('sum.ts')).toBe(false)
    expect(store.getState().filePrompt).toEqual({ kind: 'overwrite', path: 'sum.ts' })
    await store.getState().answerPrompt('replace')
    expect(api.saveFileAs).toHaveBeenLastCalledWith(
      expect.objectContaining({ path: 'sum.ts', overwrite: true }),
    )
    const state = store.getState()
    expect(state.picker).toBeNull()
    expect(state.currentFile?.name).toBe('sum.ts')
    expect(state.language).toBe('ts')
  })

  it('shows a path error in the picker, and other errors as a notice', async () => {
    const api = fakeApi()
    const store = storeWith(api)
    await store.getState().initFiles()
    store.getState().openPicker('save-as')
    api.saveFileAs.mockRejectedValueOnce(
      fileError('PathError', '../x.js: paths may not contain ".." segments'),
    )
    await store.getState().saveFileAs('../x.js')
    expect(store.getState().picker?.error).toEqual({
      type: 'PathError',
      message: '../x.js: paths may not contain ".." segments',
    })
    store.getState().closePicker()
    api.openFile.mockRejectedValueOnce(fileError('NotFoundError', 'gone.js does not exist'))
    await store.getState().openFile('gone.js')
    expect(store.getState().fileNotice).toEqual({
      tone: 'error',
      title: 'NotFoundError',
      message: 'gone.js does not exist',
    })
  })

  it('New and Open never replace a script: each gets a tab; closing a dirty tab asks', async () => {
    const api = fakeApi()
    const store = storeWith(api)
    const stop = trackFileChanges(store, api as unknown as GatehouseApi, 5)
    const welcome = store.getState().activeTabId
    store.getState().setCode('work in progress')
    store.getState().newFile()
    expect(store.getState().tabs).toHaveLength(2)
    expect(store.getState().code).toBe('')
    expect(selectFileName(store.getState())).toBe('untitled-2.js')
    // The empty new tab nobody typed into is where the opened file goes.
    await store.getState().openFile('sum.js')
    expect(store.getState().tabs).toHaveLength(2)
    expect(store.getState().code).toBe(SUM.content)
    // Opening it again brings its tab to the front instead of a second copy.
    store.getState().activateTab(welcome)
    expect(store.getState().code).toBe('work in progress')
    await store.getState().openFile('sum.js')
    expect(api.openFile).toHaveBeenCalledTimes(1)
    expect(store.getState().code).toBe(SUM.content)

    store.getState().closeTab(welcome)
    expect(store.getState().activeTabId).toBe(welcome)
    expect(store.getState().filePrompt).toEqual({
      kind: 'unsaved',
      action: { type: 'close', tabId: welcome },
    })
    await store.getState().answerPrompt('cancel')
    expect(store.getState().tabs).toHaveLength(2)
    store.getState().closeTab(welcome)
    await store.getState().answerPrompt('discard')
    expect(store.getState().tabs.map((tab) => tab.id)).not.toContain(welcome)
    expect(store.getState().code).toBe(SUM.content)
    expect(api.clearDraft).toHaveBeenCalledWith({ tabId: welcome })
    expect(api.setDirty).toHaveBeenLastCalledWith({ dirty: false })
    stop()
  })

  it('restores the tabs the last session left unsaved, each as unsaved', async () => {
    const api = fakeApi()
    api.loadDraft.mockResolvedValueOnce({
      drafts: [
        { tabId: 'ta', content: 'const x = 1', language: 'ts', path: 'a/b.ts', savedAt: 42 },
        { tabId: 'tb', content: 'return 2', path: null, savedAt: 43 },
      ],
    } as never)
    api.settingsStatus.mockResolvedValueOnce({
      path: '/w/.gatehouse/settings.json',
      loadedFrom: 'defaults',
      notice: { kind: 'corrupt', message: 'not JSON', at: 1 },
    } as never)
    const store = storeWith(api)
    await store.getState().initFiles()
    expect(store.getState().settingsNotice?.kind).toBe('corrupt')
    // The untouched welcome script gave way to them.
    expect(store.getState().tabs.map((tab) => tab.id)).toEqual(['ta', 'tb'])
    expect(store.getState().fileNotice?.title).toBe('Restored 2 unsaved tabs')
    expect(store.getState().code).toBe('return 2')
    expect(store.getState().fileDirty).toBe(true)
    store.getState().activateTab('ta')
    const state = store.getState()
    expect(state.code).toBe('const x = 1')
    expect(state.language).toBe('ts')
    expect(state.currentFile).toMatchObject({ path: 'a/b.ts', name: 'b.ts' })
    expect(state.updateFileDirty()).toBe(true)
    expect(selectAnyTabDirty(state)).toBe(true)
  })
})

describe('desktop menu file commands', () => {
  beforeEach(() => vi.useRealTimers())
  afterEach(() => vi.useRealTimers())

  it('open shows the dialog; save then close reports the result with setDirty', async () => {
    const api = fakeApi(true)
    const store = storeWith(api)
    expect(handleMenuCommand(store, { type: 'open' })).toBe(true)
    await vi.waitFor(() => expect(store.getState().currentFile?.path).toBe('sum.js'))
    expect(api.openFile).toHaveBeenCalledWith({})

    store.getState().setCode('changed')
    store.getState().updateFileDirty()
    expect(handleMenuCommand(store, { type: 'save', then: 'close' })).toBe(true)
    await vi.waitFor(() => expect(api.setDirty).toHaveBeenLastCalledWith({ dirty: false }))

    // A cancelled Save dialog keeps the window open.
    store.getState().newFile()
    const untitled = selectFileName(store.getState())
    store.getState().setCode('untitled work')
    store.getState().updateFileDirty()
    api.saveFileAs.mockResolvedValueOnce({ status: 'cancelled' } as never)
    handleMenuCommand(store, { type: 'save', then: 'close' })
    await vi.waitFor(() => expect(api.setDirty).toHaveBeenLastCalledWith({ dirty: true }))
    expect(api.saveFileAs).toHaveBeenLastCalledWith({
      content: 'untitled work',
      path: untitled,
    })

    // Open Recent with unsaved changes in front: a tab of its own, the changes stay in theirs.
    const before = store.getState().tabs.length
    api.openFile.mockResolvedValueOnce({
      status: 'opened',
      file: { ...SUM, path: '/home/me/sum.js' },
    })
    expect(handleMenuCommand(store, { type: 'open-recent', path: '/home/me/sum.js' })).toBe(true)
    await vi.waitFor(() => expect(store.getState().tabs).toHaveLength(before + 1))
    expect(store.getState().filePrompt).toBeNull()
  })
})
