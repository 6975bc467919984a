import type { ChannelResponse } from '../../src/protocol/api'
import type { Channel } from '../../src/protocol/channel-names'
import { METHOD_CHANNELS } from '../../src/protocol/channel-names'
import { parseChannelRequest } from '../../src/protocol/channel-request'
import { FILE_CHANNELS, handleFileRequest } from '../../src/workspace/files-backend'
import type { CloseGuard } from './close-guard'
import type { DesktopFiles } from './desktop-files'
import type { WindowRequestHandler } from './ipc'

/**
 * The channels the main process answers per window: the file channels (on
 * {@link DesktopFiles}, with dialogs attached to the asking window) and
 * `window:setDirty` (the {@link CloseGuard}). Payloads are validated here
 * against the same schemas as the core's.
 */
export function windowChannelHandlers(
  files: DesktopFiles,
  closeGuard: CloseGuard,
): Partial<Record<Channel, WindowRequestHandler>> {
  const handlers: Partial<Record<Channel, WindowRequestHandler>> = {}
  for (const channel of FILE_CHANNELS) {
    handlers[channel] = (window, payload) =>
      handleFileRequest(files.forWindow(window), channel, payload)
  }
  handlers[METHOD_CHANNELS.setDirty] = async (window, payload) => {
    const parsed = parseChannelRequest(METHOD_CHANNELS.setDirty, payload)
    if (!parsed.ok) return parsed.reply
    closeGuard.setDirty(window, parsed.request.dirty)
    const value: ChannelResponse<typeof METHOD_CHANNELS.setDirty> = { dirty: parsed.request.dirty }
    return { ok: true, value }
  }
  return handlers
}
