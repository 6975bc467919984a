import { randomBytes } from 'node:crypto'
import { open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { errorCode } from './file-error'

/** Windows refuses a rename while another process (an antivirus, an indexer) has the file open. */
const RENAME_RETRY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY'])
const RENAME_ATTEMPTS = process.platform === 'win32' ? 5 : 1
const RENAME_RETRY_DELAY_MS = 50

/**
 * Replaces `path` with `data` so that a reader (or a crash) sees the old file
 * or the new one, never a part: the data goes to a temporary file in the same
 * folder, is flushed to disk, then renamed over `path`. An existing file's
 * permission bits are kept. On failure the temporary file is removed and
 * `path` is left as it was.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path)
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  let mode = 0o644
  try {
    mode = (await stat(path)).mode & 0o777
  } catch {
    // A new file gets the default mode.
  }
  const handle = await open(temporary, 'wx', mode)
  try {
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await renameWithRetry(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await syncFolder(folder)
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

/** Flushes the folder entry so the rename itself survives a power cut (POSIX only). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Best effort: some file systems refuse to sync a folder.
  }
}
