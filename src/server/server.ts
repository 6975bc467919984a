import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { WebSocket } from 'ws'
import { WebSocketServer } from 'ws'
import type { Reply } from '../protocol/api'
import type { Channel } from '../protocol/channel-names'
import { METHOD_CHANNELS, TELEMETRY_CHANNEL } from '../protocol/channel-names'
import type { Core } from '../engine/core-api'
import { serveStatic } from './static-files'

/** Largest WebSocket message accepted: a maximal script and input, with room to spare. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024
/** Telemetry is skipped for a client this far behind; the next snapshot catches it up. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

export interface ServerOptions {
  core: Core
  rendererDir: string
  host?: string
  port?: number
  /** Fixed only in tests; a fresh random one per launch otherwise. */
  token?: string
}

export interface RunningServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const KNOWN_CHANNELS = new Set<string>(Object.values(METHOD_CHANNELS))

function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * The browser edition: serves the built renderer and the core's API over a
 * WebSocket on loopback. A connection must carry the per-launch token and,
 * when it comes from a browser, this server's own Origin.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { core, rendererDir } = options
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `The renderer is not built: ${join(rendererDir, 'index.html')} is missing (run npm run build)`,
    )
  }
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? randomBytes(24).toString('hex')
  let port = 0

  const allowedHosts = (): Set<string> =>
    new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`])

  const http = createServer((req, res) => {
    // A foreign Host header means DNS rebinding or a proxy we do not know.
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname
    void serveStatic(rendererDir, path, res)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    const refusal = refuse(req)
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws))
  })

  function refuse(req: IncomingMessage): string | undefined {
    const url = new URL(req.url ?? '/', 'http://x')
    if (url.pathname !== '/api') return '404 Not Found'
    if (!tokenMatches(url.searchParams.get('token'), token)) return '401 Unauthorized'
    if (!allowedHosts().has(req.headers.host ?? '')) return '421 Misdirected Request'
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
      return '403 Forbidden'
    return undefined
  }

  function connect(ws: WebSocket): void {
    const unsubscribe = core.onTelemetry((batch) => {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < MAX_BUFFERED_BYTES) {
        ws.send(JSON.stringify({ channel: TELEMETRY_CHANNEL, batch }))
      }
    })
    ws.on('close', unsubscribe)
    ws.on('error', () => ws.terminate())
    ws.on('message', (data) => {
      void answer(ws, data.toString())
    })
  }

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let id: unknown = null
    let reply: Reply<unknown>
    try {
      const message = JSON.parse(text) as { id?: unknown; channel?: unknown; payload?: unknown }
      id = message?.id ?? null
      if (typeof message !== 'object' || message === null || typeof message.id !== 'number') {
        reply = malformed('a message needs a numeric id')
      } else if (typeof message.channel !== 'string' || !KNOWN_CHANNELS.has(message.channel)) {
        reply = malformed(`unknown channel ${JSON.stringify(message.channel)}`)
      } else {
        reply = await core.handle(message.channel as Channel, message.payload)
      }
    } catch (error) {
      reply = malformed(error instanceof SyntaxError ? 'not JSON' : String(error))
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, reply }))
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 0, host, () => resolve())
  })
  port = (http.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/?token=${token}`

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        http.close(() => resolve())
        http.closeAllConnections()
      }),
  }
}

function malformed(detail: string): Reply<never> {
  return { ok: false, error: { type: 'ValidationError', message: `Malformed message: ${detail}` } }
}
