import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { BrowserWindow, Rectangle } from 'electron'
import { writeFileAtomic } from '../../src/workspace/atomic-write'
import { readJsonFile } from '../../src/workspace/json-state-file'
import { SerialQueue } from '../../src/workspace/serial-queue'

/** The main window's size, its position when it has a known one, and whether it was maximized. */
export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const DEFAULT_WINDOW_BOUNDS: WindowBounds = { width: 1280, height: 820, maximized: false }
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const
/** How much of the title bar must be on a screen for the saved position to be used. */
const MIN_VISIBLE = { width: 120, height: 40 } as const
const MAX_STATE_FILE_BYTES = 4096

function isFiniteInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Number.isInteger(value)
}

/**
 * Makes saved bounds fit the screens there are now: a size no larger than
 * the biggest work area (and no smaller than the window's minimum), and the
 * position dropped (the window is centred) when its top edge would not be on
 * any screen, as after unplugging a monitor.
 */
export function fitToDisplays(saved: unknown, workAreas: Rectangle[]): WindowBounds {
  if (typeof saved !== 'object' || saved === null) return { ...DEFAULT_WINDOW_BOUNDS }
  const record = saved as Record<string, unknown>
  if (!isFiniteInt(record.width) || !isFiniteInt(record.height)) return { ...DEFAULT_WINDOW_BOUNDS }
  const maxWidth = Math.max(MIN_WINDOW_SIZE.width, ...workAreas.map((area) => area.width))
  const maxHeight = Math.max(MIN_WINDOW_SIZE.height, ...workAreas.map((area) => area.height))
  const bounds: WindowBounds = {
    width: Math.min(maxWidth, Math.max(MIN_WINDOW_SIZE.width, record.width)),
    height: Math.min(maxHeight, Math.max(MIN_WINDOW_SIZE.height, record.height)),
    maximized: record.maximized === true,
  }
  if (isFiniteInt(record.x) && isFiniteInt(record.y)) {
    const { x, y } = record
    const titleBarVisible = workAreas.some((area) => {
      const left = Math.max(area.x, x)
      const right = Math.min(area.x + area.width, x + bounds.width)
      const top = Math.max(area.y, y)
      const bottom = Math.min(area.y + area.height, y + MIN_VISIBLE.height)
      return right - left >= MIN_VISIBLE.width && bottom - top >= MIN_VISIBLE.height
    })
    if (titleBarVisible) {
      bounds.x = x
      bounds.y = y
    }
  }
  return bounds
}

/**
 * The main window's bounds in `window-state.json` (user data folder): read
 * when the window opens, written atomically when it closes. A missing or
 * bad file means the default size, centred.
 */
export class WindowStateStore {
  private readonly queue = new SerialQueue()

  constructor(readonly file: string) {}

  async load(workAreas: Rectangle[]): Promise<WindowBounds> {
    const read = await readJsonFile(this.file, MAX_STATE_FILE_BYTES)
    return read.status === 'ok'
      ? fitToDisplays(read.value, workAreas)
      : { ...DEFAULT_WINDOW_BOUNDS }
  }

  save(bounds: WindowBounds): Promise<void> {
    return this.queue.run(async () => {
      await mkdir(dirname(this.file), { recursive: true })
      await writeFileAtomic(this.file, `${JSON.stringify(bounds)}\n`)
    })
  }

  /** Saves `window`'s bounds whenever it is about to close. */
  track(window: BrowserWindow): void {
    window.on('close', () => {
      if (window.isDestroyed()) return
      // The normal bounds: where the window returns when un-maximized.
      const { x, y, width, height } = window.getNormalBounds()
      this.save({ x, y, width, height, maximized: window.isMaximized() }).catch(
        (error: unknown) => {
          console.warn(`Gatehouse: could not save the window position: ${(error as Error).message}`)
        },
      )
    })
  }
}
