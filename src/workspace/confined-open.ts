import type { Stats } from 'node:fs'
import { constants } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { lstat, open, readlink } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { FileError, errorCode } from './file-error'
import type { VerifiedFolder } from './verified-folder'
import { O_NOFOLLOW, openedPath, withVerifiedFolder } from './verified-folder'

/** Links followed one after another before a file is refused as a loop. */
const MAX_LINK_HOPS = 8
/** A FIFO swapped in must not hang the open; a regular file ignores the flag. */
const O_NONBLOCK = constants.O_NONBLOCK ?? 0

export interface ConfinementOptions {
  /**
   * The real path of the folder the file must really be in (the workspace);
   * null for a file the user picked in a dialog, which may be anywhere.
   */
  root: string | null
  /** Whether a symlink as the file itself is followed (to a target confined again). */
  followLinks: boolean
  /**
   * Whether a file with more than one hard link is refused: the other name
   * may be outside the workspace, and nothing on disk says which is which.
   */
  refuseHardLinks: boolean
  /** How the file is named in errors. */
  shownAs: string
}

export interface ConfinedFile {
  handle: FileHandle
  info: Stats
  /** Where the opened file really is. */
  real: string
  /** The real path of the folder it is in. */
  folder: string
}

/**
 * Opens a regular file for reading so that what is read is provably the file
 * inside the confinement at the moment of use: open first (the last step
 * never through a symlink), then check the opened file itself: that it is a
 * regular file, where it really is, and how many names it has. A symlink
 * swapped in before or after the check changes nothing about what was
 * opened. The caller closes `handle`.
 */
export async function openConfinedFile(
  path: string,
  options: ConfinementOptions,
  hops = 0,
): Promise<ConfinedFile> {
  const name = basename(path)
  const next = await withVerifiedFolder(dirname(path), options.root, async (folder) => {
    let handle: FileHandle
    try {
      handle = await open(folder.child(name), constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
    } catch (error) {
      if (!isSymlinkRefusal(error)) throw error
      if (!options.followLinks) {
        throw new FileError(
          'PathError',
          `${options.shownAs} is a symbolic link: Gatehouse reads it only as a plain file`,
        )
      }
      if (hops >= MAX_LINK_HOPS) {
        throw new FileError('PathError', `${options.shownAs}: too many symbolic links in a row`)
      }
      // Follow one link by hand; its target is opened and checked like the file was.
      return resolve(folder.real, await readlink(folder.child(name)))
    }
    try {
      return await checkOpened(handle, folder, name, options)
    } catch (error) {
      await handle.close()
      throw error
    }
  })
  if (typeof next === 'string') return openConfinedFile(next, options, hops + 1)
  return next
}

/** O_NOFOLLOW met a symlink: ELOOP on Linux and macOS, EMLINK on FreeBSD. */
function isSymlinkRefusal(error: unknown): boolean {
  const code = errorCode(error)
  return code === 'ELOOP' || code === 'EMLINK'
}

async function checkOpened(
  handle: FileHandle,
  folder: VerifiedFolder,
  name: string,
  options: ConfinementOptions,
): Promise<ConfinedFile> {
  const info = await handle.stat()
  if (!info.isFile()) throw new FileError('FileSystemError', `${options.shownAs} is not a file`)
  let real = await openedPath(handle)
  if (real === null) {
    // No /proc: the name must still be this very file, in the folder still verified.
    real = resolve(folder.real, name)
    const now = await lstat(real)
    if (now.dev !== info.dev || now.ino !== info.ino) {
      throw new FileError('PathError', `${options.shownAs} was replaced while it was being opened`)
    }
    await folder.verify()
  }
  folder.assertInside(real, options.shownAs)
  if (options.refuseHardLinks && info.nlink > 1) {
    throw new FileError(
      'PathError',
      `${options.shownAs} has ${info.nlink} hard links: Gatehouse does not read a file that also has another name on disk, which may be outside the folder it was allowed`,
    )
  }
  return { handle, info, real, folder: folder.real }
}
