import { constants } from 'node:fs'
import { mkdir, open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Core } from '../engine/core-api'
import { stressReportJson } from '../engine/stress/report-file'
import type { ChannelResponse, Reply } from '../protocol/api'
import type { Channel } from '../protocol/channel-names'
import { METHOD_CHANNELS } from '../protocol/channel-names'
import type {
  OpenSavedRunRequest,
  OpenSavedRunResult,
  SaveRunRequest,
  SaveRunResult,
  SavedRunEntry,
  SavedRunListing,
} from '../protocol/saved-runs'
import { MAX_SAVED_RUN_BYTES } from '../protocol/saved-runs'
import type { StressReportFull } from '../protocol/stress'
import { writeFileAtomic } from './atomic-write'
import { FileError, errorCode, fileSystemError } from './file-error'
import { parseChannelRequest } from '../protocol/channel-request'
import { fileErrorReply } from './files-backend'
import type { Workspace } from './workspace'

/** The folder of saved runs inside the workspace's `.gatehouse/`. */
export const SAVED_RUNS_FOLDER = 'runs'

/** The channels a {@link SavedRunsBackend} answers. */
export const SAVED_RUN_CHANNELS = [
  METHOD_CHANNELS.listSavedRuns,
  METHOD_CHANNELS.saveRun,
  METHOD_CHANNELS.openSavedRun,
] as const

export type SavedRunChannel = (typeof SAVED_RUN_CHANNELS)[number]

export function isSavedRunChannel(channel: string): channel is SavedRunChannel {
  return (SAVED_RUN_CHANNELS as readonly string[]).includes(channel)
}

/**
 * Where saved runs go, one implementation per edition: the browser
 * edition's `.gatehouse/runs/` ({@link WorkspaceSavedRuns}) and the desktop
 * app's dialogs (electron/main/desktop-saved-runs.ts). Failures throw a FileError.
 */
export interface SavedRunsBackend {
  list(): Promise<SavedRunListing>
  save(request: SaveRunRequest, report: StressReportFull): Promise<SaveRunResult>
  open(request: OpenSavedRunRequest): Promise<OpenSavedRunResult>
}

/** `gatehouse-stress3-20261202-071503.json`: the stress and when it started (UTC). */
export function defaultSavedRunName(report: StressReportFull): string {
  const stamp = new Date(report.startedAt)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .slice(0, 15)
  return `gatehouse-${report.stressId}-${stamp}.json`
}

/** Writes a report as a saved run, atomically (a crash leaves the old file or the new one). */
export async function writeSavedRun(absolute: string, report: StressReportFull): Promise<void> {
  await writeFileAtomic(absolute, stressReportJson(report))
}

/**
 * Reads a saved run's text, refusing a symbolic link as the last component
 * (O_NOFOLLOW) and anything over {@link MAX_SAVED_RUN_BYTES}.
 */
