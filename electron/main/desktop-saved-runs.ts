import { basename, extname, join, resolve } from 'node:path'
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron'
import { app, dialog } from 'electron'
import type { OpenSavedRunResult, SaveRunResult } from '../../src/protocol/saved-runs'
import type { SavedRunsBackend } from '../../src/workspace/saved-runs'
import { defaultSavedRunName, readSavedRun, writeSavedRun } from '../../src/workspace/saved-runs'

/** The native dialogs for saved runs, behind an interface so the specs can answer them. */
export interface SavedRunDialogs {
  /** The chosen file, or null when the user cancelled. */
  showOpen(window: BrowserWindow | null, defaultPath?: string): Promise<string | null>
  showSave(window: BrowserWindow | null, defaultPath: string): Promise<string | null>
}

const REPORT_FILTERS = [{ name: 'Gatehouse stress reports', extensions: ['json'] }]

/** Electron's open and save dialogs for stress reports, attached to the window. */
export const electronSavedRunDialogs: SavedRunDialogs = {
  async showOpen(window, defaultPath) {
    const options: OpenDialogOptions = {
      title: 'Open Saved Run',
      properties: ['openFile'],
      filters: REPORT_FILTERS,
      ...(defaultPath ? { defaultPath } : {}),
    }
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  async showSave(window, defaultPath) {
    const options: SaveDialogOptions = {
      title: 'Save Run',
      defaultPath,
      filters: REPORT_FILTERS,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    }
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  },
}

/**
 * The desktop app's saved runs: Save shows the Save dialog, Open the Open
 * dialog; the window never names a path itself, so it can read or write
 * only a file the user picked there.
 */
export class DesktopSavedRuns {
  private lastFolder: string | undefined

  constructor(
    private readonly dialogs: SavedRunDialogs = electronSavedRunDialogs,
    defaultFolder?: string,
  ) {
    this.lastFolder = defaultFolder
  }

  forWindow(window: BrowserWindow | null): SavedRunsBackend {
    return {
      list: async () => ({ nativeDialogs: true, folder: null, runs: [] }),
      save: async (request, report): Promise<SaveRunResult> => {
        const suggested = join(this.folder(), request.name ?? defaultSavedRunName(report))
        const chosen = await this.dialogs.showSave(window, suggested)
        if (chosen === null) return { status: 'cancelled' }
        const absolute = extname(chosen) === '' ? `${resolve(chosen)}.json` : resolve(chosen)
        await writeSavedRun(absolute, report)
        this.lastFolder = resolve(absolute, '..')
        return { status: 'saved', name: basename(absolute), path: absolute }
      },
      open: async (): Promise<OpenSavedRunResult> => {
        const chosen = await this.dialogs.showOpen(window, this.lastFolder)
        if (chosen === null) return { status: 'cancelled' }
        const absolute = resolve(chosen)
        const text = await readSavedRun(absolute, basename(absolute))
        this.lastFolder = resolve(absolute, '..')
        return { status: 'opened', name: basename(absolute), path: absolute, text }
      },
    }
  }

  private folder(): string {
    return this.lastFolder ?? app.getPath('documents')
  }
}
