import type { FileErrorType } from '../protocol/files'

/**
 * A file operation that failed for a reason the user can act on. Crosses a
 * boundary as `{ type, message }` (see files-backend.ts), so `type` says what
 * kind of failure it is and `message` says which file and why.
 */
export class FileError extends Error {
  override readonly name = 'FileError'
  constructor(
    readonly type: FileErrorType,
    message: string,
  ) {
    super(message)
  }
}

/** The Node error code of `error` (ENOENT, EACCES...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown }
    return typeof code === 'string' ? code : undefined
  }
  return undefined
}

/**
 * Turns a file system error into a FileError that names the file: a missing
 * file is NotFoundError, everything else FileSystemError with the reason.
 */
export function fileSystemError(error: unknown, action: string, displayPath: string): FileError {
  if (error instanceof FileError) return error
  const code = errorCode(error)
  switch (code) {
    case 'ENOENT':
      return new FileError('NotFoundError', `Could not ${action} ${displayPath}: it does not exist`)
    case 'EACCES':
    case 'EPERM':
      return new FileError(
        'FileSystemError',
        `Could not ${action} ${displayPath}: permission denied`,
      )
    case 'EISDIR':
      return new FileError('FileSystemError', `Could not ${action} ${displayPath}: it is a folder`)
    case 'ENOSPC':
      return new FileError(
        'FileSystemError',
        `Could not ${action} ${displayPath}: the disk is full`,
      )
    case 'EROFS':
      return new FileError(
        'FileSystemError',
        `Could not ${action} ${displayPath}: the file system is read-only`,
      )
    default: {
      const reason = error instanceof Error ? error.message : String(error)
      return new FileError('FileSystemError', `Could not ${action} ${displayPath}: ${reason}`)
    }
  }
}
