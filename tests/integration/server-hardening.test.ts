// The browser edition under hostile clients: bounded connections and buffers,
// security headers, static files that stay in their folder, replies that
// cannot be encoded. A real core behind a real server on loopback.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import type { IncomingHttpHeaders } from 'node:http'
import { request } from 'node:http'
import type { Socket } from 'node:net'
import { connect as tcpConnect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { WebSocket } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/engine/core-api'
import type { CoreInternals } from '../../src/engine/create-core'
import { createCore } from '../../src/engine/create-core'
import { forkHostSpawner } from '../../src/engine/fork-host'
import type { RunningServer } from '../../src/server/server'
import { startServer } from '../../src/server/server'

const TOKEN = 'hardening-token-0123456789abcdef'
const MAX_CLIENTS = 4
const MAX_BUFFERED = 2 * 1024 * 1024

let core: Core & { internals: CoreInternals }
let server: RunningServer
let workDir: string
/** What the next run:submit answers with instead of the core (null: the core's own outcome). */
let replaceRunReply: ((value: unknown) => unknown) | null = null
let throwOn: string | null = null

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-hardening-'))
  const rendererDir = path.join(workDir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(path.join(workDir, 'outside.js'), 'TOP SECRET outside the renderer')
  symlinkSync(path.join(workDir, 'outside.js'), path.join(rendererDir, 'leak.js'))
  writeFileSync(path.join(rendererDir, 'inside.js'), 'export {}')
  symlinkSync(path.join(rendererDir, 'inside.js'), path.join(rendererDir, 'alias.js'))
  core = await createCore({
    spawnHost: forkHostSpawner(path.resolve('out/main/sandbox-host.js')),
    settings: { lanes: 1, permits: 2 },
    memoryBudget: { budgetMb: 1000, totalMb: 2000 },
  })
  // The core, with hooks for the failures a real core should never produce.
  const hooked: Core = {
    ...core,
    async handle(channel, payload) {
      if (throwOn === channel) throw new Error('boom')
      const reply = await core.handle(channel, payload)
      if (channel === 'run:submit' && replaceRunReply && reply.ok)
        return { ok: true, value: replaceRunReply(reply.value) } as never
      return reply
    },
  }
  server = await startServer({
    core: hooked,
    rendererDir,
    port: 0,
    token: TOKEN,
    clientLimits: { maxClients: MAX_CLIENTS, maxBufferedBytes: MAX_BUFFERED },
  })
})

afterAll(async () => {
  await server?.close()
  await core?.shutdown()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

/** Resolves once `condition` holds, checking after each turn of the event loop. */
async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** How each socket this test opened was closed, recorded from the moment it was made. */
const closings = new WeakMap<WebSocket, Promise<{ code: number; reason: string }>>()

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${TOKEN}`)
    closings.set(
      ws,
      new Promise((resolveClose) =>
        ws.once('close', (code, reason) => resolveClose({ code, reason: reason.toString() })),
      ),
    )
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return closings.get(ws) as Promise<{ code: number; reason: string }>
}

/** Sends one request and resolves with its reply (telemetry skipped). */
function ask(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString()) as { id?: number; reply?: unknown }
      if (message.id !== id) return
      ws.off('message', onMessage)
      resolve(message.reply)
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, channel, payload }))
  })
}

/** A WebSocket client frame (text, masked, as RFC 6455 requires of clients). */
function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text)
  const mask = randomBytes(4)
  const length = payload.length
  const header =
    length < 126
      ? Buffer.from([0x81, 0x80 | length])
      : length < 65536
        ? Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), bigLength(length)])
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)))
  return Buffer.concat([header, mask, masked])
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8)
  buffer.writeBigUInt64BE(BigInt(length))
  return buffer
}

/** A client that completes the handshake, then never reads another byte. */
function neverReadingClient(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(server.port, '127.0.0.1', () => {
      socket.write(
        [
          `GET /api?token=${TOKEN} HTTP/1.1`,
          `Host: 127.0.0.1:${server.port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      )
    })
    socket.once('error', reject)
    socket.once('data', (chunk) => {
      if (!chunk.toString().startsWith('HTTP/1.1 101')) reject(new Error(chunk.toString()))
      // From here on nothing is read: the kernel's buffers fill, then the server's.
      socket.pause()
      resolve(socket)
    })
  })
}

