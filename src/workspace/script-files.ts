import { readFile, rm, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ScriptDocument, ScriptFile } from '../protocol/files'
import {
  FILE_LIMITS,
  describeBytes,
  scriptLanguage,
  sidecarPathFor,
  utf8ByteLength,
} from '../protocol/files'
import { writeFileAtomic } from './atomic-write'
import { FileError, fileSystemError } from './file-error'
import { readJsonFile } from './json-state-file'
import { parseSidecar, serializeSidecar } from './sidecar'

/** A script file: where it is on disk, and how to name it to the user and the window. */
export interface ScriptLocation {
  /** The real path on disk. */
  absolute: string
  /** What the API calls it: absolute (desktop) or workspace-relative (browser edition). */
  path: string
}

export interface ScriptFileOptions {
  /**
   * Throws a FileError when the sidecar may not be read (the browser
   * edition: a sidecar that is a symlink out of the workspace).
   */
  checkSidecar?: (absolute: string) => Promise<void>
}

/**
 * Reads a script and its sidecar. The script must be a .js or .ts file of at
 * most FILE_LIMITS.maxScriptBytes; a missing sidecar means no input and no
 * limits; a bad sidecar is reported in `sidecarError` and the script opens.
 */
export async function readScript(
  location: ScriptLocation,
  options: ScriptFileOptions = {},
): Promise<ScriptFile> {
  const name = basename(location.absolute)
  const language = scriptLanguage(name)
  if (!language) {
    throw new FileError(
      'PathError',
      `${location.path} is not a script: Gatehouse opens .js and .ts files`,
    )
  }
  let content: string
  let modifiedAt: number
  try {
    const info = await stat(location.absolute)
    if (!info.isFile()) throw new FileError('FileSystemError', `${location.path} is not a file`)
    if (info.size > FILE_LIMITS.maxScriptBytes) {
      throw new FileError(
        'TooLargeError',
        `${location.path} is ${describeBytes(info.size)}; Gatehouse opens scripts of at most ${describeBytes(FILE_LIMITS.maxScriptBytes)}`,
      )
    }
    content = await readFile(location.absolute, 'utf8')
    modifiedAt = info.mtimeMs
  } catch (error) {
    throw fileSystemError(error, 'open', location.path)
  }

  const file: ScriptFile = { path: location.path, name, language, content, modifiedAt }
  const sidecarPath = sidecarPathFor(location.absolute)
  const sidecarName = basename(sidecarPath)
  try {
    await options.checkSidecar?.(sidecarPath)
  } catch (error) {
    file.sidecarError = `${sidecarName} was not read: ${(error as Error).message}`
    return file
  }
  const read = await readJsonFile(sidecarPath, FILE_LIMITS.maxSidecarBytes)
  switch (read.status) {
    case 'missing':
      break
    case 'corrupt':
    case 'unreadable':
      file.sidecarError = `${sidecarName}: ${read.reason}; the script's input and limits were not loaded`
      break
    case 'ok': {
      const sidecar = parseSidecar(read.value, sidecarName)
      if (sidecar.input !== undefined) file.input = sidecar.input
      if (sidecar.limits !== undefined) file.limits = sidecar.limits
      if (sidecar.error !== undefined) file.sidecarError = sidecar.error
    }
  }
  return file
}

/**
 * Writes a script, then its sidecar, each atomically (see writeFileAtomic).
 * A document without input and limits removes a stale sidecar. The two
 * writes are separate: if the second fails, the error says the script itself
 * was saved.
 *
 * @returns the script's modification time
 */
export async function writeScript(
  location: ScriptLocation,
  document: ScriptDocument,
): Promise<{ modifiedAt: number }> {
  if (!scriptLanguage(location.absolute)) {
    throw new FileError('PathError', `${location.path} is not a script: use a .js or .ts name`)
  }
  // One UTF-16 unit is at least one UTF-8 byte: a long string is refused without walking it.
  const tooLong = document.content.length > FILE_LIMITS.maxScriptBytes
  const bytes = tooLong ? document.content.length : utf8ByteLength(document.content)
  if (bytes > FILE_LIMITS.maxScriptBytes) {
    throw new FileError(
      'ValidationError',
      `content is ${tooLong ? 'at least ' : ''}${describeBytes(bytes)}; a script can be at most ${describeBytes(FILE_LIMITS.maxScriptBytes)}`,
    )
  }
  const sidecarText = serializeSidecar(document)
  try {
    await writeFileAtomic(location.absolute, document.content)
  } catch (error) {
    throw fileSystemError(error, 'save', location.path)
  }
  const sidecarPath = sidecarPathFor(location.absolute)
  try {
    if (sidecarText === null) await rm(sidecarPath, { force: true })
    else await writeFileAtomic(sidecarPath, sidecarText)
  } catch (error) {
    const reason = fileSystemError(error, 'write', basename(sidecarPath)).message
    throw new FileError(
      'FileSystemError',
      `${location.path} was saved, but its input and limits were not: ${reason}`,
    )
  }
  try {
    return { modifiedAt: (await stat(location.absolute)).mtimeMs }
  } catch {
    return { modifiedAt: Date.now() }
  }
}
