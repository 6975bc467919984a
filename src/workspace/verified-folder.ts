import { constants, existsSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { open, readlink, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { FileError } from './file-error'

/**
 * Linux names every open file in /proc/self/fd. A path through
 * `/proc/self/fd/N/name` resolves from the folder that descriptor holds, not
 * from whatever its old path names now: Node's stand-in for openat(2),
 * renameat(2) and mkdirat(2).
 */
const PROC_FD = process.platform === 'linux' && existsSync('/proc/self/fd') ? '/proc/self/fd' : null

/** O_NOFOLLOW and O_DIRECTORY are 0 where the platform lacks them (Windows). */
export const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0
const O_DIRECTORY = constants.O_DIRECTORY ?? 0

/** True when `child` is `parent` or inside it (both absolute and normalised). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/**
 * Where an open descriptor really is: on Linux the kernel's own answer, which
 * no later rename or symlink swap changes; elsewhere null (the caller falls
 * back to comparing device and inode with a stat of the resolved path).
 */
export async function openedPath(handle: FileHandle): Promise<string | null> {
  if (!PROC_FD) return null
  const target = await readlink(`${PROC_FD}/${handle.fd}`)
  // A file or folder removed since it was opened has no place on disk any more.
  if (target.endsWith(' (deleted)') || !isAbsolute(target)) {
    throw new FileError('NotFoundError', 'It was removed while Gatehouse was using it')
  }
  return target
}

/**
 * An open folder whose real location was checked after it was opened, so
 * that a folder symlink swapped in afterwards cannot redirect what is read or
 * written through it. Children are reached through the open descriptor on
 * Linux; elsewhere through the verified real path, with the folder's device
 * and inode checked again before anything is committed (see `verify`).
 *
 * Close it when done (`close`), on every path.
 */
export class VerifiedFolder {
  private constructor(
    /** Null on Windows, which cannot open a folder as a file. */
    private readonly handle: FileHandle | null,
    /** The folder's real path when it was opened (no symlinks). */
    readonly real: string,
    private readonly root: string | null,
    private readonly dev: number,
    private readonly ino: number,
  ) {}

  /**
   * Opens the folder at `path` (symlinks on the way are followed), then
   * checks where it really is: inside `root` when one is given, else a
   * PathError. A missing folder is a NotFoundError-coded Node error (ENOENT).
   */
  static async open(
    path: string,
    root: string | null,
    shownAs: string = path,
  ): Promise<VerifiedFolder> {
    if (process.platform === 'win32') {
      const real = await realpath(path)
      const info = await stat(real)
      if (!info.isDirectory()) throw new FileError('PathError', `${shownAs} is not a folder`)
      const folder = new VerifiedFolder(null, real, root, info.dev, info.ino)
      folder.assertInside(real, shownAs)
      return folder
    }
    const handle = await open(path, constants.O_RDONLY | O_DIRECTORY)
    try {
      const info = await handle.stat()
      if (!info.isDirectory()) {
        throw new FileError('PathError', `${shownAs} is not a folder`)
      }
      const real = (await openedPath(handle)) ?? (await realpath(path))
      const folder = new VerifiedFolder(handle, real, root, info.dev, info.ino)
      folder.assertInside(real, shownAs)
      // Without /proc, the path resolved above must still be the folder we hold.
      if (!PROC_FD) await folder.verify()
      return folder
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  /** A path that names this folder itself (to list it). */
  get location(): string {
    return PROC_FD && this.handle ? `${PROC_FD}/${this.handle.fd}` : this.real
  }

  /** The path to use for the child `name` (a plain name, no separators). */
  child(name: string): string {
    if (name === '' || name === '.' || name === '..' || /[\\/]/.test(name)) {
      throw new FileError('PathError', `${name} is not a plain file name`)
    }
    return PROC_FD && this.handle ? `${PROC_FD}/${this.handle.fd}/${name}` : join(this.real, name)
  }

  /** Throws a PathError when `real` is outside the root. */
  assertInside(real: string, shownAs: string): void {
    if (this.root !== null && !isInside(this.root, real)) {
      throw new FileError(
        'PathError',
        `${shownAs} leads outside ${this.root} through a symbolic link (it is really ${real})`,
      )
    }
  }

  /**
   * Checks, right before a rename or a removal, that the folder is still
   * where it was verified: still inside the root (Linux), or its real path
   * still names this very folder (elsewhere).
   */
  async verify(): Promise<void> {
    const now = this.handle ? await openedPath(this.handle) : null
    if (now !== null) {
      this.assertInside(now, this.real)
      return
    }
    const info = await stat(this.real)
    if (info.dev !== this.dev || info.ino !== this.ino) {
      throw new FileError('PathError', `${this.real} was replaced while Gatehouse was using it`)
    }
  }

  /** Flushes the folder's entries (a rename in it) to disk; best effort. */
  async sync(): Promise<void> {
    try {
      await this.handle?.sync()
    } catch {
      // Some file systems refuse to sync a folder.
    }
  }

  async close(): Promise<void> {
    await this.handle?.close()
  }
}

/** Runs `task` with the verified folder at `path`, closing it on every path. */
export async function withVerifiedFolder<T>(
  path: string,
  root: string | null,
  task: (folder: VerifiedFolder) => Promise<T>,
  shownAs?: string,
): Promise<T> {
  const folder = await VerifiedFolder.open(path, root, shownAs)
  try {
    return await task(folder)
  } finally {
    await folder.close()
  }
}
