// The one place where `electron` is mocked for the main-process and preload specs.
//
// The Electron binary cannot run here: it is not installed and cannot be
// downloaded, and since Electron 42 `require('electron')` outside Electron
// starts that download. So these specs run in plain Node against this fake,
// which records what the code under test asked of Electron (window options,
// handlers, IPC registrations) and lets a spec fire the events Electron would.
//
// Import it first in a spec, before the module under test:
//   import { electronFake, resetElectronFake } from '../../setup-electron-mock'
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
// Types only: erased at run time, so this never loads the real module.
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  ForkOptions,
  IpcMainInvokeEvent,
  MenuItemConstructorOptions,
  Rectangle,
} from 'electron'
import { afterAll, vi } from 'vitest'

type Handler = (...args: never[]) => unknown

/** A fake `Session`: keeps the handlers the app sets so a spec can call them. */
export class FakeSession {
  permissionRequestHandler: Handler | null = null
  permissionCheckHandler: Handler | null = null
  devicePermissionHandler: Handler | null = null
  setPermissionRequestHandler = vi.fn((handler: Handler | null) => {
    this.permissionRequestHandler = handler
  })
  setPermissionCheckHandler = vi.fn((handler: Handler | null) => {
    this.permissionCheckHandler = handler
  })
  setDevicePermissionHandler = vi.fn((handler: Handler | null) => {
    this.devicePermissionHandler = handler
  })
}

/** A fake `WebFrameMain`: a URL and a parent (null for a main frame). */
export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

let nextContentsId = 1

/** A fake `WebContents`: an EventEmitter with the methods the app calls. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  readonly mainFrame = new FakeWebFrame('about:blank')
  destroyed = false
  windowOpenHandler: Handler | null = null
  constructor(readonly session: FakeSession = new FakeSession()) {
    super()
  }
  setWindowOpenHandler = vi.fn((handler: Handler) => {
    this.windowOpenHandler = handler
  })
  send = vi.fn()
  isDestroyed = () => this.destroyed
  getURL = () => this.mainFrame.url
}

/** A fake `BrowserWindow`; every instance is recorded in `electronFake.windows`. */
export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents()
  destroyed = false
  minimized = false
  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super()
    electronFake.windows.push(this)
  }
  loadFile = vi.fn(async (path: string) => {
    this.webContents.mainFrame.url = pathToFileURL(path).href
  })
  loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame.url = url
  })
  show = vi.fn()
  focus = vi.fn()
  restore = vi.fn()
  maximize = vi.fn(() => {
    this.maximized = true
  })
  setDocumentEdited = vi.fn()
  maximized = false
  focused = false
  normalBounds: Rectangle = { x: 10, y: 20, width: 1280, height: 820 }
  isMinimized = () => this.minimized
  isMaximized = () => this.maximized
  isFocused = () => this.focused
  isDestroyed = () => this.destroyed
  getNormalBounds = () => ({ ...this.normalBounds })
  /**
   * What Electron does when the user (or the app) closes the window: 'close'
   * first, which a listener may prevent; then, unless prevented, 'closed'.
   */
  close = vi.fn((): void => {
    if (this.destroyed) return
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (prevented) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  })
}

/** A fake `UtilityProcess` child. */
export class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = 424_242
  postMessage = vi.fn()
  kill = vi.fn(() => true)
  constructor(
    readonly modulePath: string,
    readonly args: string[] | undefined,
    readonly options: ForkOptions | undefined,
  ) {
    super()
  }
}

/** An `IpcMainInvokeEvent` as Electron would build it for `contents` and `frame`. */
export function fakeInvokeEvent(
  contents: FakeWebContents,
  frame: FakeWebFrame | null = contents.mainFrame,
): IpcMainInvokeEvent {
  return { sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent
}

/** A DOM-less Electron `Event` whose preventDefault a spec can check. */
export function fakeElectronEvent(): { preventDefault: ReturnType<typeof vi.fn> } {
  return { preventDefault: vi.fn() }
}

/** Temporary folders the fakes made: removed at each reset and after each spec file. */
const temporaryFolders: string[] = []
function removeTemporaryFolders(): void {
  for (const folder of temporaryFolders.splice(0)) rmSync(folder, { recursive: true, force: true })
}
afterAll(removeTemporaryFolders)

/** A fresh temporary folder, made on first use (most specs never ask for a path). */
function lazyTemporaryFolder(prefix: string): () => string {
  let folder: string | undefined
  return () => {
    if (folder === undefined) {
      folder = mkdtempSync(join(tmpdir(), prefix))
      temporaryFolders.push(folder)
    }
    return folder
  }
}

function createApp() {
  const defaultPaths: Record<string, () => string> = {
    userData: lazyTemporaryFolder('gatehouse-userdata-'),
    documents: lazyTemporaryFolder('gatehouse-documents-'),
  }
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  let isReady = false
  const events = new EventEmitter()
  const app = Object.assign(events, {
    name: 'Gatehouse',
    isPackaged: false,
    /** Paths set with setPath; userData and documents default to fresh temporary folders. */
    paths: {} as Record<string, string>,
    getPath: vi.fn((name: string): string => {
      const path = app.paths[name] ?? defaultPaths[name]?.()
      if (!path) throw new Error(`the fake app has no path "${name}"`)
      return path
    }),
    setPath: vi.fn((name: string, path: string) => {
      app.paths[name] = path
    }),
    addRecentDocument: vi.fn(),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => ready),
    isReady: () => isReady,
    quit: vi.fn(),
    exit: vi.fn(),
    /** Resolves `whenReady()` and emits 'ready', as Electron does once it has started. */
    becomeReady(): void {
      isReady = true
      markReady()
      events.emit('ready')
    },
  })
  return app
}