export async function readSavedRun(absolute: string, shownAs: string): Promise<string> {
  let handle
  try {
    handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch (error) {
    if (errorCode(error) === 'ELOOP')
      throw new FileError('PathError', `${shownAs} is a symbolic link: saved runs are plain files`)
    throw fileSystemError(error, 'read', shownAs)
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new FileError('PathError', `${shownAs} is not a file`)
    if (info.size > MAX_SAVED_RUN_BYTES)
      throw new FileError(
        'TooLargeError',
        `${shownAs} is ${Math.round(info.size / 1024 / 1024)} MB; Gatehouse opens saved runs up to ${MAX_SAVED_RUN_BYTES / 1024 / 1024} MB`,
      )
    return await handle.readFile('utf8')
  } finally {
    await handle.close()
  }
}

/**
 * The browser edition's saved runs: JSON files in the workspace's
 * `.gatehouse/runs/`, named by the user (a plain name: the schema admits no
 * folder, so nothing can land outside that folder).
 */
export class WorkspaceSavedRuns implements SavedRunsBackend {
  constructor(private readonly workspace: Workspace) {}

  get folder(): string {
    return join(this.workspace.stateFolder, SAVED_RUNS_FOLDER)
  }

  async list(): Promise<SavedRunListing> {
    const runs: SavedRunEntry[] = []
    let names: string[] = []
    try {
      await this.workspace.assertNoEscape(this.folder, `.gatehouse/${SAVED_RUNS_FOLDER}`)
      names = await readdir(this.folder)
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw fileSystemError(error, 'list', this.folder)
    }
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue
      try {
        const info = await stat(join(this.folder, name))
        if (info.isFile())
          runs.push({ name, sizeBytes: info.size, modifiedAt: Math.round(info.mtimeMs) })
      } catch {
        // Removed between the listing and the stat: not there any more.
      }
    }
    runs.sort((x, y) => y.modifiedAt - x.modifiedAt || x.name.localeCompare(y.name))
    return { nativeDialogs: false, folder: this.folder, runs }
  }

  async save(request: SaveRunRequest, report: StressReportFull): Promise<SaveRunResult> {
    const name = request.name ?? defaultSavedRunName(report)
    const absolute = join(this.folder, name)
    await mkdir(this.folder, { recursive: true })
    await this.workspace.assertNoEscape(absolute, name)
    if (!request.overwrite && (await exists(absolute)))
      throw new FileError(
        'FileExistsError',
        `A saved run named ${name} already exists: choose another name or replace it`,
      )
    try {
      await writeSavedRun(absolute, report)
    } catch (error) {
      throw fileSystemError(error, 'write', name)
    }
    return { status: 'saved', name, path: absolute }
  }

  async open(request: OpenSavedRunRequest): Promise<OpenSavedRunResult> {
    if (request.name === undefined)
      throw new FileError('PathError', 'Name the saved run to open (see the list of saved runs)')
    const absolute = join(this.folder, request.name)
    await this.workspace.assertNoEscape(absolute, request.name)
    const text = await readSavedRun(absolute, request.name)
    return { status: 'opened', name: request.name, path: absolute, text }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/** The finished report of a stress of this core, or a FileError saying why it cannot be saved. */
async function finishedReport(core: Core, stressId: string): Promise<StressReportFull> {
  const reply = await core.handle(METHOD_CHANNELS.stressReport, { stressId })
  if (!reply.ok) throw new FileError('NotFoundError', reply.error.message)
  if (reply.value.state !== 'done' && reply.value.state !== 'cancelled')
    throw new FileError(
      'PathError',
      `${stressId} is still ${reply.value.state}: save it once it is done or cancelled`,
    )
  return reply.value
}

/** Answers one saved-run channel: validates, asks the backend, and replies (errors as data). */
export async function handleSavedRunRequest<C extends SavedRunChannel>(
  backend: SavedRunsBackend,
  core: Core,
  channel: C,
  payload: unknown,
): Promise<Reply<ChannelResponse<C>>> {
  const parsed = parseChannelRequest(channel as Channel, payload)
  if (!parsed.ok) return parsed.reply
  try {
    let value: unknown
    if (channel === METHOD_CHANNELS.listSavedRuns) value = await backend.list()
    else if (channel === METHOD_CHANNELS.saveRun) {
      const request = parsed.request as SaveRunRequest
      value = await backend.save(request, await finishedReport(core, request.stressId))
    } else value = await backend.open(parsed.request as OpenSavedRunRequest)
    return { ok: true, value: value as ChannelResponse<C> }
  } catch (error) {
    return fileErrorReply(error, channel === METHOD_CHANNELS.saveRun ? 'write' : 'read')
  }
}

/** The core with the saved-run channels answered by `backend`: how the browser edition gets them. */
export function withSavedRuns(core: Core, backend: SavedRunsBackend): Core {
  return {
    ...core,
    handle(channel, payload) {
      if (isSavedRunChannel(channel))
        return handleSavedRunRequest(backend, core, channel, payload) as never
      return core.handle(channel, payload)
    },
  }
}
