import type { WebSocket } from 'ws'

/** WebSocket close codes the server uses to say why it let a client go. */
export const CLOSE_CODES = {
  /** RFC 6455 1013 "Try Again Later": the server has as many clients as it takes. */
  tooManyClients: 1013,
  /** RFC 6455 1008 "Policy Violation": the client does not read what it is sent. */
  tooSlow: 1008,
} as const

export interface ClientLimits {
  /** Clients connected at once; one more is closed with CLOSE_CODES.tooManyClients. */
  maxClients: number
  /**
   * Unsent bytes one client may have queued; past this it is dropped with
   * CLOSE_CODES.tooSlow. Larger than the largest single reply (a 5 MiB result
   * with its logs), so one big answer never costs a healthy client its link.
   */
  maxBufferedBytes: number
  /** Telemetry is skipped, not queued, for a client this far behind; the next snapshot catches it up. */
  telemetrySkipBytes: number
}

/** How long a dropped client gets to take its close frame before its socket is destroyed. */
const CLOSE_GRACE_MS = 1000

/** The registry's state, for tests and diagnostics. */
export interface ClientStats {
  clients: number
  bufferedBytes: number
  refused: number
  dropped: number
}

/**
 * The browser edition's connected clients, bounded: at most `maxClients` at
 * once, each with at most `maxBufferedBytes` waiting to be sent. A client
 * that falls behind is dropped and its socket destroyed, which frees what it
 * had queued. Broadcasts (telemetry) are encoded once by the caller and the
 * same bytes go to every client.
 */
export class ClientRegistry {
  private readonly clients = new Set<WebSocket>()
  private refused = 0
  private dropped = 0

  constructor(private readonly limits: ClientLimits) {}

  /**
   * Takes a newly upgraded socket, or closes it with a reason when the
   * registry is full. Returns whether it was admitted.
   */
  admit(ws: WebSocket): boolean {
    if (this.clients.size >= this.limits.maxClients) {
      this.refused++
      this.closeWithReason(
        ws,
        CLOSE_CODES.tooManyClients,
        `Too many connections (at most ${this.limits.maxClients}): close another Gatehouse tab and reload`,
      )
      return false
    }
    this.clients.add(ws)
    ws.once('close', () => this.clients.delete(ws))
    return true
  }

  /** Sends one reply to one client, then drops the client if it has fallen too far behind. */
  send(ws: WebSocket, text: string | Buffer): void {
    if (!this.clients.has(ws) || ws.readyState !== ws.OPEN) return
    ws.send(text, { binary: false }, (error) => {
      if (error) ws.terminate()
    })
    this.checkBacklog(ws)
  }

  /** Sends the same encoded bytes to every client that keeps up. */
  broadcast(encoded: Buffer): void {
    for (const ws of this.clients) {
      if (ws.readyState !== ws.OPEN) continue
      if (ws.bufferedAmount >= this.limits.telemetrySkipBytes) {
        this.checkBacklog(ws)
        continue
      }
      ws.send(encoded, { binary: false }, (error) => {
        if (error) ws.terminate()
      })
      this.checkBacklog(ws)
    }
  }

  stats(): ClientStats {
    let bufferedBytes = 0
    for (const ws of this.clients) bufferedBytes += ws.bufferedAmount
    return {
      clients: this.clients.size,
      bufferedBytes,
      refused: this.refused,
      dropped: this.dropped,
    }
  }

  /** Destroys every client's socket (the server is stopping). */
  terminateAll(): void {
    for (const ws of this.clients) ws.terminate()
    this.clients.clear()
  }

  private checkBacklog(ws: WebSocket): void {
    if (ws.bufferedAmount <= this.limits.maxBufferedBytes) return
    this.dropped++
    this.clients.delete(ws)
    this.closeWithReason(
      ws,
      CLOSE_CODES.tooSlow,
      `Too slow: over ${this.limits.maxBufferedBytes} bytes were waiting to be sent; reload to reconnect`,
    )
  }

  /** Closes with a code and reason, and destroys the socket if the close is not taken in time. */
  private closeWithReason(ws: WebSocket, code: number, reason: string): void {
    // A close reason is at most 123 bytes.
    ws.close(code, truncateUtf8(reason, 123))
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS)
    timer.unref?.()
    ws.once('close', () => clearTimeout(timer))
  }
}

function truncateUtf8(text: string, maxBytes: number): string {
  let result = text
  while (Buffer.byteLength(result) > maxBytes) result = result.slice(0, -1)
  return result
}
