import type { BrowserWindow } from 'electron'
import { dialog } from 'electron'
import type { MenuCommand } from '../../src/protocol/menu'

/** What the user chose when closing a window with unsaved changes. */
export type CloseChoice = 'save' | 'discard' | 'cancel'

/** How long a "Save, then close" waits for the window to report that it saved. */
export const SAVE_BEFORE_CLOSE_TIMEOUT_MS = 120_000

export interface CloseGuardOptions {
  /** Asks the user what to do with unsaved changes (a native dialog). */
  confirm?: (window: BrowserWindow) => Promise<CloseChoice>
  /** Sends a menu command to the window (how "Save, then close" reaches it). */
  sendCommand: (window: BrowserWindow, command: MenuCommand) => void
  /** Called when the user discards the changes: the crash-recovery draft goes too. */
  onDiscard?: () => Promise<unknown>
  /** Called when the user cancels the close (a quit it interrupted is off). */
  onCancel?: () => void
  /** Called when a close the question held back goes ahead (a quit it interrupted goes on). */
  onProceed?: () => void
}

interface WindowCloseState {
  dirty: boolean
  /** The dialog is showing: a second close attempt waits for it. */
  asking: boolean
  /** The user chose Save: close once the window reports it is clean. */
  closeWhenSaved: ReturnType<typeof setTimeout> | null
  /** Close without asking (the user already answered). */
  allowClose: boolean
}

/** The native "unsaved changes" question. */
export async function confirmCloseDialog(window: BrowserWindow): Promise<CloseChoice> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    buttons: ['Save All', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    title: 'Unsaved changes',
    message: 'Do you want to save the changes to your open scripts?',
    detail: "Your changes will be lost if you don't save them.",
  })
  return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel'
}

/**
 * Asks before a window with unsaved changes closes (and so before the app
 * quits). The window reports its state with `setDirty` (the API's
 * `window:setDirty`); on close, a dirty window gets a native Save / Don't
 * Save / Cancel. Save sends `{ type: 'save', then: 'close' }` to the window,
 * which saves and reports `setDirty(false)` (the window then closes) or
 * `setDirty(true)` (the save failed or was cancelled: it stays open).
 */
export class CloseGuard {
  private readonly states = new WeakMap<BrowserWindow, WindowCloseState>()
  private readonly confirm: (window: BrowserWindow) => Promise<CloseChoice>

  constructor(private readonly options: CloseGuardOptions) {
    this.confirm = options.confirm ?? confirmCloseDialog
  }

  /** Starts guarding `window`'s close. */
  watch(window: BrowserWindow): void {
    const state: WindowCloseState = {
      dirty: false,
      asking: false,
      closeWhenSaved: null,
      allowClose: false,
    }
    this.states.set(window, state)
    window.on('close', (event) => {
      if (!state.dirty || state.allowClose) return
      event.preventDefault()
      if (state.asking || state.closeWhenSaved) return
      state.asking = true
      this.confirm(window)
        .then((choice) => this.act(window, state, choice))
        .catch((error: unknown) => {
          console.error('Gatehouse: the unsaved-changes dialog failed:', error)
        })
        .finally(() => {
          state.asking = false
        })
    })
    window.once('closed', () => this.cancelPendingClose(state))
  }

  /** Whether `window` reported unsaved changes. */
  isDirty(window: BrowserWindow): boolean {
    return this.states.get(window)?.dirty ?? false
  }

  /** Records what the window reported; completes or cancels a pending "Save, then close". */
  setDirty(window: BrowserWindow, dirty: boolean): void {
    const state = this.states.get(window)
    if (!state) return
    state.dirty = dirty
    // The dot in the close button on macOS; other platforms have no such mark.
    if (process.platform === 'darwin') window.setDocumentEdited(dirty)
    if (state.closeWhenSaved) {
      this.cancelPendingClose(state)
      if (!dirty) this.closeNow(window, state)
    }
  }

  private act(window: BrowserWindow, state: WindowCloseState, choice: CloseChoice): void {
    if (window.isDestroyed()) return
    switch (choice) {
      case 'discard':
        this.options.onDiscard?.().catch((error: unknown) => {
          console.warn('Gatehouse: could not remove the draft:', error)
        })
        this.closeNow(window, state)
        break
      case 'save':
        state.closeWhenSaved = setTimeout(() => {
          state.closeWhenSaved = null
        }, SAVE_BEFORE_CLOSE_TIMEOUT_MS)
        this.options.sendCommand(window, { type: 'save', then: 'close' })
        break
      case 'cancel':
        this.options.onCancel?.()
        break
    }
  }

  private closeNow(window: BrowserWindow, state: WindowCloseState): void {
    state.allowClose = true
    if (!window.isDestroyed()) window.close()
    this.options.onProceed?.()
  }

  private cancelPendingClose(state: WindowCloseState): void {
    if (state.closeWhenSaved) clearTimeout(state.closeWhenSaved)
    state.closeWhenSaved = null
  }
}
