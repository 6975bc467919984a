import { errorCode } from './file-error'
import type { ConfinementOptions } from './confined-open'
import { openConfinedFile } from './confined-open'

/** What was found at a state file's path. */
export type JsonFileRead =
  | { status: 'missing' }
  | { status: 'ok'; value: unknown }
  | { status: 'corrupt'; reason: string }
  | { status: 'unreadable'; reason: string }

/**
 * Reads a small JSON file (settings, recent files, draft, a sidecar). Never
 * throws: a missing, oversized, unreadable or non-JSON file is reported as
 * such, so a bad file can never stop the app starting. The file is opened
 * and checked as `confinement` says (see openConfinedFile); by default
 * anywhere, symlinks followed.
 */
export async function readJsonFile(
  path: string,
  maxBytes: number,
  confinement: Partial<ConfinementOptions> = {},
): Promise<JsonFileRead> {
  try {
    const file = await openConfinedFile(path, {
      root: confinement.root ?? null,
      followLinks: confinement.followLinks ?? true,
      refuseHardLinks: confinement.refuseHardLinks ?? false,
      shownAs: confinement.shownAs ?? path,
    })
    try {
      if (file.info.size > maxBytes) {
        return {
          status: 'corrupt',
          reason: `it is ${file.info.size} bytes, more than the ${maxBytes} such a file can be`,
        }
      }
      const text = await file.handle.readFile('utf8')
      try {
        return { status: 'ok', value: JSON.parse(text) as unknown }
      } catch (error) {
        return { status: 'corrupt', reason: `it is not valid JSON (${(error as Error).message})` }
      }
    } finally {
      await file.handle.close()
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { status: 'missing' }
    return { status: 'unreadable', reason: (error as Error).message }
  }
}
