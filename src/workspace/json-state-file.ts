import { readFile, stat } from 'node:fs/promises'
import { errorCode } from './file-error'

/** What was found at a state file's path. */
export type JsonFileRead =
  | { status: 'missing' }
  | { status: 'ok'; value: unknown }
  | { status: 'corrupt'; reason: string }
  | { status: 'unreadable'; reason: string }

/**
 * Reads a small JSON file that Gatehouse keeps for itself (settings, recent
 * files, draft). Never throws: a missing, oversized, unreadable or non-JSON
 * file is reported as such, so a bad file can never stop the app starting.
 */
export async function readJsonFile(path: string, maxBytes: number): Promise<JsonFileRead> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return { status: 'unreadable', reason: 'it is not a regular file' }
    if (info.size > maxBytes) {
      return {
        status: 'corrupt',
        reason: `it is ${info.size} bytes, more than the ${maxBytes} such a file can be`,
      }
    }
    const text = await readFile(path, 'utf8')
    try {
      return { status: 'ok', value: JSON.parse(text) as unknown }
    } catch (error) {
      return { status: 'corrupt', reason: `it is not valid JSON (${(error as Error).message})` }
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { status: 'missing' }
    return { status: 'unreadable', reason: (error as Error).message }
  }
}
