import { join } from 'node:path'
import { lstat } from 'node:fs/promises'
import type {
  ClearDraftRequest,
  DraftDocument,
  FileListing,
  OpenFileRequest,
  OpenFileResult,
  RecentFile,
  SaveFileAsRequest,
  SaveFileRequest,
  SaveFileResult,
  StoredDraft,
} from '../protocol/files'
import { scriptLanguage } from '../protocol/files'
import { openConfinedFile } from './confined-open'
import { DraftStore } from './draft-store'
import { FileError, errorCode } from './file-error'
import type { FilesBackend } from './files-backend'
import { RecentFiles } from './recent-files'
import type { ScriptLocation } from './script-files'
import { readScript, writeScript } from './script-files'
import type { Workspace } from './workspace'

/**
 * The browser edition's files: every path is relative to (and confined to)
 * the workspace folder given at start, and the window shows its own picker
 * from `list()`. Recent files and the draft live in the workspace's
 * `.gatehouse/` folder.
 */
export class WorkspaceFiles implements FilesBackend {
  readonly recentFiles: RecentFiles
  readonly drafts: DraftStore

  constructor(readonly workspace: Workspace) {
    this.recentFiles = new RecentFiles(
      join(workspace.stateFolder, 'recent-files.json'),
      (path) => this.isScript(path),
      undefined,
      workspace.root,
    )
    this.drafts = new DraftStore(join(workspace.stateFolder, 'drafts'), undefined, workspace.root)
  }

  async list(): Promise<FileListing> {
    const { files, truncated } = await this.workspace.listScripts()
    return { root: this.workspace.root, files, truncated, nativeDialogs: false }
  }

  async open(request: OpenFileRequest): Promise<OpenFileResult> {
    if (request.path === undefined) {
      throw new FileError(
        'NotSupportedError',
        'The browser edition has no Open dialog: give the path of a file from listFiles',
      )
    }
    const location = await this.workspace.resolveScript(request.path)
    const file = await readScript(location, { root: this.workspace.root })
    await this.remember(location)
    return { status: 'opened', file }
  }

  async save(request: SaveFileRequest): Promise<SaveFileResult> {
    const { path, ...document } = request
    const location = await this.workspace.resolveScript(path)
    return this.write(location, document)
  }

  async saveAs(request: SaveFileAsRequest): Promise<SaveFileResult> {
    const { path, overwrite, ...document } = request
    if (path === undefined) {
      throw new FileError(
        'NotSupportedError',
        'The browser edition has no Save dialog: give the new path, relative to the workspace',
      )
    }
    const location = await this.workspace.resolveScript(path)
    // Only chooses the error: the write itself is confined (see writeScript).
    if (!overwrite && (await exists(location.absolute))) {
      throw new FileError(
        'FileExistsError',
        `${location.path} already exists: save again with overwrite: true to replace it`,
      )
    }
    return this.write(location, document)
  }

  async recent(): Promise<{ files: RecentFile[] }> {
    return { files: await this.recentFiles.list() }
  }

  saveDraft(draft: DraftDocument): Promise<{ savedAt: number }> {
    return this.drafts.save(draft)
  }

  async loadDraft(): Promise<{ drafts: StoredDraft[] }> {
    return { drafts: await this.drafts.load() }
  }

  async clearDraft(request: ClearDraftRequest = {}): Promise<{ cleared: boolean }> {
    return { cleared: await this.drafts.clear(request.tabId) }
  }

  private async write(
    location: ScriptLocation,
    document: Omit<SaveFileRequest, 'path'>,
  ): Promise<SaveFileResult> {
    try {
      await this.workspace.ensureFolderFor(location)
    } catch (error) {
      if (error instanceof FileError) throw error
      throw new FileError(
        'FileSystemError',
        `Could not create the folder for ${location.path}: ${(error as Error).message}`,
      )
    }
    const { modifiedAt } = await writeScript(location, document, { root: this.workspace.root })
    await this.remember(location)
    const name = location.absolute.split(/[\\/]/).pop() ?? location.path
    return {
      status: 'saved',
      file: { path: location.path, name, language: scriptLanguage(name) ?? 'js', modifiedAt },
    }
  }

  /** Records a recent file; a failure here must not fail the open or save. */
  private async remember(location: ScriptLocation): Promise<void> {
    try {
      await this.recentFiles.add(location.path)
    } catch (error) {
      console.warn(`Gatehouse: could not update the recent files: ${(error as Error).message}`)
    }
  }

  private async isScript(path: string): Promise<boolean> {
    try {
      const location = await this.workspace.resolveScript(path)
      const opened = await openConfinedFile(location.absolute, {
        root: this.workspace.root,
        followLinks: true,
        refuseHardLinks: true,
        shownAs: location.path,
      })
      await opened.handle.close()
      return true
    } catch {
      return false
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false
    throw error
  }
}
