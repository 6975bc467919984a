import type { IpcMainInvokeEvent } from 'electron'
import { ipcMain } from 'electron'
import type { Core } from '../../src/engine/core-api'
import type { ChannelResponse, Reply } from '../../src/protocol/api'
import type { Channel } from '../../src/protocol/channel-names'
import { METHOD_CHANNELS } from '../../src/protocol/channel-names'
import type { AppWindows } from './app-windows'

/** The Reply error type for a request that did not come from one of the app's windows. */
export const FORBIDDEN_SENDER_ERROR = 'ForbiddenError'
/** The Reply error type for a core that failed to start or threw instead of replying. */
export const INTERNAL_ERROR = 'InternalError'

function errorReply(type: string, message: string): Reply<never> {
  return { ok: false, error: { type, message } }
}

/**
 * Answers every API channel with the core's Reply. The core validates the
 * payload; this checks who sent it: only the main frame of a window the app
 * created, showing the app's page, is answered. The core may still be
 * starting: requests wait for it.
 *
 * @returns a function that removes the handlers
 */
export function setupIpc(core: Core | Promise<Core>, windows: AppWindows): () => void {
  const channels: Channel[] = Object.values(METHOD_CHANNELS)
  for (const channel of channels) {
    ipcMain.handle(
      channel,
      async (
        event: IpcMainInvokeEvent,
        payload: unknown,
      ): Promise<Reply<ChannelResponse<Channel>>> => {
        if (!windows.isTrustedSender(event)) {
          console.warn(
            `Gatehouse: refused ${channel} from webContents ${event.sender.id} (${event.senderFrame?.url ?? 'no frame'})`,
          )
          return errorReply(
            FORBIDDEN_SENDER_ERROR,
            `Refused ${channel}: the request did not come from a Gatehouse window`,
          )
        }
        try {
          return await (await core).handle(channel, payload)
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          return errorReply(INTERNAL_ERROR, `${channel} failed: ${message}`)
        }
      },
    )
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel)
  }
}
