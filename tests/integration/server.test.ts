// The browser edition's server: a real core behind HTTP + WebSocket on loopback.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { WebSocket } from 'ws'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { CoreInternals } from '../../src/engine/create-core'
import { createCore } from '../../src/engine/create-core'
import type { Core } from '../../src/engine/core-api'
import { forkHostSpawner } from '../../src/engine/fork-host'
import type { RunningServer } from '../../src/server/server'
import { startServer } from '../../src/server/server'

const TOKEN = 'test-token-0123456789abcdef'
const INDEX_HTML = '<!doctype html><title>Gatehouse test</title>'
const SECRET = 'TOP SECRET: outside the renderer'

let core: Core & { internals: CoreInternals }
let server: RunningServer
let workDir: string
let rendererDir: string

interface WireReply {
  id: number | null
  reply: { ok: true; value: unknown } | { ok: false; error: { type: string; message: string } }
}

/** Opens a socket, resolving when open or rejecting with the HTTP status of a refusal. */
function connect(query: string, options: { origin?: string } = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, options)
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`refused: ${res.statusCode}`), { status: res.statusCode }))
      ws.terminate()
    })
    ws.once('error', (error) => reject(error))
  })
}

async function refusalStatus(
  query: string,
  options: { origin?: string } = {},
): Promise<number | undefined> {
  try {
    const ws = await connect(query, options)
    ws.close()
    return undefined
  } catch (error) {
    return (error as { status?: number }).status
  }
}

/** Sends raw text and waits for the reply that is not telemetry. */
function exchange(ws: WebSocket, text: string): Promise<WireReply> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString()) as WireReply & { channel?: string }
      if (message.channel === 'telemetry:batch') return
      ws.off('message', onMessage)
      resolve(message)
    }
    ws.on('message', onMessage)
    ws.send(text)
  })
}

/** A GET with the path sent exactly as given (no client-side normalisation). */
function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET' },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-server-'))
  rendererDir = path.join(workDir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML)
  writeFileSync(path.join(workDir, 'secret.txt'), SECRET)
  writeFileSync(path.join(workDir, 'package.json'), JSON.stringify({ secret: SECRET }))
  core = await createCore({
    spawnHost: forkHostSpawner(path.resolve('out/main/sandbox-host.js')),
    settings: { lanes: 1, permits: 1 },
  })
  server = await startServer({ core, rendererDir, port: 0, token: TOKEN })
})

afterAll(async () => {
  await server?.close()
  await core?.shutdown()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

describe('server: WebSocket access', () => {
  it('gives its URL with the token on loopback', () => {
    expect(server.port).toBeGreaterThan(0)
    expect(server.token).toBe(TOKEN)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`)
  })

  it('refuses a connection without the token (401)', async () => {
    expect(await refusalStatus('')).toBe(401)
    expect(await refusalStatus('?token=')).toBe(401)
    expect(await refusalStatus(`?token=${TOKEN}x`)).toBe(401)
    expect(await refusalStatus('?token=wrong')).toBe(401)
  })

  it('refuses a connection from a foreign Origin (403)', async () => {
    expect(await refusalStatus(`?token=${TOKEN}`, { origin: 'http://evil.example' })).toBe(403)
    expect(
      await refusalStatus(`?token=${TOKEN}`, { origin: `http://evil.example:${server.port}` }),
    ).toBe(403)
  })

  it('accepts its own Origin', async () => {
    const ws = await connect(`?token=${TOKEN}`, { origin: `http://127.0.0.1:${server.port}` })
    ws.close()
  })

  it('runs a script for a client with the token', async () => {
    const ws = await connect(`?token=${TOKEN}`)
    try {
      const message = await exchange(
        ws,
        JSON.stringify({
          id: 1,
          channel: 'run:submit',
          payload: {
            id: 'ws-run-1',
            code: 'console.log("hi")\nreturn input.n * 7',
            input: '{"n": 6}',
          },
        }),
      )
      expect(message.id).toBe(1)
      expect(message.reply).toMatchObject({
        ok: true,
        value: { id: 'ws-run-1', status: 'ok', value: 42, logs: [{ level: 'log', text: 'hi' }] },
      })
    } finally {
      ws.close()
    }
  })

  it('answers malformed JSON with a clear error and keeps the connection usable', async () => {
    const ws = await connect(`?token=${TOKEN}`)
    try {
      const bad = await exchange(ws, '{"id": 3, "channel": ')
      expect(bad).toEqual({
        id: null,
        reply: {
          ok: false,
          error: { type: 'ValidationError', message: 'Malformed message: not JSON' },
        },
      })

      const noId = await exchange(ws, JSON.stringify({ channel: 'run:submit', payload: {} }))
      expect(noId.reply).toEqual({
        ok: false,
        error: {
          type: 'ValidationError',
          message: 'Malformed message: a message needs a numeric id',
        },
      })

      const after = await exchange(
        ws,
        JSON.stringify({
          id: 4,
          channel: 'run:submit',
          payload: { id: 'ws-after', code: 'return "still here"' },
        }),
      )
      expect(after).toMatchObject({
        id: 4,
        reply: { ok: true, value: { status: 'ok', value: 'still here' } },
      })
      expect(ws.readyState).toBe(WebSocket.OPEN)
    } finally {
      ws.close()
    }
  })

  it('answers an unknown channel with an error reply', async () => {
    const ws = await connect(`?token=${TOKEN}`)
    try {
      const message = await exchange(
        ws,
        JSON.stringify({ id: 5, channel: 'fs:read', payload: { path: '/etc/passwd' } }),
      )
      expect(message).toEqual({
        id: 5,
        reply: {
          ok: false,
          error: {
            type: 'ValidationError',
            message: 'Malformed message: unknown channel "fs:read"',
          },
        },
      })
    } finally {
      ws.close()
    }
  })

  it('validates the payload of a known channel', async () => {
    const ws = await connect(`?token=${TOKEN}`)
    try {
      const run = await exchange(
        ws,
        JSON.stringify({ id: 6, channel: 'run:submit', payload: { id: 'ws-bad', code: 7 } }),
      )
      expect(run).toMatchObject({
        id: 6,
        reply: { ok: true, value: { status: 'error', error: { type: 'ValidationError' } } },
      })
      const stop = await exchange(
        ws,
        JSON.stringify({ id: 7, channel: 'run:stop', payload: { nope: 1 } }),
      )
      expect(stop).toMatchObject({
        id: 7,
        reply: { ok: false, error: { type: 'ValidationError' } },
      })
    } finally {
      ws.close()
    }
  })
})

describe('server: static files', () => {
  it('serves index.html from the renderer folder', async () => {
    const response = await rawGet('/')
    expect(response).toEqual({ status: 200, body: INDEX_HTML })
  })

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/../../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/renderer/../../secret.txt',
    '//../secret.txt',
    `/${'../'.repeat(8)}etc/passwd`,
  ])('cannot escape the renderer folder with %s', async (rawPath) => {
    const response = await rawGet(rawPath)
    expect(response.body).not.toContain('TOP SECRET')
    expect(response.body).not.toContain('root:')
    if (response.status === 200) expect(response.body).toBe(INDEX_HTML)
  })

  it('answers 404 for a missing file with an extension', async () => {
    expect((await rawGet('/missing.js')).status).toBe(404)
  })
})
