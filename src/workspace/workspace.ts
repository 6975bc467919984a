import type { Dirent, Stats } from 'node:fs'
import { lstat, mkdir, readdir, realpath, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { ScriptFileEntry } from '../protocol/files'
import { FILE_LIMITS, SIDECAR_SUFFIX, scriptLanguage } from '../protocol/files'
import { openConfinedFile } from './confined-open'
import { FileError, errorCode } from './file-error'
import type { ScriptLocation } from './script-files'
import { VerifiedFolder, isInside } from './verified-folder'

/** The folder inside a workspace where Gatehouse keeps its settings, recent files and draft. */
export const STATE_FOLDER = '.gatehouse'

/** Folders never listed: Gatehouse's own, version control, dependencies. */
const SKIPPED_FOLDERS = new Set([STATE_FOLDER, '.git', '.hg', '.svn', 'node_modules'])
/** How deep a listing descends below the workspace folder. */
const MAX_LIST_DEPTH = 8

/** A workspace-relative path as the API shows it: `/` separators on every platform. */
function toApiPath(rel: string): string {
  return rel.split(sep).join('/')
}

/**
 * The browser edition's folder of scripts. Every path a client gives is
 * confined to it: no `..` segment, no absolute path outside it, no symlink
 * (of the file or of a folder on the way) that leads out of it, only .js and
 * .ts files. `resolveScript` checks the path up front, for a clear error;
 * the guarantee itself is made where the file is used: reads open first and
 * verify what was opened (openConfinedFile), writes go through a verified
 * open folder (VerifiedFolder), so a symlink swapped in after the check
 * changes nothing.
 */
export class Workspace {
  private constructor(
    /** The folder's real path (symlinks resolved). */
    readonly root: string,
  ) {}

  /** Opens `folder` as a workspace; it must exist and be a folder. */
  static async open(folder: string): Promise<Workspace> {
    let root: string
    try {
      root = await realpath(resolve(folder))
      if (!(await stat(root)).isDirectory()) {
        throw new FileError('PathError', `The workspace ${folder} is not a folder`)
      }
    } catch (error) {
      if (error instanceof FileError) throw error
      if (errorCode(error) === 'ENOENT') {
        throw new FileError('NotFoundError', `The workspace folder ${folder} does not exist`)
      }
      throw new FileError(
        'FileSystemError',
        `Could not open the workspace ${folder}: ${(error as Error).message}`,
      )
    }
    return new Workspace(root)
  }

  /** Where Gatehouse's own files for this workspace go (created on first write). */
  get stateFolder(): string {
    return join(this.root, STATE_FOLDER)
  }

  /**
   * Resolves a client's path to a script in the workspace, or throws a
   * PathError that says what is wrong with it. The file need not exist (Save
   * As), but every folder on the way that does must be inside the workspace.
   */
  async resolveScript(path: string): Promise<ScriptLocation> {
    if (path.trim() === '') throw new FileError('PathError', 'The path is empty')
    if (path.includes('\0')) throw new FileError('PathError', 'The path contains a NUL character')
    if (path.split(/[\\/]/).includes('..')) {
      throw new FileError('PathError', `${path}: paths may not contain ".." segments`)
    }
    const absolute = isAbsolute(path) ? resolve(path) : resolve(this.root, path)
    if (!isInside(this.root, absolute) || absolute === this.root) {
      throw new FileError('PathError', `${path} is outside the workspace ${this.root}`)
    }
    const rel = relative(this.root, absolute)
    if (rel.split(sep)[0] === STATE_FOLDER) {
      throw new FileError(
        'PathError',
        `${path} is inside ${STATE_FOLDER}/, which Gatehouse keeps for itself`,
      )
    }
    if (!scriptLanguage(absolute) || absolute.toLowerCase().endsWith(SIDECAR_SUFFIX)) {
      throw new FileError('PathError', `${path} is not a script: use a .js or .ts file name`)
    }
    await this.assertNoEscape(absolute, path)
    return { absolute, path: toApiPath(rel) }
  }

  /**
   * Throws a PathError when `absolute`, or the nearest part of it that exists,
   * is really (after symlinks) outside the workspace.
   */
  async assertNoEscape(absolute: string, shownAs: string): Promise<void> {
    let existing = absolute
    for (;;) {
      try {
        const real = await realpath(existing)
        if (!isInside(this.root, real)) {
          throw new FileError(
            'PathError',
            `${shownAs} leads outside the workspace through a symbolic link (to ${real})`,
          )
        }
        return
      } catch (error) {
        if (error instanceof FileError) throw error
        const code = errorCode(error)
        if (code === 'ENOENT' || code === 'ENOTDIR') {
          // A dangling symlink is itself an escape risk: refuse it.
          try {
            if ((await lstat(existing)).isSymbolicLink()) {
              throw new FileError('PathError', `${shownAs} is a symbolic link that leads nowhere`)
            }
          } catch (inner) {
            if (inner instanceof FileError) throw inner
          }
          const parent = dirname(existing)
          if (parent === existing) return
          existing = parent
          continue
        }
        throw new FileError(
          'FileSystemError',
          `Could not check ${shownAs}: ${(error as Error).message}`,
        )
      }
    }
  }

  /**
   * Creates the folders a new script needs, one at a time, each inside the
   * folder before it as verified (see VerifiedFolder): a folder symlink
   * swapped in on the way is refused, never created through.
   */
  async ensureFolderFor(location: ScriptLocation): Promise<void> {
    const rel = relative(this.root, dirname(location.absolute))
    if (rel === '') return
    let current = await VerifiedFolder.open(this.root, this.root)
    try {
      for (const part of rel.split(sep)) {
        try {
          await mkdir(current.child(part))
        } catch (error) {
          if (errorCode(error) !== 'EEXIST') throw error
        }
        const next = await VerifiedFolder.open(current.child(part), this.root, location.path)
        await current.close()
        current = next
      }
    } finally {
      await current.close()
    }
  }

  /**
   * The workspace's scripts, sorted by path, without Gatehouse's folder,
   * dependencies, version control or anything a symlink leads out to.
   */
  async listScripts(): Promise<{ files: ScriptFileEntry[]; truncated: boolean }> {
    const files: ScriptFileEntry[] = []
    let truncated = false
    // Each folder is opened and verified before it is read, and its entries
    // are looked at through it: a folder swapped for a symlink out is skipped.
    const visit = async (path: string, rel: string, depth: number): Promise<void> => {
      let folder: VerifiedFolder
      let entries: Dirent[]
      try {
        folder = await VerifiedFolder.open(path, this.root)
      } catch {
        return // An unreadable folder, or one that leads out, is left out.
      }
      try {
        try {
          entries = await readdir(folder.location, { withFileTypes: true })
        } catch {
          return
        }
        entries.sort((a, b) => a.name.localeCompare(b.name))
        for (const entry of entries) {
          if (files.length >= FILE_LIMITS.maxListedFiles) {
            truncated = true
            return
          }
          const entryRel = rel === '' ? entry.name : `${rel}/${entry.name}`
          if (entry.isDirectory()) {
            if (depth < MAX_LIST_DEPTH && !SKIPPED_FOLDERS.has(entry.name))
              await visit(folder.child(entry.name), entryRel, depth + 1)
            continue
          }
          if (!scriptLanguage(entry.name) || entry.name.toLowerCase().endsWith(SIDECAR_SUFFIX))
            continue
          if (!entry.isFile() && !entry.isSymbolicLink()) continue
          // Symlinked files are listed only when they stay inside: checked on
          // the opened file, so a swap cannot show an outside file's size.
          const info = entry.isSymbolicLink()
            ? await this.statInside(folder.child(entry.name))
            : await lstat(folder.child(entry.name)).catch(() => null)
          if (!info?.isFile()) continue // Gone, dangling or not a file since readdir.
          files.push({
            path: entryRel,
            name: entry.name,
            sizeBytes: info.size,
            modifiedAt: info.mtimeMs,
          })
        }
      } finally {
        await folder.close()
      }
    }
    await visit(this.root, '', 0)
    files.sort((a, b) => a.path.localeCompare(b.path))
    return { files, truncated }
  }

  /** The file's details when it really is a file inside the workspace, else null. */
  private async statInside(path: string): Promise<Stats | null> {
    try {
      const file = await openConfinedFile(path, {
        root: this.root,
        followLinks: true,
        refuseHardLinks: false,
        shownAs: path,
      })
      await file.handle.close()
      return file.info
    } catch {
      return null
    }
  }
}
