import type { BrowserWindow, MenuItemConstructorOptions } from 'electron'
import { Menu } from 'electron'
import { MENU_COMMAND_CHANNEL } from '../../src/protocol/channel-names'
import type { RecentFile } from '../../src/protocol/files'
import type { MenuCommand } from '../../src/protocol/menu'
import type { AppWindows } from './app-windows'

export interface MenuOptions {
  appName: string
  platform: NodeJS.Platform
  /** Development builds get Reload and the developer tools. */
  isPackaged: boolean
  recent: RecentFile[]
  /** Sends a command to the window the user is working in. */
  send: (command: MenuCommand) => void
}

/**
 * The application menu. Every Gatehouse item sends one {@link MenuCommand} on
 * the menu channel and the window does the rest; the rest are Electron's
 * roles (Edit's clipboard items make Cmd+C/V work on macOS). Built as data so
 * the specs can read it without a real Menu.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { send } = options
  const isMac = options.platform === 'darwin'
  const command = (label: string, accelerator: string | undefined, action: MenuCommand) => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(action),
  })
  const settingsItem = command('Settings…', 'CmdOrCtrl+,', { type: 'settings' })

  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : options.recent.map((file) =>
          command(file.path, undefined, { type: 'open-recent', path: file.path }),
        )

  const template: MenuItemConstructorOptions[] = []
  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        settingsItem,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    })
  }
  template.push(
    {
      label: '&File',
      submenu: [
        command('New', 'CmdOrCtrl+N', { type: 'new' }),
        command('Open…', 'CmdOrCtrl+O', { type: 'open' }),
        { label: 'Open Recent', submenu: recentItems },
        command('Examples…', undefined, { type: 'examples' }),
        { type: 'separator' },
        command('Save', 'CmdOrCtrl+S', { type: 'save' }),
        command('Save As…', 'CmdOrCtrl+Shift+S', { type: 'save-as' }),
        command('Close Tab', 'CmdOrCtrl+W', { type: 'close-tab' }),
        { type: 'separator' },
        ...(isMac ? [] : [settingsItem, { type: 'separator' } as const]),
        // Cmd+W closes the tab in front; the window closes with Cmd+Shift+W.
        isMac ? { role: 'close', accelerator: 'CmdOrCtrl+Shift+W' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Run',
      submenu: [
        command('Run', 'CmdOrCtrl+Enter', { type: 'run' }),
        // The second shortcut for Run: a menu item has one accelerator, so
        // F5 gets an item of its own that the menu does not show.
        {
          ...command('Run', 'F5', { type: 'run' }),
          visible: false,
          acceleratorWorksWhenHidden: true,
        },
        command('Stop', 'Shift+F5', { type: 'stop' }),
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(options.isPackaged
          ? []
          : ([
              { role: 'reload' },
              { role: 'forceReload' },
              { role: 'toggleDevTools' },
              { type: 'separator' },
            ] as const)),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  )
  return template
}

/**
 * Sends `command` to the app's focused window (or its first one): only to a
 * window the app created, like telemetry.
 */
export function sendMenuCommand(windows: AppWindows, command: MenuCommand): void {
  const all = windows.all()
  const target = all.find((window) => window.isFocused()) ?? all[0]
  sendToWindow(target, command)
}

/** Sends `command` on the menu channel to one window, if it is still there. */
export function sendToWindow(window: BrowserWindow | undefined, command: MenuCommand): void {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return
  window.webContents.send(MENU_COMMAND_CHANNEL, command)
}

/**
 * Installs the application menu and returns a function that rebuilds it
 * (after the recent files change).
 */
export function setupMenu(options: {
  appName: string
  isPackaged: boolean
  windows: AppWindows
  listRecent: () => Promise<RecentFile[]>
}): () => Promise<void> {
  const install = (recent: RecentFile[]) => {
    const template = buildMenuTemplate({
      appName: options.appName,
      platform: process.platform,
      isPackaged: options.isPackaged,
      recent,
      send: (command) => sendMenuCommand(options.windows, command),
    })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }
  const refresh = async () => {
    let recent: RecentFile[] = []
    try {
      recent = await options.listRecent()
    } catch (error) {
      console.warn('Gatehouse: could not read the recent files for the menu:', error)
    }
    install(recent)
  }
  install([])
  void refresh()
  return refresh
}
