import { existsSync, linkSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { METHOD_CHANNELS } from '../../../src/protocol/channel-names'
import type { Core } from '../../../src/engine/core-api'
import { handleFileRequest, withFiles } from '../../../src/workspace/files-backend'
import { Workspace } from '../../../src/workspace/workspace'
import { WorkspaceFiles } from '../../../src/workspace/workspace-files'
import { tempFolder } from './helpers'

let folder: ReturnType<typeof tempFolder>
let files: WorkspaceFiles
beforeEach(async () => {
  folder = tempFolder('gatehouse-ws-')
  files = new WorkspaceFiles(await Workspace.open(folder.root))
})
afterEach(() => folder.remove())

const request = (channel: Parameters<typeof handleFileRequest>[1], payload: unknown) =>
  handleFileRequest(files, channel, payload)

describe('the browser edition file channels', () => {
  it('saves, lists, opens and remembers scripts in the workspace', async () => {
    const saved = await request(METHOD_CHANNELS.saveFileAs, {
      path: 'demo/sum.js',
      content: 'return input.a + input.b',
      input: '{"a": 2, "b": 40}',
      limits: { runTimeoutMs: 1000 },
    })
    expect(saved).toMatchObject({
      ok: true,
      value: { status: 'saved', file: { path: 'demo/sum.js', name: 'sum.js', language: 'js' } },
    })
    expect(readFileSync(folder.path('demo', 'sum.js'), 'utf8')).toBe('return input.a + input.b')

    const listing = await request(METHOD_CHANNELS.listFiles, {})
    expect(listing).toMatchObject({
      ok: true,
      value: {
        root: folder.root,
        nativeDialogs: false,
        truncated: false,
        files: [{ path: 'demo/sum.js' }],
      },
    })

    const opened = await request(METHOD_CHANNELS.openFile, { path: 'demo/sum.js' })
    expect(opened).toMatchObject({
      ok: true,
      value: {
        status: 'opened',
        file: {
          content: 'return input.a + input.b',
          input: '{\n  "a": 2,\n  "b": 40\n}',
          limits: { runTimeoutMs: 1000 },
        },
      },
    })
    expect(await request(METHOD_CHANNELS.recentFiles, {})).toMatchObject({
      ok: true,
      value: { files: [{ path: 'demo/sum.js', name: 'sum.js' }] },
    })
    // Gatehouse's own files stay in .gatehouse/.
    expect(existsSync(folder.path('.gatehouse', 'recent-files.json'))).toBe(true)
  })

  it.skipIf(process.platform === 'win32')(
    'refuses a hard-linked script, and a state folder that leads outside',
    async () => {
      const outside = tempFolder('gatehouse-outside-')
      try {
        outside.write('secret.js', 'return "secret"')
        linkSync(outside.path('secret.js'), folder.path('hard.js'))
        const opened = await request(METHOD_CHANNELS.openFile, { path: 'hard.js' })
        expect(opened).toEqual({
          ok: false,
          error: {
            type: 'PathError',
            message:
              'hard.js has 2 hard links: Gatehouse does not read a file that also has another name on disk, which may be outside the folder it was allowed',
          },
        })
        // Gatehouse's own folder symlinked out: the draft is neither written nor read there.
        symlinkSync(outside.root, folder.path('.gatehouse'))
        const saved = await request(METHOD_CHANNELS.saveDraft, {
          tabId: 't1',
          content: 'x',
          language: 'js',
        })
        expect(saved).toMatchObject({ ok: false, error: { type: 'PathError' } })
        expect(readdirSync(outside.root)).toEqual(['secret.js'])
      } finally {
        outside.remove()
      }
    },
  )

  it('will not let Save As replace a file unless told to', async () => {
    folder.write('a.js', 'old')
    const refused = await request(METHOD_CHANNELS.saveFileAs, { path: 'a.js', content: 'new' })
    expect(refused).toEqual({
      ok: false,
      error: {
        type: 'FileExistsError',
        message: 'a.js already exists: save again with overwrite: true to replace it',
      },
    })
    expect(readFileSync(folder.path('a.js'), 'utf8')).toBe('old')
    expect(
      await request(METHOD_CHANNELS.saveFileAs, { path: 'a.js', content: 'new', overwrite: true }),
    ).toMatchObject({ ok: true })
    expect(readFileSync(folder.path('a.js'), 'utf8')).toBe('new')
  })

  it('needs a path where the desktop app would show a dialog', async () => {
    expect(await request(METHOD_CHANNELS.openFile, {})).toMatchObject({
      ok: false,
      error: { type: 'NotSupportedError' },
    })
    expect(await request(METHOD_CHANNELS.saveFileAs, { content: '' })).toMatchObject({
      ok: false,
      error: { type: 'NotSupportedError' },
    })
  })

  it('refuses paths outside the workspace with a PathError, writing nothing', async () => {
    for (const path of ['../escape.js', '/tmp/escape.js', 'a/../../escape.js']) {
      const reply = await request(METHOD_CHANNELS.saveFile, { path, content: 'x' })
      expect(reply).toMatchObject({ ok: false, error: { type: 'PathError' } })
    }
    expect(existsSync(folder.path('..', 'escape.js'))).toBe(false)
  })

  it('answers a bad payload with a ValidationError that names the field, and changes nothing', async () => {
    const cases: [Parameters<typeof handleFileRequest>[1], unknown, RegExp][] = [
      [METHOD_CHANNELS.saveFile, { path: 'a.js' }, /content/],
      [METHOD_CHANNELS.saveFile, { path: 'a.js', content: 5 }, /content must be the script text/],
      [METHOD_CHANNELS.saveFile, { path: 'a.js', content: '', extra: 1 }, /Unknown field: extra/],
      [
        METHOD_CHANNELS.saveFile,
        { path: 'a.js', content: '', limits: { memoryMb: 1 } },
        /memoryMb must be at least 8/,
      ],
      [
        METHOD_CHANNELS.saveFileAs,
        { path: 'a.js', content: '', overwrite: 'yes' },
        /overwrite must be true or false/,
      ],
      [METHOD_CHANNELS.saveFile, { path: '', content: '' }, /path must not be empty/],
      [METHOD_CHANNELS.openFile, { path: 7 }, /path must be a string/],
      [METHOD_CHANNELS.listFiles, { all: true }, /Unknown field: all/],
      [METHOD_CHANNELS.saveDraft, { tabId: 't', content: 1 }, /content/],
      [
        METHOD_CHANNELS.saveDraft,
        { tabId: 't', content: '', language: 'py' },
        /language must be "js" or "ts"/,
      ],
      [
        METHOD_CHANNELS.saveDraft,
        { tabId: '../x', content: '' },
        /tabId must be 1 to 64 letters, digits, "-" or "_"/,
      ],
      [METHOD_CHANNELS.clearDraft, { tabId: 'a/b' }, /tabId must be 1 to 64/],
      [METHOD_CHANNELS.saveFile, 'a.js', /expected object|Invalid input/],
    ]
    for (const [channel, payload, message] of cases) {
      const reply = await request(channel, payload)
      expect(reply.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false)
      if (!reply.ok) {
        expect(reply.error.type).toBe('ValidationError')
        expect(reply.error.message).toMatch(message)
      }
    }
    expect(existsSync(folder.path('a.js'))).toBe(false)
    expect(existsSync(folder.path('.gatehouse'))).toBe(false)
  })

  it('rejects 100 MB of content with a clear message before touching the disk', async () => {
    const reply = await request(METHOD_CHANNELS.saveFile, {
      path: 'big.js',
      content: 'x'.repeat(100 * 1024 * 1024),
    })
    expect(reply).toEqual({
      ok: false,
      error: {
        type: 'ValidationError',
        message: 'content is at least 100.0 MiB; the limit is 1.0 MiB',
      },
    })
    expect(existsSync(folder.path('big.js'))).toBe(false)
  })

  it("keeps, offers back and clears the tabs' drafts in .gatehouse/drafts/", async () => {
    expect(await request(METHOD_CHANNELS.loadDraft, {})).toEqual({
      ok: true,
      value: { drafts: [] },
    })
    const saved = await request(METHOD_CHANNELS.saveDraft, {
      tabId: 't1',
      content: 'return 1',
      path: null,
    })
    expect(saved).toMatchObject({ ok: true, value: { savedAt: expect.any(Number) as unknown } })
    expect(existsSync(folder.path('.gatehouse', 'drafts', 't1.json'))).toBe(true)
    expect(await request(METHOD_CHANNELS.loadDraft, {})).toMatchObject({
      ok: true,
      value: { drafts: [{ tabId: 't1', content: 'return 1', path: null }] },
    })
    expect(await request(METHOD_CHANNELS.clearDraft, { tabId: 't1' })).toEqual({
      ok: true,
      value: { cleared: true },
    })
  })

  it('withFiles answers file channels itself and passes the rest to the core', async () => {
    const core = {
      handle: vi.fn(async () => ({ ok: true, value: 'from core' })),
      onTelemetry: vi.fn(),
      shutdown: vi.fn(),
    }
    const api = withFiles(core as unknown as Core, files)
    expect(await api.handle(METHOD_CHANNELS.listFiles, {})).toMatchObject({ ok: true })
    expect(core.handle).not.toHaveBeenCalled()
    expect(await api.handle(METHOD_CHANNELS.snapshot, {})).toEqual({ ok: true, value: 'from core' })
    expect(core.handle).toHaveBeenCalledExactlyOnceWith(METHOD_CHANNELS.snapshot, {})
  })
})
