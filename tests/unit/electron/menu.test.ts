// @vitest-environment node
import { electronFake, resetElectronFake } from '../../setup-electron-mock'
import type { MenuItemConstructorOptions } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { AppWindows } from '../../../electron/main/app-windows'
import { buildMenuTemplate, sendMenuCommand, setupMenu } from '../../../electron/main/menu'
import { createMainWindow } from '../../../electron/main/window'
import { MENU_COMMAND_CHANNEL } from '../../../src/protocol/channel-names'
import type { MenuCommand } from '../../../src/protocol/menu'

type Item = MenuItemConstructorOptions

/** Every item of the menu, depth first. */
function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : []),
  ])
}

function template(overrides: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) {
  const sent: MenuCommand[] = []
  const items = buildMenuTemplate({
    appName: 'Gatehouse',
    platform: 'linux',
    isPackaged: true,
    recent: [],
    send: (command) => sent.push(command),
    ...overrides,
  })
  return { items, all: flatten(items), sent }
}

function click(item: Item | undefined): void {
  if (!item?.click) throw new Error(`no click on ${item?.label}`)
  ;(item.click as () => void)()
}

beforeEach(() => {
  resetElectronFake()
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
})

describe('the application menu', () => {
  it('has the shortcuts of the issue, each sending its command', () => {
    const { all, sent } = template()
    const expected: [string, MenuCommand][] = [
      ['CmdOrCtrl+Enter', { type: 'run' }],
      ['F5', { type: 'run' }],
      ['Shift+F5', { type: 'stop' }],
      ['CmdOrCtrl+N', { type: 'new' }],
      ['CmdOrCtrl+O', { type: 'open' }],
      ['CmdOrCtrl+S', { type: 'save' }],
      ['CmdOrCtrl+Shift+S', { type: 'save-as' }],
      ['CmdOrCtrl+W', { type: 'close-tab' }],
      ['CmdOrCtrl+,', { type: 'settings' }],
    ]
    for (const [accelerator, command] of expected) {
      const item = all.find((candidate) => candidate.accelerator === accelerator)
      expect(item, accelerator).toBeDefined()
      click(item)
      expect(sent.at(-1), accelerator).toEqual(command)
    }
    click(all.find((item) => item.label === 'Examples…'))
    expect(sent.at(-1)).toEqual({ type: 'examples' })
    // No accelerator is bound twice.
    const accelerators = all.map((item) => item.accelerator).filter(Boolean)
    expect(new Set(accelerators).size).toBe(accelerators.length)
  })

  it('keeps F5 working while showing one Run item', () => {
    const f5 = template().all.find((item) => item.accelerator === 'F5')
    expect(f5).toMatchObject({ visible: false, acceleratorWorksWhenHidden: true })
  })

  it('lists recent files under Open Recent, and says when there are none', () => {
    const none = template().all.find((item) => item.label === 'Open Recent')
    expect((none?.submenu as Item[])[0]).toMatchObject({ label: 'No Recent Files', enabled: false })

    const { all, sent } = template({
      recent: [{ path: '/home/me/sum.js', name: 'sum.js', usedAt: 1 }],
    })
    const recent = all.find((item) => item.label === 'Open Recent')
    const [first] = recent?.submenu as Item[]
    expect(first?.label).toBe('/home/me/sum.js')
    click(first)
    expect(sent).toEqual([{ type: 'open-recent', path: '/home/me/sum.js' }])
  })

  it('offers reload and the developer tools only in development', () => {
    const roles = (packaged: boolean) =>
      template({ isPackaged: packaged }).all.map((item) => item.role)
    expect(roles(true)).not.toContain('toggleDevTools')
    expect(roles(true)).not.toContain('reload')
    expect(roles(false)).toContain('toggleDevTools')
  })

  it('follows macOS conventions there: app menu with Settings and Quit, Edit roles', () => {
    const { items } = template({ platform: 'darwin' })
    expect(items[0]?.label).toBe('Gatehouse')
    const appMenu = flatten([items[0] as Item])
    expect(appMenu.some((item) => item.accelerator === 'CmdOrCtrl+,')).toBe(true)
    expect(appMenu.some((item) => item.role === 'quit')).toBe(true)
    expect(items.some((item) => item.role === 'editMenu')).toBe(true)
    const file = flatten([items[1] as Item])
    expect(file.some((item) => item.accelerator === 'CmdOrCtrl+,')).toBe(false)
  })
})

describe('menu commands reach the window', () => {
  it('on the one menu channel, to the focused app window only', () => {
    const windows = new AppWindows()
    createMainWindow(windows)
    createMainWindow(windows)
    const [first, second] = electronFake.windows
    if (!first || !second) throw new Error('no windows')
    second.focused = true
    sendMenuCommand(windows, { type: 'run' })
    expect(second.webContents.send).toHaveBeenCalledExactlyOnceWith(MENU_COMMAND_CHANNEL, {
      type: 'run',
    })
    expect(first.webContents.send).not.toHaveBeenCalled()

    second.close()
    sendMenuCommand(windows, { type: 'stop' })
    expect(first.webContents.send).toHaveBeenCalledExactlyOnceWith(MENU_COMMAND_CHANNEL, {
      type: 'stop',
    })
  })

  it('setupMenu installs the menu, and rebuilds it with the recent files', async () => {
    const windows = new AppWindows()
    const listRecent = vi.fn(async () => [{ path: '/x/a.js', name: 'a.js', usedAt: 1 }])
    const refresh = setupMenu({ appName: 'Gatehouse', isPackaged: true, windows, listRecent })
    expect(electronFake.Menu.setApplicationMenu).toHaveBeenCalled()
    await refresh()
    const all = flatten(electronFake.Menu.lastTemplate ?? [])
    expect(all.some((item) => item.label === '/x/a.js')).toBe(true)
  })
})
