import { lstat } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { ScriptDocument, ScriptFile } from '../protocol/files'
import {
  FILE_LIMITS,
  describeBytes,
  scriptLanguage,
  sidecarPathFor,
  utf8ByteLength,
} from '../protocol/files'
import { removeInFolder, writeInFolder } from './atomic-write'
import { openConfinedFile } from './confined-open'
import { FileError, fileSystemError } from './file-error'
import { readJsonFile } from './json-state-file'
import { parseSidecar, serializeSidecar } from './sidecar'
import { VerifiedFolder } from './verified-folder'

/** A script file: where it is on disk, and how to name it to the user and the window. */
export interface ScriptLocation {
  /** The real path on disk. */
  absolute: string
  /** What the API calls it: absolute (desktop) or workspace-relative (browser edition). */
  path: string
}

export interface ScriptFileOptions {
  /**
   * The workspace's real path: the script, its sidecar and every write must
   * really be inside it, and a hard-linked file is refused (browser edition).
   * Null for a file the user picked in a dialog (desktop): the script may be
   * anywhere, and its sidecar must be a plain file (no symlink, one link)
   * in the script's own folder.
   */
  root: string | null
}

/**
 * Reads a script and its sidecar, each opened first and then checked (see
 * openConfinedFile), so that a symlink swapped in cannot make it read a file
 * it was not allowed. The script must be a .js or .ts file of at most
 * FILE_LIMITS.maxScriptBytes; a missing sidecar means no input and no
 * limits; a bad sidecar is reported in `sidecarError` and the script opens.
 */
export async function readScript(
  location: ScriptLocation,
  options: ScriptFileOptions,
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
  let scriptFolder: string
  try {
    const opened = await openConfinedFile(location.absolute, {
      root: options.root,
      followLinks: true,
      refuseHardLinks: options.root !== null,
      shownAs: location.path,
    })
    try {
      if (opened.info.size > FILE_LIMITS.maxScriptBytes) {
        throw new FileError(
          'TooLargeError',
          `${location.path} is ${describeBytes(opened.info.size)}; Gatehouse opens scripts of at most ${describeBytes(FILE_LIMITS.maxScriptBytes)}`,
        )
      }
      content = await opened.handle.readFile('utf8')
      modifiedAt = opened.info.mtimeMs
      scriptFolder = opened.folder
    } finally {
      await opened.handle.close()
    }
  } catch (error) {
    throw fileSystemError(error, 'open', location.path)
  }

  const file: ScriptFile = { path: location.path, name, language, content, modifiedAt }
  const sidecarPath = sidecarPathFor(location.absolute)
  const sidecarName = basename(sidecarPath)
  const read = await readJsonFile(
    sidecarPath,
    FILE_LIMITS.maxSidecarBytes,
    options.root !== null
      ? { root: options.root, followLinks: true, refuseHardLinks: true, shownAs: sidecarName }
      : { root: scriptFolder, followLinks: false, refuseHardLinks: true, shownAs: sidecarName },
  )
  switch (read.status) {
    case 'missing':
      break
    case 'unreadable':
      file.sidecarError = `${sidecarName} was not read: ${read.reason}; the script's input and limits were not loaded`
      break
    case 'corrupt':
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
 * Writes a script, then its sidecar, each atomically and both through one
 * verified folder (see writeInFolder): nothing is written outside `root`,
 * and the sidecar always lands beside the script. A document without input
 * and limits removes a stale sidecar. The two writes are separate: if the
 * second fails, the error says the script itself was saved.
 *
 * @returns the script's modification time
 */
export async function writeScript(
  location: ScriptLocation,
  document: ScriptDocument,
  options: ScriptFileOptions,
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
  const name = basename(location.absolute)
  const sidecarName = basename(sidecarPathFor(location.absolute))
  let folder: VerifiedFolder
  try {
    folder = await VerifiedFolder.open(dirname(location.absolute), options.root, location.path)
  } catch (error) {
    throw fileSystemError(error, 'save', location.path)
  }
  try {
    try {
      await writeInFolder(folder, name, document.content)
    } catch (error) {
      throw fileSystemError(error, 'save', location.path)
    }
    try {
      if (sidecarText === null) await removeInFolder(folder, sidecarName)
      else await writeInFolder(folder, sidecarName, sidecarText)
    } catch (error) {
      const reason = fileSystemError(error, 'write', sidecarName).message
      throw new FileError(
        'FileSystemError',
        `${location.path} was saved, but its input and limits were not: ${reason}`,
      )
    }
    try {
      return { modifiedAt: (await lstat(folder.child(name))).mtimeMs }
    } catch {
      return { modifiedAt: Date.now() }
    }
  } finally {
    await folder.close()
  }
}
