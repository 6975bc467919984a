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
import { pathToFileURL } from 'node:url'
// Types only: erased at run time, so this never loads the real module.
import type { BrowserWindowConstructorOptions, ForkOptions, IpcMainInvokeEvent } from 'electron'
import { vi } from 'vitest'

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
  isMinimized = () => this.minimized
  isDestroyed = () => this.destroyed
  /** What Electron does when the user closes the window. */
  close(): void {
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
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

function createApp() {
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  let isReady = false
  const events = new EventEmitter()
  return Object.assign(events, {
    isPackaged: false,
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
    dialog: { showErrorBox: vi.fn() },
  }
}

/** The fake's state; replaced (not mutated) by {@link resetElectronFake}. */
export let electronFake = createFake()

/** Starts each spec from a fresh fake: no windows, handlers, listeners or calls. */
export function resetElectronFake(): void {
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
    session: {
      get defaultSession() {
        return electronFake.defaultSession
      },
    },
  }
  Object.defineProperty(electron, 'default', { value: electron, enumerable: true })
  return electron
})
