import type { Core } from '../../src/engine/core-api'
import { TELEMETRY_CHANNEL } from '../../src/protocol/channel-names'
import type { AppWindows } from './app-windows'

/**
 * Pushes the core's telemetry batches (already coalesced, about 30 a second
 * at most) to the app's windows, and to nothing else.
 *
 * @returns the unsubscribe
 */
export function setupTelemetry(core: Core, windows: AppWindows): () => void {
  return core.onTelemetry((batch) => {
    for (const window of windows.all()) {
      const contents = window.webContents
      if (!contents.isDestroyed()) contents.send(TELEMETRY_CHANNEL, batch)
    }
  })
}
