import type { BrowserWindow, IpcMainInvokeEvent } from 'electron'
import { ipcMain } from 'electron'
import type { Core } from '../../src/engine/core-api'
import type { ChannelResponse, Reply } from '../../src/protocol/api'
import type { Channel } from '../../src/protocol/channel-names'
import { METHOD_CHANNELS } from '../../src/protocol/channel-names'
import { REQUEST_ERRORS, answerRequest, errorReply } from '../../src/protocol/channel-request'
import type { AppWindows } from './app-windows'

/** The Reply error type for a request that did not come from one of the app's windows. */
export const FORBIDDEN_SENDER_ERROR = REQUEST_ERRORS.forbidden
/** The Reply error type for a core that failed to start or threw instead of replying. */
export const INTERNAL_ERROR = REQUEST_ERRORS.internal

/**
 * A channel the main process answers itself, for the window that asked (a
 * dialog needs its parent window; dirty state is per window). It validates
 * its payload against the channel's schema, like the core does.
 */
export type WindowRequestHandler = (
  window: BrowserWindow,
  payload: unknown,
) => Promise<Reply<unknown>>

/**
 * Answers every API channel with a Reply. This checks who sent it: only the
 * main frame of a window the app created, showing the app's page, is
 * answered. Channels in `windowHandlers` (files, dirty state) go to them with
 * the sending window; every other channel goes to the core, which validates
 * the payload. The core may still be starting: its requests wait for it.
 *
 * @returns a function that removes the handlers
 */
export function setupIpc(
  core: Core | Promise<Core>,
  windows: AppWindows,
  windowHandlers: Partial<Record<Channel, WindowRequestHandler>> = {},
): () => void {
  const channels: Channel[] = Object.values(METHOD_CHANNELS)
  for (const channel of channels) {
    const own = windowHandlers[channel]
    ipcMain.handle(
      channel,
      async (
        event: IpcMainInvokeEvent,
        payload: unknown,
      ): Promise<Reply<ChannelResponse<Channel>>> => {
        const window = windows.trustedWindow(event)
        if (!window) {
          console.warn(
            `Gatehouse: refused ${channel} from webContents ${event.sender.id} (${event.senderFrame?.url ?? 'no frame'})`,
          )
          return errorReply(
            FORBIDDEN_SENDER_ERROR,
            `Refused ${channel}: the request did not come from a Gatehouse window`,
          )
        }
        // The same reading of requests and the same error vocabulary as the browser edition.
        return (await answerRequest(channel, async () =>
          own ? own(window, payload) : (await core).handle(channel, payload),
        )) as Reply<ChannelResponse<Channel>>
      },
    )
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel)
  }
}