function get(
  rawPath: string,
  host?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: rawPath,
        headers: host ? { host } : {},
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('server: bounded clients', () => {
  it('refuses a connection over the cap with a close code and reason, and takes one again after a client leaves', async () => {
    const sockets = await Promise.all(Array.from({ length: MAX_CLIENTS }, () => open()))
    await until(() => server.clientStats().clients === MAX_CLIENTS, 'all clients admitted')
    // Many more knock at once: each is told why, none is kept.
    const extras = await Promise.all(Array.from({ length: 40 }, () => open()))
    const refusals = await Promise.all(extras.map((ws) => closed(ws)))
    for (const refusal of refusals) {
      expect(refusal).toEqual({
        code: 1013,
        reason: `Too many connections (at most ${MAX_CLIENTS}): close another Gatehouse tab and reload`,
      })
    }
    expect(server.clientStats()).toMatchObject({ clients: MAX_CLIENTS, refused: 40 })

    // Every admitted client gets the same telemetry, and its replies.
    const replies = await Promise.all(
      sockets.map((ws, i) => ask(ws, 1, 'run:submit', { id: `many-${i}`, code: `return ${i}` })),
    )
    expect(replies.map((reply) => (reply as { value: { value: number } }).value.value)).toEqual([
      0, 1, 2, 3,
    ])

    const first = sockets.shift() as WebSocket
    first.close()
    await closed(first)
    await until(() => server.clientStats().clients === MAX_CLIENTS - 1, 'the client to leave')
    const again = await open()
    sockets.push(again)
    expect(await ask(again, 2, 'settings:get', {})).toMatchObject({ ok: true })

    for (const ws of sockets) ws.close()
    await until(() => server.clientStats().clients === 0, 'every client to leave')
    expect(server.clientStats().bufferedBytes).toBe(0)
  })

  it('drops a client that never reads, frees what it had queued, and keeps serving the others', async () => {
    const healthy = await open()
    const slow = await neverReadingClient()
    await until(() => server.clientStats().clients === 2, 'both clients admitted')
    const before = server.clientStats().dropped
    // Each reply is a 1 MB result: far more than the slow client may leave unread.
    for (let i = 0; i < 24; i++) {
      slow.write(
        clientFrame(
          JSON.stringify({
            id: i,
            channel: 'run:submit',
            payload: { id: `big-${i}`, code: "return 'x'.repeat(1000000)" },
          }),
        ),
      )
    }
    await until(() => server.clientStats().dropped === before + 1, 'the slow client to be dropped')
    await until(() => server.clientStats().clients === 1, 'the slow client to be gone')
    // What it had queued went with it; the healthy client is not behind.
    expect(server.clientStats().bufferedBytes).toBeLessThan(MAX_BUFFERED)
    expect(
      await ask(healthy, 9, 'run:submit', { id: 'after-drop', code: 'return 7' }),
    ).toMatchObject({
      ok: true,
      value: { status: 'ok', value: 7 },
    })
    slow.destroy()
    healthy.close()
    await until(() => server.clientStats().clients === 0, 'every client to leave')
    expect(server.clientStats().bufferedBytes).toBe(0)
  })
})

describe('server: replies that cannot be encoded, and handlers that throw', () => {
  it('answers a run whose outcome is not JSON with a ResultError outcome, and stays up', async () => {
    const ws = await open()
    try {
      replaceRunReply = (outcome) => ({ ...(outcome as object), value: 10n })
      const reply = await ask(ws, 1, 'run:submit', { id: 'bigint', code: 'return 1' })
      replaceRunReply = null
      expect(reply).toMatchObject({
        ok: true,
        value: {
          id: 'bigint',
          status: 'error',
          error: {
            type: 'ResultError',
            message: expect.stringContaining('not representable as JSON') as unknown,
          },
        },
      })
      expect(await ask(ws, 2, 'run:submit', { id: 'next', code: 'return 2' })).toMatchObject({
        ok: true,
        value: { status: 'ok', value: 2 },
      })
    } finally {
      replaceRunReply = null
      ws.close()
    }
  })

  it('labels a handler that throws as the desktop app does: InternalError, naming the channel', async () => {
    const ws = await open()
    try {
      throwOn = 'settings:get'
      expect(await ask(ws, 1, 'settings:get', {})).toEqual({
        ok: false,
        error: { type: 'InternalError', message: 'settings:get failed: boom' },
      })
    } finally {
      throwOn = null
      ws.close()
    }
  })

  it('refuses settings over the memory budget, naming the numbers, and keeps the old ones', async () => {
    const ws = await open()
    try {
      expect(await ask(ws, 1, 'settings:update', { lanes: 16 })).toEqual({
        ok: false,
        error: {
          type: 'ValidationError',
          message:
            "16 lanes x (memoryMb 64 + 32 MB lane overhead) = 1536 MB, more than the memory budget of 1000 MB (half of this machine's 2000 MB): use at most 10 lanes at memoryMb 64, or a lower memoryMb",
        },
      })
      expect(await ask(ws, 2, 'settings:get', {})).toMatchObject({
        ok: true,
        value: { lanes: 1, memoryMb: 64 },
      })
    } finally {
      ws.close()
    }
  })

  it('refuses an oversized run by its schema, with the limit named', async () => {
    const ws = await open()
    try {
      expect(
        await ask(ws, 1, 'run:submit', { id: 'huge', code: 'x'.repeat(70_000) }),
      ).toMatchObject({
        ok: true,
        value: {
          status: 'error',
          error: {
            type: 'ValidationError',
            message: 'code is at least 68.4 KiB; the limit is 65535 bytes',
          },
        },
      })
    } finally {
      ws.close()
    }
  })
})

describe('server: headers and static files', () => {
  const expectSecurityHeaders = (headers: IncomingHttpHeaders) => {
    const policy = String(headers['content-security-policy'])
    expect(policy).toContain("default-src 'self'")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`)
    expect(policy).not.toMatch(/:\*/)
    expect(headers['referrer-policy']).toBe('no-referrer')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['x-frame-options']).toBe('DENY')
  }

  it('sends the security headers with the page, a file, a 404, a 403 and a 421', async () => {
    const page = await get('/?token=abc')
    expect(page.status).toBe(200)
    expectSecurityHeaders(page.headers)
    expectSecurityHeaders((await get('/inside.js')).headers)
    expectSecurityHeaders((await get('/missing.js')).headers)
    expectSecurityHeaders((await get('/../x.js')).headers)
    const misdirected = await get('/', 'evil.example')
    expect(misdirected.status).toBe(421)
    expect(misdirected.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  it('follows a symlink inside the renderer folder, refuses one that leads out', async () => {
    expect(await get('/alias.js')).toMatchObject({ status: 200, body: 'export {}' })
    const leak = await get('/leak.js')
    expect(leak.status).toBe(403)
    expect(leak.body).not.toContain('TOP SECRET')
  })
})
