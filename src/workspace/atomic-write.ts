import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, open, rename, rm } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { errorCode } from './file-error'
import type { VerifiedFolder } from './verified-folder'
import { O_NOFOLLOW, withVerifiedFolder } from './verified-folder'

/** Windows refuses a rename while another process (an antivirus, an indexer) has the file open. */
const RENAME_RETRY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY'])
const RENAME_ATTEMPTS = process.platform === 'win32' ? 5 : 1
const RENAME_RETRY_DELAY_MS = 50
/** A new file, never through a symlink, never over anything already there. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW

export interface AtomicWriteOptions {
  /** The real path of the folder the file must stay in (the workspace); null: anywhere. */
  root?: string | null
}

/**
 * Replaces `path` with `data` so that a reader (or a crash) sees the old file
 * or the new one, never a part, and so that nothing lands outside `root`:
 * the folder is opened and verified first, and everything happens inside
 * that verified folder (see writeInFolder).
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  return withVerifiedFolder(dirname(path), options.root ?? null, (folder) =>
    writeInFolder(folder, basename(path), data),
  )
}

/**
 * Replaces the file `name` in a verified folder: the data goes to a new
 * temporary file in that folder (created exclusively, never through a
 * symlink), is flushed to disk, the folder is verified again, then the
 * temporary file is renamed over `name`. An existing file's permission bits
 * are kept. On failure the temporary file is removed and `name` is left as
 * it was.
 */
export async function writeInFolder(
  folder: VerifiedFolder,
  name: string,
  data: string | Uint8Array,
): Promise<void> {
  const target = folder.child(name)
  const temporary = folder.child(`.${name}.${randomBytes(6).toString('hex')}.tmp`)
  let mode = 0o644
  try {
    const existing = await lstat(target)
    if (existing.isFile()) mode = existing.mode & 0o777
  } catch {
    // A new file gets the default mode.
  }
  const handle = await open(temporary, CREATE_NEW, mode)
  try {
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await folder.verify()
    await renameWithRetry(temporary, target)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await folder.sync()
}

/** Removes the file `name` from a verified folder (a symlink itself, never its target); true when there was one. */
export async function removeInFolder(folder: VerifiedFolder, name: string): Promise<boolean> {
  await folder.verify()
  try {
    await rm(folder.child(name))
    return true
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false
    throw error
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (error) {
      if (attempt >= RENAME_ATTEMPTS || !RENAME_RETRY_CODES.has(errorCode(error) ?? '')) throw error
      await new Promise((resolve) => setTimeout(resolve, RENAME_RETRY_DELAY_MS * attempt))
    }
  }
}
