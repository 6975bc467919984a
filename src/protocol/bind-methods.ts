import type { GatehouseApi } from './api'
import type { ApiMethod, Channel } from './channel-names'
import { METHOD_CHANNELS } from './channel-names'

export type ApiMethods = Omit<GatehouseApi, 'onTelemetry'>

/**
 * Builds the request/response methods of the API, one per entry of
 * METHOD_CHANNELS, on top of a bridge's `send`. Every bridge uses this, so a
 * new channel reaches the window without touching any of them. Zod-free: the
 * sandboxed preload imports it.
 */
export function bindApiMethods(
  send: (channel: Channel, request: unknown) => Promise<unknown>,
): ApiMethods {
  const methods: Partial<Record<ApiMethod, (request: unknown) => Promise<unknown>>> = {}
  for (const [method, channel] of Object.entries(METHOD_CHANNELS) as [ApiMethod, Channel][]) {
    methods[method] = (request: unknown) => send(channel, request)
  }
  return methods as unknown as ApiMethods
}
