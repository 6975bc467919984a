import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, realpathSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { WebSocket } from 'ws'
import { WebSocketServer } from 'ws'
import { TELEMETRY_CHANNEL } from '../protocol/channel-names'
import { answerRequest, parseClientMessage } from '../protocol/channel-request'
import type { Core } from '../engine/core-api'
import type { ClientLimits, ClientStats } from './client-registry'
import { ClientRegistry } from './client-registry'
import { encodeReply } from './reply-encoding'
import { securityHeaders } from './security-headers'
import { serveStatic } from './static-files'

/** Largest WebSocket message accepted: a maximal script and input, with room to spare. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024

/** The browser edition is one person's window or a few tabs: these bounds never pinch it. */
export const DEFAULT_CLIENT_LIMITS: ClientLimits = {
  maxClients: 16,
  // Two of the largest replies (a 5 MiB result and its logs) fit; a client that
  // lets more pile up is not reading.
  maxBufferedBytes: 12 * 1024 * 1024,
  telemetrySkipBytes: 1024 * 1024,
}

export interface ServerOptions {
  core: Core
  rendererDir: string
  host?: string
  port?: number
  /** Fixed only in tests; a fresh random one per launch otherwise. */
  token?: string
  /** Bounds on clients; tests lower them. */
  clientLimits?: Partial<ClientLimits>
}

export interface RunningServer {
  url: string
  port: number
  token: string
  /** How many clients are connected and how much waits to be sent to them. */
  clientStats(): ClientStats
  close(): Promise<void>
}

function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * The browser edition: serves the built renderer and the core's API over a
 * WebSocket on loopback. A connection must carry the per-launch token and,
 * when it comes from a browser, this server's own Origin. Every response
 * carries the security headers (securityHeaders); clients are bounded in
 * number and in what they may leave unread (ClientRegistry).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { core } = options
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(
      `The renderer is not built: ${join(options.rendererDir, 'index.html')} is missing (run npm run build)`,
    )
  }
  // Static files are checked against the folder's real path (see serveStatic).
  const rendererDir = realpathSync(options.rendererDir)
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? randomBytes(24).toString('hex')
  let port = 0
  const clients = new ClientRegistry({ ...DEFAULT_CLIENT_LIMITS, ...options.clientLimits })

  const allowedHosts = (): Set<string> =>
    new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`])

  const http = createServer((req, res) => {
    const hostHeader = req.headers.host ?? ''
    // A foreign Host header means DNS rebinding or a proxy we do not know.
    if (!allowedHosts().has(hostHeader)) {
      res
        .writeHead(421, { ...securityHeaders(`${host}:${port}`), 'content-type': 'text/plain' })
        .end('Misdirected request')
      return
    }
    const headers = securityHeaders(hostHeader)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end()
      return
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname
    void serveStatic(rendererDir, path, res, headers)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    const refusal = refuse(req)
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (clients.admit(ws)) connect(ws)
    })
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

  // Telemetry is encoded once per batch, whatever the number of clients.
  const unsubscribe = core.onTelemetry((batch) => {
    clients.broadcast(Buffer.from(JSON.stringify({ channel: TELEMETRY_CHANNEL, batch })))
  })

  function connect(ws: WebSocket): void {
    ws.on('error', () => ws.terminate())
    ws.on('message', (data) => {
      void answer(ws, data.toString())
    })
  }

  async function answer(ws: WebSocket, text: string): Promise<void> {
    const parsed = parseClientMessage(text)
    if (!parsed.ok) {
      clients.send(ws, encodeReply(parsed.id, null, parsed.reply))
      return
    }
    const { id, channel, payload } = parsed.message
    const reply = await answerRequest(channel, () => core.handle(channel, payload))
    clients.send(ws, encodeReply(id, channel, reply))
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
    clientStats: () => clients.stats(),
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe()
        clients.terminateAll()
        wss.close()
        http.close(() => resolve())
        http.closeAllConnections()
      }),
  }
}
