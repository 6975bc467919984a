import type { ChannelResponse, Reply } from '../protocol/api'
import { METHOD_CHANNELS } from '../protocol/channel-names'
import type {
  ClearDraftRequest,
  DraftDocument,
  FileListing,
  OpenFileRequest,
  OpenFileResult,
  RecentFile,
  SaveFileAsRequest,
  SaveFileRequest,
  SaveFileResult,
  StoredDraft,
} from '../protocol/files'
import type { Core } from '../engine/core-api'
import { parseChannelRequest } from '../protocol/channel-request'
import { FileError, fileSystemError } from './file-error'

/** The channels a {@link FilesBackend} answers. */
export const FILE_CHANNELS = [
  METHOD_CHANNELS.listFiles,
  METHOD_CHANNELS.openFile,
  METHOD_CHANNELS.saveFile,
  METHOD_CHANNELS.saveFileAs,
  METHOD_CHANNELS.recentFiles,
  METHOD_CHANNELS.saveDraft,
  METHOD_CHANNELS.loadDraft,
  METHOD_CHANNELS.clearDraft,
] as const

export type FileChannel = (typeof FILE_CHANNELS)[number]

const FILE_CHANNEL_SET: ReadonlySet<string> = new Set(FILE_CHANNELS)

export function isFileChannel(channel: string): channel is FileChannel {
  return FILE_CHANNEL_SET.has(channel)
}

/**
 * The file operations behind the API, one implementation per edition: the
 * browser edition's workspace folder (WorkspaceFiles) and the desktop app's
 * dialogs (electron/main/desktop-files.ts), both on the same read/write
 * service (script-files.ts). Requests arrive validated; failures throw a
 * FileError.
 */
export interface FilesBackend {
  list(): Promise<FileListing>
  open(request: OpenFileRequest): Promise<OpenFileResult>
  save(request: SaveFileRequest): Promise<SaveFileResult>
  saveAs(request: SaveFileAsRequest): Promise<SaveFileResult>
  recent(): Promise<{ files: RecentFile[] }>
  saveDraft(draft: DraftDocument): Promise<{ savedAt: number }>
  loadDraft(): Promise<{ drafts: StoredDraft[] }>
  clearDraft(request: ClearDraftRequest): Promise<{ cleared: boolean }>
}

/** A failure as data: a FileError keeps its type; anything else becomes a FileSystemError. */
export function fileErrorReply(error: unknown, action: string): Reply<never> {
  const failure = error instanceof FileError ? error : fileSystemError(error, action, 'the file')
  return { ok: false, error: { type: failure.type, message: failure.message } }
}

/**
 * Answers one file channel: validates the payload (a bad one changes
 * nothing), calls the backend, and returns its answer or its error as a Reply.
 */
export async function handleFileRequest<C extends FileChannel>(
  backend: FilesBackend,
  channel: C,
  payload: unknown,
): Promise<Reply<ChannelResponse<C>>> {
  const parsed = parseChannelRequest(channel, payload)
  if (!parsed.ok) return parsed.reply
  const request = parsed.request as never
  try {
    const value = await dispatch(backend, channel, request)
    return { ok: true, value: value as ChannelResponse<C> }
  } catch (error) {
    return fileErrorReply(error, describeAction(channel))
  }
}

function dispatch(backend: FilesBackend, channel: FileChannel, request: never): Promise<unknown> {
  switch (channel) {
    case METHOD_CHANNELS.listFiles:
      return backend.list()
    case METHOD_CHANNELS.openFile:
      return backend.open(request)
    case METHOD_CHANNELS.saveFile:
      return backend.save(request)
    case METHOD_CHANNELS.saveFileAs:
      return backend.saveAs(request)
    case METHOD_CHANNELS.recentFiles:
      return backend.recent()
    case METHOD_CHANNELS.saveDraft:
      return backend.saveDraft(request)
    case METHOD_CHANNELS.loadDraft:
      return backend.loadDraft()
    case METHOD_CHANNELS.clearDraft:
      return backend.clearDraft(request)
  }
}

function describeAction(channel: FileChannel): string {
  switch (channel) {
    case METHOD_CHANNELS.listFiles:
      return 'list'
    case METHOD_CHANNELS.openFile:
    case METHOD_CHANNELS.recentFiles:
    case METHOD_CHANNELS.loadDraft:
      return 'read'
    default:
      return 'write'
  }
}

/**
 * The core with the file channels answered by `backend` and every other
 * channel passed through: how the browser edition's server gets files.
 */
export function withFiles(core: Core, backend: FilesBackend): Core {
  return {
    ...core,
    handle(channel, payload) {
      if (isFileChannel(channel)) return handleFileRequest(backend, channel, payload) as never
      return core.handle(channel, payload)
    },
  }
}
