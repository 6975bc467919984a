// @vitest-environment node
import { electronFake, resetElectronFake } from '../../setup-electron-mock'
import { existsSync, linkSync, readFileSync, symlinkSync } from 'node:fs'
import type { BrowserWindow } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FileDialogs } from '../../../electron/main/desktop-files'
import { DesktopFiles, electronFileDialogs } from '../../../electron/main/desktop-files'
import { METHOD_CHANNELS } from '../../../src/protocol/channel-names'
import type { FileChannel } from '../../../src/workspace/files-backend'
import { handleFileRequest } from '../../../src/workspace/files-backend'
import { tempFolder } from '../workspace/helpers'

let userData: ReturnType<typeof tempFolder>
let docs: ReturnType<typeof tempFolder>
let dialogs: { showOpen: ReturnType<typeof vi.fn>; showSave: ReturnType<typeof vi.fn> }
let files: DesktopFiles
const window = { id: 1 } as unknown as BrowserWindow
const onRecentChanged = vi.fn()

const request = (channel: FileChannel, payload: unknown) =>
  handleFileRequest(files.forWindow(window), channel, payload)

beforeEach(() => {
  resetElectronFake()
  userData = tempFolder('gatehouse-userdata-')
  docs = tempFolder('gatehouse-docs-')
  dialogs = { showOpen: vi.fn(async () => null), showSave: vi.fn(async () => null) }
  onRecentChanged.mockClear()
  files = new DesktopFiles({
    userDataDir: userData.root,
    dialogs: dialogs as unknown as FileDialogs,
    defaultFolder: docs.root,
    onRecentChanged,
  })
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  userData.remove()
  docs.remove()
  vi.restoreAllMocks()
})

