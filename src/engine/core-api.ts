import type { ChannelResponse, Reply } from '../protocol/api'
import type { Channel } from '../protocol/channel-names'
import type { TelemetryBatch } from '../protocol/telemetry'

/**
 * The core as every edition sees it: the Electron main process, the browser
 * edition's server and the CLI. Payloads arrive untrusted and are validated
 * inside `handle`.
 */
export interface Core {
  handle<C extends Channel>(channel: C, payload: unknown): Promise<Reply<ChannelResponse<C>>>
  /** Batches of telemetry, at most about 30 a second. Returns the unsubscribe. */
  onTelemetry(listener: (batch: TelemetryBatch) => void): () => void
  /** Stops admitting, cancels what is queued, finishes what runs, ends the host. */
  shutdown(): Promise<void>
}
