import type { BrowserWindow, IpcMainInvokeEvent } from 'electron'
import type { RendererLocation } from './renderer-location'
import { isAppUrl } from './renderer-location'

interface AppWindow {
  window: BrowserWindow
  location: RendererLocation
}

/**
 * The windows Gatehouse created, keyed by their webContents id. IPC answers
 * only these, and telemetry goes only to these: a page the app did not open
 * (a devtools extension, a future webview, a frame inside the page) gets
 * nothing.
 */
export class AppWindows {
  private readonly byContentsId = new Map<number, AppWindow>()

  /** Registers a window until it closes; `location` is the page it is meant to show. */
  add(window: BrowserWindow, location: RendererLocation): void {
    // Read the id now: after 'closed' the window's webContents is gone.
    const contentsId = window.webContents.id
    this.byContentsId.set(contentsId, { window, location })
    window.once('closed', () => this.byContentsId.delete(contentsId))
  }

  get size(): number {
    return this.byContentsId.size
  }

  /** The app's windows that are still open. */
  all(): BrowserWindow[] {
    return [...this.byContentsId.values()]
      .map(({ window }) => window)
      .filter((window) => !window.isDestroyed())
  }

  /**
   * True only for a message from the main frame of one of the app's windows
   * while that frame shows the app's own page.
   */
  isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
    return this.trustedWindow(event) !== null
  }

  /** The app's window that sent `event`, when {@link isTrustedSender} holds; else null. */
  trustedWindow(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): BrowserWindow | null {
    const entry = this.byContentsId.get(event.sender.id)
    if (!entry || entry.window.isDestroyed()) return null
    const frame = event.senderFrame
    if (!frame || frame.parent !== null) return null
    return isAppUrl(frame.url, entry.location) ? entry.window : null
  }
}