describe('the desktop file channels', () => {
  it('Open shows the dialog, reads the script and its sidecar, and remembers it', async () => {
    const script = docs.write('sum.js', 'return input.a')
    docs.write('sum.js.gatehouse.json', JSON.stringify({ gatehouse: 1, input: { a: 1 } }))
    dialogs.showOpen.mockResolvedValueOnce(script)
    const reply = await request(METHOD_CHANNELS.openFile, {})
    expect(dialogs.showOpen).toHaveBeenCalledWith(window, docs.root)
    expect(reply).toMatchObject({
      ok: true,
      value: {
        status: 'opened',
        file: { path: script, content: 'return input.a', input: '{\n  "a": 1\n}' },
      },
    })
    expect(await request(METHOD_CHANNELS.recentFiles, {})).toMatchObject({
      ok: true,
      value: { files: [{ path: script, name: 'sum.js' }] },
    })
    expect(existsSync(userData.path('recent-files.json'))).toBe(true)
    expect(onRecentChanged).toHaveBeenCalled()
  })

  it.skipIf(process.platform === 'win32')(
    'reads a sidecar only as a plain file beside the script: not through a symlink, not a hard link',
    async () => {
      const other = tempFolder('gatehouse-other-')
      try {
        other.write('secret.json', JSON.stringify({ gatehouse: 1, input: { secret: true } }))
        const linked = docs.write('linked.js', 'return 1')
        symlinkSync(other.path('secret.json'), docs.path('linked.js.gatehouse.json'))
        dialogs.showOpen.mockResolvedValueOnce(linked)
        const viaSymlink = await request(METHOD_CHANNELS.openFile, {})
        expect(viaSymlink).toMatchObject({ ok: true, value: { status: 'opened' } })
        const file = (viaSymlink as { value: { file: Record<string, unknown> } }).value.file
        expect(file.input).toBeUndefined()
        expect(file.sidecarError).toBe(
          "linked.js.gatehouse.json was not read: linked.js.gatehouse.json is a symbolic link: Gatehouse reads it only as a plain file; the script's input and limits were not loaded",
        )

        const hard = docs.write('hard.js', 'return 2')
        linkSync(other.path('secret.json'), docs.path('hard.js.gatehouse.json'))
        dialogs.showOpen.mockResolvedValueOnce(hard)
        const viaHardLink = await request(METHOD_CHANNELS.openFile, {})
        const hardFile = (viaHardLink as { value: { file: Record<string, unknown> } }).value.file
        expect(hardFile.input).toBeUndefined()
        expect(hardFile.sidecarError).toMatch(/hard\.js\.gatehouse\.json has 2 hard links/)
      } finally {
        other.remove()
      }
    },
  )

  it('a cancelled dialog is a cancelled reply, not an error', async () => {
    expect(await request(METHOD_CHANNELS.openFile, {})).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    })
    expect(await request(METHOD_CHANNELS.saveFileAs, { content: 'x' })).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    })
  })

  it('Save As shows the dialog, adds .js to a bare name, and then Save works on that path', async () => {
    dialogs.showSave.mockResolvedValueOnce(docs.path('new-script'))
    const saved = await request(METHOD_CHANNELS.saveFileAs, {
      path: 'suggested.js',
      content: 'return 1',
      limits: { runTimeoutMs: 50 },
    })
    expect(dialogs.showSave).toHaveBeenCalledWith(window, docs.path('suggested.js'))
    const path = docs.path('new-script.js')
    expect(saved).toMatchObject({
      ok: true,
      value: { status: 'saved', file: { path, name: 'new-script.js' } },
    })
    expect(readFileSync(path, 'utf8')).toBe('return 1')
    expect(JSON.parse(readFileSync(`${path}.gatehouse.json`, 'utf8'))).toEqual({
      gatehouse: 1,
      limits: { runTimeoutMs: 50 },
    })
    expect(await request(METHOD_CHANNELS.saveFile, { path, content: 'return 2' })).toMatchObject({
      ok: true,
    })
    expect(readFileSync(path, 'utf8')).toBe('return 2')
  })

  it('Save As refuses a name with another extension', async () => {
    dialogs.showSave.mockResolvedValueOnce(docs.path('notes.txt'))
    expect(await request(METHOD_CHANNELS.saveFileAs, { content: 'x' })).toMatchObject({
      ok: false,
      error: {
        type: 'PathError',
        message: 'notes.txt is not a script name: Gatehouse saves .js and .ts files',
      },
    })
    expect(existsSync(docs.path('notes.txt'))).toBe(false)
  })

  it('opens or saves by path only files the user picked (this session or a recent one)', async () => {
    const secret = docs.write('secret.js', 'return "secret"')
    const open = await request(METHOD_CHANNELS.openFile, { path: secret })
    expect(open).toMatchObject({ ok: false, error: { type: 'ForbiddenError' } })
    const save = await request(METHOD_CHANNELS.saveFile, { path: secret, content: 'pwned' })
    expect(save).toMatchObject({ ok: false, error: { type: 'ForbiddenError' } })
    expect(readFileSync(secret, 'utf8')).toBe('return "secret"')
    expect(await request(METHOD_CHANNELS.openFile, { path: 'relative.js' })).toMatchObject({
      ok: false,
      error: { type: 'PathError' },
    })

    // A file from the recent list (an earlier session) may be reopened.
    dialogs.showOpen.mockResolvedValueOnce(secret)
    await request(METHOD_CHANNELS.openFile, {})
    const later = new DesktopFiles({
      userDataDir: userData.root,
      dialogs: dialogs as unknown as FileDialogs,
    })
    expect(
      await handleFileRequest(later.forWindow(window), METHOD_CHANNELS.openFile, { path: secret }),
    ).toMatchObject({ ok: true, value: { status: 'opened' } })
  })

  it('lists no files itself: the dialogs are the picker', async () => {
    expect(await request(METHOD_CHANNELS.listFiles, {})).toEqual({
      ok: true,
      value: { root: null, files: [], truncated: false, nativeDialogs: true },
    })
  })

  it("keeps the tabs' drafts in the user data folder", async () => {
    await request(METHOD_CHANNELS.saveDraft, { tabId: 't1', content: 'return 1' })
    expect(existsSync(userData.path('drafts', 't1.json'))).toBe(true)
    expect(await request(METHOD_CHANNELS.loadDraft, {})).toMatchObject({
      ok: true,
      value: { drafts: [{ tabId: 't1', content: 'return 1' }] },
    })
  })
})

describe('electronFileDialogs', () => {
  it('asks for one .js or .ts file, attached to the window', async () => {
    electronFake.dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: ['/x/a.js'],
    })
    expect(await electronFileDialogs.showOpen(window, '/x')).toBe('/x/a.js')
    const [parent, options] = electronFake.dialog.showOpenDialog.mock.calls[0] ?? []
    expect(parent).toBe(window)
    expect(options).toMatchObject({ properties: ['openFile'], defaultPath: '/x' })
    expect((options as { filters: { extensions: string[] }[] }).filters[0]?.extensions).toEqual([
      'js',
      'ts',
    ])

    expect(await electronFileDialogs.showSave(window, '/x/untitled.js')).toBeNull()
  })
})
