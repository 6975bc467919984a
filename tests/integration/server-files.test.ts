// The browser edition end to end on a real workspace folder: a WebSocket
// client saves, lists and opens scripts, changes settings, and finds them all
// again after a restart; a corrupt settings file comes back as a notice.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { forkHostSpawner } from '../../src/engine/fork-host'
import type { Reply } from '../../src/protocol/api'
import { METHOD_CHANNELS } from '../../src/protocol/channel-names'
import type { BrowserEdition } from '../../src/server/browser-edition'
import { startBrowserEdition } from '../../src/server/browser-edition'

const HOST_ENTRY = resolve(__dirname, '../../out/main/sandbox-host.js')

let workspace: string
let rendererDir: string
let edition: BrowserEdition | null = null

beforeAll(() => {
  rendererDir = mkdtempSync(join(tmpdir(), 'gatehouse-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Gatehouse</title>')
})
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }))
afterEach(async () => {
  await edition?.close()
  edition = null
  if (workspace) rmSync(workspace, { recursive: true, force: true })
})

async function start(): Promise<BrowserEdition> {
  edition = await startBrowserEdition({
    workspace,
    spawnHost: forkHostSpawner(HOST_ENTRY),
    rendererDir,
  })
  return edition
}

/** A minimal client of the /api WebSocket: one request at a time, replies by id. */
async function connect(server: BrowserEdition['server']) {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`)
  await new Promise<void>((done, fail) => {
    socket.once('open', () => done())
    socket.once('error', fail)
  })
  let nextId = 1
  const pending = new Map<number, (reply: Reply<unknown>) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; reply?: Reply<unknown> }
    if (typeof message.id === 'number' && message.reply) pending.get(message.id)?.(message.reply)
  })
  return {
    call(channel: string, payload: unknown): Promise<Reply<unknown>> {
      const id = nextId++
      return new Promise((done) => {
        pending.set(id, done)
        socket.send(JSON.stringify({ id, channel, payload }))
      })
    },
    close: () => socket.close(),
  }
}

describe('browser edition: files and settings in a workspace', () => {
  it('saves, lists, opens and runs a script; settings survive a restart', async () => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'gatehouse-workspace-')))
    let client = await connect((await start()).server)

    expect(await client.call(METHOD_CHANNELS.settingsStatus, {})).toEqual({
      ok: true,
      value: { path: join(workspace, '.gatehouse', 'settings.json'), loadedFrom: 'defaults' },
    })
    expect(
      await client.call(METHOD_CHANNELS.saveFileAs, {
        path: 'sum.js',
        content: 'return input.a + input.b',
        input: '{"a": 2, "b": 40}',
        limits: { runTimeoutMs: 1000 },
      }),
    ).toMatchObject({ ok: true, value: { status: 'saved', file: { path: 'sum.js' } } })
    expect(await client.call(METHOD_CHANNELS.listFiles, {})).toMatchObject({
      ok: true,
      value: { root: workspace, files: [{ path: 'sum.js', name: 'sum.js' }], nativeDialogs: false },
    })
    const opened = (await client.call(METHOD_CHANNELS.openFile, { path: 'sum.js' })) as Reply<{
      file: { content: string; input: string; limits: object }
    }>
    expect(opened).toMatchObject({ ok: true, value: { status: 'opened' } })
    if (!opened.ok) throw new Error(opened.error.message)
    const { content, input, limits } = opened.value.file
    expect(
      await client.call(METHOD_CHANNELS.run, { id: 'r1', code: content, input, limits }),
    ).toMatchObject({
      ok: true,
      value: { status: 'ok', value: 42 },
    })

    expect(
      await client.call(METHOD_CHANNELS.saveFile, { path: '../outside.js', content: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { type: 'PathError' },
    })
    expect(
      await client.call(METHOD_CHANNELS.updateSettings, { permits: 7, waitTimeoutMs: 1234 }),
    ).toMatchObject({
      ok: true,
      value: { permits: 7, waitTimeoutMs: 1234 },
    })
    expect(await client.call(METHOD_CHANNELS.updateSettings, { permits: 0 })).toMatchObject({
      ok: false,
      error: { type: 'ValidationError' },
    })
    await client.call(METHOD_CHANNELS.saveDraft, {
      tabId: 't1',
      content: 'return "unsaved"',
      path: 'sum.js',
    })
    expect(await client.call(METHOD_CHANNELS.setDirty, { dirty: true })).toEqual({
      ok: true,
      value: { dirty: true },
    })
    client.close()
    await edition?.close()
    edition = null

    // Restart on the same workspace: everything is still there.
    client = await connect((await start()).server)
    expect(await client.call(METHOD_CHANNELS.getSettings, {})).toMatchObject({
      ok: true,
      value: { permits: 7, waitTimeoutMs: 1234 },
    })
    expect(await client.call(METHOD_CHANNELS.settingsStatus, {})).toMatchObject({
      ok: true,
      value: { loadedFrom: 'file' },
    })
    expect(await client.call(METHOD_CHANNELS.recentFiles, {})).toMatchObject({
      ok: true,
      value: { files: [{ path: 'sum.js' }] },
    })
    expect(await client.call(METHOD_CHANNELS.loadDraft, {})).toMatchObject({
      ok: true,
      value: { drafts: [{ tabId: 't1', content: 'return "unsaved"', path: 'sum.js' }] },
    })
    expect(JSON.parse(readFileSync(join(workspace, 'sum.js.gatehouse.json'), 'utf8'))).toEqual({
      gatehouse: 1,
      input: { a: 2, b: 40 },
      limits: { runTimeoutMs: 1000 },
    })
    client.close()
  })

  it('starts with the defaults and reports a notice when the settings file is corrupt', async () => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'gatehouse-workspace-')))
    const settingsPath = join(workspace, '.gatehouse', 'settings.json')
    await start()
    await edition?.close()
    edition = null
    mkdirSync(join(workspace, '.gatehouse'), { recursive: true })
    writeFileSync(settingsPath, '{"version": 1, "settings": {"permits": 3,')

    const started = await start()
    expect(started.settingsStatus.notice?.kind).toBe('corrupt')
    const client = await connect(started.server)
    const status = (await client.call(METHOD_CHANNELS.settingsStatus, {})) as Reply<{
      loadedFrom: string
      notice: { kind: string; message: string; backupPath: string }
    }>
    expect(status).toMatchObject({
      ok: true,
      value: { loadedFrom: 'defaults', notice: { kind: 'corrupt' } },
    })
    if (!status.ok) throw new Error(status.error.message)
    expect(status.value.notice.message).toContain('not valid JSON')
    expect(existsSync(status.value.notice.backupPath)).toBe(true)
    expect(await client.call(METHOD_CHANNELS.getSettings, {})).toMatchObject({
      ok: true,
      value: { permits: 4 },
    })
    client.close()
  })

  it('refuses a workspace folder that does not exist', async () => {
    workspace = ''
    await expect(
      startBrowserEdition({
        workspace: join(tmpdir(), 'gatehouse-no-such-folder-xyz'),
        spawnHost: forkHostSpawner(HOST_ENTRY),
        rendererDir,
      }),
    ).rejects.toMatchObject({ type: 'NotFoundError' })
  })
})
