import type { ApiMethod, Channel } from './channel-names'
import { METHOD_CHANNELS } from './channel-names'
import type { RunOutcome } from './outcome'
import { runRequestSchema, stopRequestSchema } from './request'
import type { Settings } from './settings'
import { settingsSchema } from './settings'
import type { GateSnapshot, TelemetryBatch } from './telemetry'
import { z } from 'zod'

/**
 * Each channel's request schema (checked at the handler, never trusted) and
 * response type (a phantom field that only feeds the derived types below).
 */
export const CHANNELS = {
  [METHOD_CHANNELS.run]: {
    request: runRequestSchema,
    response: null as unknown as RunOutcome,
  },
  [METHOD_CHANNELS.stop]: {
    request: stopRequestSchema,
    response: null as unknown as { stopped: boolean },
  },
  [METHOD_CHANNELS.snapshot]: {
    request: z.object({}).strict(),
    response: null as unknown as GateSnapshot,
  },
  [METHOD_CHANNELS.getSettings]: {
    request: z.object({}).strict(),
    response: null as unknown as Settings,
  },
  /** Changes some settings; answers with all of them as they now are. */
  [METHOD_CHANNELS.updateSettings]: {
    request: settingsSchema.partial(),
    response: null as unknown as Settings,
  },
  [METHOD_CHANNELS.resetStats]: {
    request: z.object({}).strict(),
    response: null as unknown as { reset: true },
  },
} as const satisfies Record<Channel, { request: z.ZodType; response: unknown }>

export type ChannelRequest<C extends Channel> = z.infer<(typeof CHANNELS)[C]['request']>
export type ChannelResponse<C extends Channel> = (typeof CHANNELS)[C]['response']

/** A response as it crosses a boundary: a value, or an error as data. */
export type Reply<T> =
  { ok: true; value: T } | { ok: false; error: { type: string; message: string } }

/**
 * What the window can ask of the core, derived from {@link METHOD_CHANNELS}
 * and {@link CHANNELS}, whichever bridge carries it (the Electron preload or
 * the browser edition's WebSocket). Components use this and never know which
 * bridge is underneath. A bridge rejects with an Error when a Reply fails.
 */
export type GatehouseApi = {
  [M in ApiMethod]: (
    request: ChannelRequest<(typeof METHOD_CHANNELS)[M]>,
  ) => Promise<ChannelResponse<(typeof METHOD_CHANNELS)[M]>>
} & {
  /** Subscribes to telemetry batches; returns the unsubscribe. */
  onTelemetry(listener: (batch: TelemetryBatch) => void): () => void
}
