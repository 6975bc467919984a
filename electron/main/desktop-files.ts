import { stat } from 'node:fs/promises'
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path'
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron'
import { app, dialog } from 'electron'
import type {
  OpenFileResult,
  RecentFile,
  SaveFileAsRequest,
  SaveFileRequest,
  SaveFileResult,
} from '../../src/protocol/files'
import { scriptLanguage } from '../../src/protocol/files'
import { DraftStore } from '../../src/workspace/draft-store'
import { FileError } from '../../src/workspace/file-error'
import type { FilesBackend } from '../../src/workspace/files-backend'
import { RecentFiles } from '../../src/workspace/recent-files'
import type { ScriptLocation } from '../../src/workspace/script-files'
import { readScript, writeScript } from '../../src/workspace/script-files'

/** The native dialogs, behind an interface so the specs can answer them. */
export interface FileDialogs {
  /** The chosen file, or null when the user cancelled. */
  showOpen(window: BrowserWindow | null, defaultPath?: string): Promise<string | null>
  showSave(window: BrowserWindow | null, defaultPath: string): Promise<string | null>
}

const SCRIPT_FILTERS = [
  { name: 'Scripts', extensions: ['js', 'ts'] },
  { name: 'JavaScript', extensions: ['js'] },
  { name: 'TypeScript', extensions: ['ts'] },
]

/** Electron's open and save dialogs, sheet-attached to the window. */
export const electronFileDialogs: FileDialogs = {
  async showOpen(window, defaultPath) {
    const options: OpenDialogOptions = {
      title: 'Open Script',
      properties: ['openFile'],
      filters: SCRIPT_FILTERS,
      ...(defaultPath ? { defaultPath } : {}),
    }
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  async showSave(window, defaultPath) {
    const options: SaveDialogOptions = {
      title: 'Save Script',
      defaultPath,
      filters: SCRIPT_FILTERS,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    }
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  },
}

export interface DesktopFilesOptions {
  /** The user data folder: recent-files.json and drafts/ go there. */
  userDataDir: string
  dialogs?: FileDialogs
  /** Where the first Open/Save dialog starts (the user's documents). */
  defaultFolder?: string
  /** Called after the recent files changed (the menu rebuilds Open Recent). */
  onRecentChanged?: () => void
}

/**
 * The desktop app's files: Open and Save As show native dialogs, and the
 * window may open or save by path only a file the user picked in one of them
 * (this session, or earlier: the recent files list). A compromised page
 * therefore cannot read or write anything else on disk through this API.
 */
export class DesktopFiles {
  readonly recentFiles: RecentFiles
  readonly drafts: DraftStore
  private readonly dialogs: FileDialogs
  private readonly granted = new Set<string>()
  private lastFolder: string | undefined

  constructor(private readonly options: DesktopFilesOptions) {
    this.recentFiles = new RecentFiles(join(options.userDataDir, 'recent-files.json'), isFile)
    this.drafts = new DraftStore(join(options.userDataDir, 'drafts'))
    this.dialogs = options.dialogs ?? electronFileDialogs
    this.lastFolder = options.defaultFolder
  }

  /** The file API as one window sees it: its dialogs are attached to that window. */
  forWindow(window: BrowserWindow | null): FilesBackend {
    return {
      list: async () => ({ root: null, files: [], truncated: false, nativeDialogs: true }),
      open: async ({ path }) => {
        if (path === undefined) {
          const chosen = await this.dialogs.showOpen(window, this.lastFolder)
          if (chosen === null) return { status: 'cancelled' } satisfies OpenFileResult
          return this.openAt(resolve(chosen))
        }
        return this.openAt(await this.permitted(path))
      },
      save: async (request: SaveFileRequest) => {
        const { path, ...document } = request
        return this.writeAt(await this.permitted(path), document)
      },
      saveAs: async (request: SaveFileAsRequest) => {
        const { path, overwrite: _overwrite, ...document } = request
        const chosen = await this.dialogs.showSave(window, this.suggestedPath(path))
        if (chosen === null) return { status: 'cancelled' } satisfies SaveFileResult
        return this.writeAt(withScriptExtension(resolve(chosen)), document)
      },
      recent: async () => ({ files: await this.recentFiles.list() }),
      saveDraft: (draft) => this.drafts.save(draft),
      loadDraft: async () => ({ drafts: await this.drafts.load() }),
      clearDraft: async (request) => ({ cleared: await this.drafts.clear(request.tabId) }),
    }
  }

  /** The recent files, for the Open Recent menu. */
  listRecent(): Promise<RecentFile[]> {
    return this.recentFiles.list()
  }

  /** `path` as an absolute path the user picked, or a ForbiddenError. */
  private async permitted(path: string): Promise<string> {
    if (!isAbsolute(path)) {
      throw new FileError(
        'PathError',
        `${path} is not an absolute path: use the path that opening or saving the file answered with`,
      )
    }
    const absolute = resolve(path)
    if (this.granted.has(absolute)) return absolute
    const recent = await this.recentFiles.entries()
    if (recent.some((entry) => entry.path === absolute)) return absolute
    throw new FileError(
      'ForbiddenError',
      `Gatehouse opens and saves only files you chose: pick ${basename(absolute)} with File > Open first`,
    )
  }

  private suggestedPath(path: string | undefined): string {
    const folder = this.lastFolder ?? app.getPath('documents')
    if (path === undefined) return join(folder, 'untitled.js')
    return isAbsolute(path) ? path : join(folder, basename(path))
  }

  private async openAt(absolute: string): Promise<OpenFileResult> {
    const location: ScriptLocation = { absolute, path: absolute }
    const file = await readScript(location, { root: null })
    await this.remember(absolute)
    return { status: 'opened', file }
  }

  private async writeAt(
    absolute: string,
    document: Omit<SaveFileRequest, 'path'>,
  ): Promise<SaveFileResult> {
    const { modifiedAt } = await writeScript({ absolute, path: absolute }, document, { root: null })
    await this.remember(absolute)
    const name = basename(absolute)
    return {
      status: 'saved',
      file: { path: absolute, name, language: scriptLanguage(name) ?? 'js', modifiedAt },
    }
  }

  /** Grants the path for later requests and records it as recent (a failure there is logged). */
  private async remember(absolute: string): Promise<void> {
    this.granted.add(absolute)
    this.lastFolder = dirname(absolute)
    try {
      await this.recentFiles.add(absolute)
      // The OS's own recent list (the Dock, the jump list); not on Linux.
      if (process.platform === 'darwin' || process.platform === 'win32') {
        app.addRecentDocument(absolute)
      }
      this.options.onRecentChanged?.()
    } catch (error) {
      console.warn(`Gatehouse: could not update the recent files: ${(error as Error).message}`)
    }
  }
}

/** A saved name without an extension gets `.js`; any other extension is refused. */
function withScriptExtension(path: string): string {
  if (scriptLanguage(path)) return path
  if (extname(path) === '') return `${path}.js`
  throw new FileError(
    'PathError',
    `${basename(path)} is not a script name: Gatehouse saves .js and .ts files`,
  )
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}
