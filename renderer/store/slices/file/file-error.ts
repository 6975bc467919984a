import { FILE_ERROR_TYPES } from '../../../../src/protocol/files'

/** A failed file request, as the window shows it. */
export interface FileErrorView {
  /** The error type (`PathError`, `FileExistsError`...), or `Error` for anything else. */
  type: string
  message: string
}

const KNOWN = new Set<string>(FILE_ERROR_TYPES)

/**
 * What went wrong with a file request. A bridge rejects with an Error whose
 * name is the reply's type; a lost connection is a plain Error.
 */
export function fileErrorOf(error: unknown): FileErrorView {
  if (error instanceof Error) {
    const type = KNOWN.has(error.name) ? error.name : 'Error'
    return { type, message: error.message || 'The request failed' }
  }
  return { type: 'Error', message: String(error) }
}

/** One line under the error type: what the user can do about it. */
export const FILE_ERROR_HINT: Record<string, string> = {
  ValidationError: 'The request was refused before anything was written.',
  PathError: 'Choose a .js or .ts name inside the workspace.',
  NotFoundError: 'The file is gone: it may have been moved or deleted.',
  FileExistsError: 'Choose another name, or replace the file.',
  TooLargeError: 'Gatehouse opens scripts of up to 1 MiB.',
  ForbiddenError: 'Open or save it through the dialog first.',
  NotSupportedError: 'This edition cannot do that.',
  FileSystemError: 'Nothing was changed on disk.',
}
