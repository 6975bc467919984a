// @vitest-environment node
import { electronFake, resetElectronFake } from '../../setup-electron-mock'
import type { BrowserWindow } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppWindows } from '../../../electron/main/app-windows'
import type { CloseChoice } from '../../../electron/main/close-guard'
import { CloseGuard, confirmCloseDialog } from '../../../electron/main/close-guard'
import { createMainWindow } from '../../../electron/main/window'

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

function setup(choice: CloseChoice) {
  const windows = new AppWindows()
  const window = createMainWindow(windows)
  const fake = electronFake.windows.at(-1)
  if (!fake) throw new Error('no window')
  const confirm = vi.fn(async () => choice)
  const sendCommand = vi.fn()
  const onDiscard = vi.fn(async () => undefined)
  const onCancel = vi.fn()
  const onProceed = vi.fn()
  const guard = new CloseGuard({ confirm, sendCommand, onDiscard, onCancel, onProceed })
  guard.watch(window)
  return { window, fake, guard, confirm, sendCommand, onDiscard, onCancel, onProceed }
}

beforeEach(() => {
  resetElectronFake()
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.useRealTimers()
})

describe('CloseGuard', () => {
  it('lets a clean window close without asking', () => {
    const { fake, confirm } = setup('cancel')
    fake.close()
    expect(fake.destroyed).toBe(true)
    expect(confirm).not.toHaveBeenCalled()
  })

  it('asks before a dirty window closes; Cancel keeps it open', async () => {
    const { window, fake, guard, confirm, onCancel } = setup('cancel')
    guard.setDirty(window, true)
    fake.close()
    expect(fake.destroyed).toBe(false)
    await settle()
    expect(confirm).toHaveBeenCalledOnce()
    expect(onCancel).toHaveBeenCalledOnce()
    expect(fake.destroyed).toBe(false)
  })

  it("Don't Save closes it and drops the draft", async () => {
    const { window, fake, guard, onDiscard, onProceed } = setup('discard')
    guard.setDirty(window, true)
    fake.close()
    await settle()
    expect(onDiscard).toHaveBeenCalledOnce()
    expect(onProceed).toHaveBeenCalledOnce()
    expect(fake.destroyed).toBe(true)
  })

  it('Save asks the window to save, and closes it once it reports clean', async () => {
    const { window, fake, guard, sendCommand } = setup('save')
    guard.setDirty(window, true)
    fake.close()
    await settle()
    expect(sendCommand).toHaveBeenCalledExactlyOnceWith(window, { type: 'save', then: 'close' })
    expect(fake.destroyed).toBe(false)
    guard.setDirty(window, false)
    expect(fake.destroyed).toBe(true)
  })

  it('Save that fails (the window stays dirty) keeps it open and forgets the close', async () => {
    const { window, fake, guard, confirm } = setup('save')
    guard.setDirty(window, true)
    fake.close()
    await settle()
    guard.setDirty(window, true)
    expect(fake.destroyed).toBe(false)
    // A later save does not close the window by surprise.
    guard.setDirty(window, false)
    expect(fake.destroyed).toBe(false)
    expect(confirm).toHaveBeenCalledOnce()
  })

  it('asks once however often close is pressed while the question is open', async () => {
    const { window, fake, guard, confirm } = setup('cancel')
    guard.setDirty(window, true)
    fake.close()
    fake.close()
    fake.close()
    await settle()
    expect(confirm).toHaveBeenCalledOnce()
  })

  it('marks the window edited on macOS only', () => {
    const { window, fake, guard } = setup('cancel')
    guard.setDirty(window, true)
    expect(guard.isDirty(window)).toBe(true)
    if (process.platform === 'darwin') expect(fake.setDocumentEdited).toHaveBeenCalledWith(true)
    else expect(fake.setDocumentEdited).not.toHaveBeenCalled()
  })

  it("shows a native Save / Don't Save / Cancel question", async () => {
    electronFake.dialog.showMessageBox.mockResolvedValueOnce({
      response: 1,
      checkboxChecked: false,
    })
    const window = {} as BrowserWindow
    expect(await confirmCloseDialog(window)).toBe('discard')
    const [parent, options] = electronFake.dialog.showMessageBox.mock.calls[0] ?? []
    expect(parent).toBe(window)
    expect(options).toMatchObject({
      buttons: ['Save All', "Don't Save", 'Cancel'],
      cancelId: 2,
      defaultId: 0,
    })
  })
})