function createFake() {
  const ipcMainHandlers = new Map<string, Handler>()
  const exposedInMainWorld = new Map<string, unknown>()
  const utilityProcesses: FakeUtilityProcess[] = []
  const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn() })
  return {
    app: createApp(),
    windows: [] as FakeBrowserWindow[],
    defaultSession: new FakeSession(),
    ipcMainHandlers,
    exposedInMainWorld,
    utilityProcesses,
    ipcMain: {
      handle: vi.fn((channel: string, handler: Handler) => {
        // Electron throws on a second handler for one channel; so does the fake.
        if (ipcMainHandlers.has(channel)) {
          throw new Error(`Attempted to register a second handler for '${channel}'`)
        }
        ipcMainHandlers.set(channel, handler)
      }),
      removeHandler: vi.fn((channel: string) => {
        ipcMainHandlers.delete(channel)
      }),
    },
    ipcRenderer,
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => {
        exposedInMainWorld.set(key, api)
      }),
    },
    utilityProcess: {
      fork: vi.fn((modulePath: string, args?: string[], options?: ForkOptions) => {
        const child = new FakeUtilityProcess(modulePath, args, options)
        utilityProcesses.push(child)
        return child
      }),
    },
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({
        response: 0,
        checkboxChecked: false,
      })),
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({
        canceled: true,
        filePaths: [] as string[],
      })),
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({
        canceled: true,
        filePath: '' as string,
      })),
    },
    protocol: {
      privilegedSchemes: [] as CustomScheme[],
      handlers: new Map<string, Handler>(),
      registerSchemesAsPrivileged: vi.fn((schemes: CustomScheme[]) => {
        electronFake.protocol.privilegedSchemes.push(...schemes)
      }),
      handle: vi.fn((scheme: string, handler: Handler) => {
        electronFake.protocol.handlers.set(scheme, handler)
      }),
    },
    screen: {
      workAreas: [{ x: 0, y: 0, width: 1920, height: 1080 }] as Rectangle[],
      getAllDisplays: vi.fn(() => electronFake.screen.workAreas.map((workArea) => ({ workArea }))),
    },
    Menu: {
      /** The template of the last menu built, as the app passed it. */
      lastTemplate: null as MenuItemConstructorOptions[] | null,
      applicationMenu: null as unknown,
      buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => {
        electronFake.Menu.lastTemplate = template
        return { template }
      }),
      setApplicationMenu: vi.fn((menu: unknown) => {
        electronFake.Menu.applicationMenu = menu
      }),
    },
  }
}

/** The fake's state; replaced (not mutated) by {@link resetElectronFake}. */
export let electronFake = createFake()

/** Starts each spec from a fresh fake: no windows, handlers, listeners or calls. */
export function resetElectronFake(): void {
  removeTemporaryFolders()
  electronFake = createFake()
}

// Getters, so that a module imported after a reset sees the current fake.
vi.mock('electron', () => {
  const electron = {
    get app() {
      return electronFake.app
    },
    BrowserWindow: FakeBrowserWindow,
    get ipcMain() {
      return electronFake.ipcMain
    },
    get ipcRenderer() {
      return electronFake.ipcRenderer
    },
    get contextBridge() {
      return electronFake.contextBridge
    },
    get utilityProcess() {
      return electronFake.utilityProcess
    },
    get dialog() {
      return electronFake.dialog
    },
    get protocol() {
      return electronFake.protocol
    },
    get screen() {
      return electronFake.screen
    },
    get Menu() {
      return electronFake.Menu
    },
    session: {
      get defaultSession() {
        return electronFake.defaultSession
      },
    },
  }
  Object.defineProperty(electron, 'default', { value: electron, enumerable: true })
  return electron
})
