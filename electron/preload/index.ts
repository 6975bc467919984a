// The bridge between the sandboxed window and the main process. A sandboxed
// preload can require `electron` and nothing from node_modules, so it imports
// only the zod-free channel list at runtime; everything else is types.
import type { IpcRendererEvent } from 'electron'
import { contextBridge, ipcRenderer } from 'electron'
import type { ChannelResponse, GatehouseApi, Reply } from '../../src/protocol/api'
import type { Channel } from '../../src/protocol/channel-names'
import { bindApiMethods } from '../../src/protocol/bind-methods'
import { MENU_COMMAND_CHANNEL, TELEMETRY_CHANNEL } from '../../src/protocol/channel-names'
import type { MenuCommand } from '../../src/protocol/menu'
import type { TelemetryBatch } from '../../src/protocol/telemetry'

/** Sends one request and unwraps its Reply: the value, or an Error carrying the message. */
async function invoke<C extends Channel>(
  channel: C,
  request: unknown,
): Promise<ChannelResponse<C>> {
  const reply = (await ipcRenderer.invoke(channel, request)) as Reply<ChannelResponse<C>>
  if (reply.ok) return reply.value
  const error = new Error(reply.error.message)
  error.name = reply.error.type
  throw error
}

/**
 * Named methods only, one per entry of METHOD_CHANNELS, plus the two
 * subscriptions (telemetry, menu commands): the page can ask for exactly
 * these and cannot reach `ipcRenderer` or send on a channel of its choosing.
 */
const api = {
  ...bindApiMethods(invoke),
  onTelemetry(listener: (batch: TelemetryBatch) => void) {
    const forward = (_event: IpcRendererEvent, batch: TelemetryBatch) => listener(batch)
    ipcRenderer.on(TELEMETRY_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(TELEMETRY_CHANNEL, forward)
    }
  },
  onMenuCommand(listener: (command: MenuCommand) => void) {
    const forward = (_event: IpcRendererEvent, command: MenuCommand) => listener(command)
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward)
    }
  },
} satisfies GatehouseApi

contextBridge.exposeInMainWorld('gatehouse', api)
