import type { ChannelResponse, GatehouseApi, Reply } from '../../src/protocol/api'
import type { Channel } from '../../src/protocol/channel-names'
import { TELEMETRY_CHANNEL } from '../../src/protocol/channel-names'
import { bindApiMethods } from '../../src/protocol/bind-methods'
import type { TelemetryBatch } from '../../src/protocol/telemetry'
import type { Bridge } from './bridge'
import { createConnectionController } from './connection'

/** Where the socket goes, or why there is nowhere to go. */
export type WebSocketTarget = { url: string } | { error: string }

const MISSING_TOKEN =
  'This address has no access token. Open the exact URL that “gatehouse serve” printed: it ends in ?token=…'

const REFUSED =
  'The Gatehouse server refused the connection: the access token is wrong or belongs to an earlier launch. Open the exact URL that “gatehouse serve” printed.'

/** The sessionStorage key that keeps the token for reloads of this tab. */
export const TOKEN_STORAGE_KEY = 'gatehouse.token'

/** Where the page keeps its token once it has left the address bar. */
export interface TokenKeeper {
  /** This tab's sessionStorage (null when the browser refuses it). */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null
  /** Shows `url` in the address bar without loading it (history.replaceState). */
  replaceUrl(url: string): void
}

/**
 * The browser edition's API endpoint on the server that served this page,
 * carrying the per-launch token. The token arrives once in the page's own
 * `?token=`; it is then moved to this tab's sessionStorage and taken out of
 * the address bar (and so out of the history entry, bookmarks and screen
 * shares), and a reload reads it back from there. sessionStorage rather than
 * a cookie: it belongs to this origin (host and port) and this tab only, and
 * nothing sends it anywhere by itself, while a cookie for 127.0.0.1 would go
 * with every request to any port on this machine.
 */
export function resolveWebSocketTarget(
  location: Pick<Location, 'protocol' | 'host' | 'search' | 'pathname' | 'hash'>,
  keeper: TokenKeeper | null = null,
): WebSocketTarget {
  const params = new URLSearchParams(location.search)
  let token = params.get('token')
  if (token && keeper) {
    try {
      keeper.storage?.setItem(TOKEN_STORAGE_KEY, token)
    } catch {
      // Storage full or refused: this load still works; a reload will ask for the URL again.
    }
    params.delete('token')
    const rest = params.toString()
    keeper.replaceUrl(`${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`)
  } else if (!token) {
    try {
      token = keeper?.storage?.getItem(TOKEN_STORAGE_KEY) ?? null
    } catch {
      token = null
    }
  }
  if (!token) return { error: MISSING_TOKEN }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return { url: `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}` }
}

/** A request as the client sends it. */
interface ClientMessage {
  id: number
  channel: Channel
  payload: unknown
}

/** What the server sends: a reply to one request, or pushed telemetry. */
type ServerMessage =
  | { id: number; reply: Reply<unknown> }
  | { channel: typeof TELEMETRY_CHANNEL; batch: TelemetryBatch }

interface PendingRequest {
  resolve(value: unknown): void
  reject(error: Error): void
}

function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null
  let message: unknown
  try {
    message = JSON.parse(data)
  } catch {
    return null
  }
  if (typeof message !== 'object' || message === null) return null
  if ('id' in message && typeof message.id === 'number' && 'reply' in message) {
    const reply = message.reply
    if (typeof reply === 'object' && reply !== null && 'ok' in reply)
      return message as ServerMessage
    return null
  }
  if ('channel' in message && message.channel === TELEMETRY_CHANNEL && 'batch' in message) {
    return message as ServerMessage
  }
  return null
}

/** The Error a failed reply rejects with; like the preload's, its name is the error type. */
function replyError(error: { type: string; message: string }): Error {
  const result = new Error(error.message)
  result.name = error.type
  return result
}

function describeClose(event: CloseEvent, wasOpen: boolean): string {
  const detail = event.reason ? ` (${event.reason})` : ''
  // The server admitted the socket, then said why it let it go (too many tabs, too slow).
  if (event.code === 1013 || event.code === 1008)
    return `The Gatehouse server closed the connection${detail}.`
  if (!wasOpen) return `${REFUSED}${detail}`
  return `Lost the connection to the Gatehouse server${detail || ` (code ${event.code})`}. Start “gatehouse serve” again and open the URL it prints.`
}

/**
 * The GatehouseApi over one WebSocket. Requests made before the socket opens
 * wait in a queue; a reply with `ok: false` rejects with an Error carrying the
 * reply's message; when the socket closes every pending and later request
 * rejects, and the connection state says why.
 */
export function createWebSocketBridge(
  target: WebSocketTarget,
  createSocket: (url: string) => WebSocket = (url) => new WebSocket(url),
): Bridge {
  const connection = createConnectionController({ status: 'connecting' })
  const pending = new Map<number, PendingRequest>()
  const telemetryListeners = new Set<(batch: TelemetryBatch) => void>()
  let outbox: string[] = []
  let nextRequestId = 1
  let closedError: Error | null = null
  let socket: WebSocket | null = null

  const fail = (message: string) => {
    closedError = new Error(message)
    outbox = []
    for (const request of pending.values()) request.reject(closedError)
    pending.clear()
    connection.set({ status: 'closed', message })
  }

  if ('error' in target) fail(target.error)
  else listen(target.url)

  function listen(url: string) {
    let ws: WebSocket
    try {
      ws = createSocket(url)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      fail(`Could not open a connection to the Gatehouse server: ${reason}`)
      return
    }
    socket = ws
    let wasOpen = false
    ws.addEventListener('open', () => {
      wasOpen = true
      connection.set({ status: 'open' })
      for (const text of outbox) ws.send(text)
      outbox = []
    })
    ws.addEventListener('message', (event: MessageEvent) => {
      const message = parseServerMessage(event.data)
      if (!message) {
        console.warn('Gatehouse: ignored a malformed message from the server')
        return
      }
      if ('id' in message) {
        const request = pending.get(message.id)
        if (!request) return
        pending.delete(message.id)
        if (message.reply.ok) request.resolve(message.reply.value)
        else request.reject(replyError(message.reply.error))
        return
      }
      for (const listener of telemetryListeners) listener(message.batch)
    })
    // 'error' always precedes 'close' and carries no detail; 'close' reports.
    ws.addEventListener('close', (event: CloseEvent) => fail(describeClose(event, wasOpen)))
  }

  function request<C extends Channel>(channel: C, payload: unknown): Promise<ChannelResponse<C>> {
    if (closedError || !socket) return Promise.reject(closedError ?? new Error('Not connected'))
    const ws = socket
    const id = nextRequestId++
    const message: ClientMessage = { id, channel, payload }
    const text = JSON.stringify(message)
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: (value) => resolve(value as ChannelResponse<C>), reject })
      if (ws.readyState === WebSocket.OPEN) ws.send(text)
      else outbox.push(text)
    })
  }

  const api: GatehouseApi = {
    ...bindApiMethods(request),
    onTelemetry(listener) {
      telemetryListeners.add(listener)
      return () => telemetryListeners.delete(listener)
    },
  }

  return { kind: 'websocket', api, connection }
}
