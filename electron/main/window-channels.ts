import type { ChannelResponse } from '../../src/protocol/api'
import type { Channel } from '../../src/protocol/channel-names'
import { METHOD_CHANNELS } from '../../src/protocol/channel-names'
import type { Core } from '../../src/engine/core-api'
import { parseChannelRequest } from '../../src/protocol/channel-request'
import { FILE_CHANNELS, handleFileRequest } from '../../src/workspace/files-backend'
import { SAVED_RUN_CHANNELS, handleSavedRunRequest } from '../../src/workspace/saved-runs'
import type { CloseGuard } from './close-guard'
import type { DesktopFiles } from './desktop-files'
import type { DesktopSavedRuns } from './desktop-saved-runs'
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
  /** Saved stress runs through dialogs; the core gives the report to save. */
  savedRuns?: { runs: DesktopSavedRuns; core: Core | Promise<Core> },
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
  if (savedRuns) {
    for (const channel of SAVED_RUN_CHANNELS) {
      handlers[channel] = async (window, payload) =>
        handleSavedRunRequest(
          savedRuns.runs.forWindow(window),
          await savedRuns.core,
          channel,
          payload,
        )
    }
  }
  return handlers
}
