import { cpus } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../engine/core-api'
import { createCore } from '../engine/create-core'
import type { HostSpawner } from '../engine/host-process'
import { METHOD_CHANNELS } from '../protocol/channel-names'
import { defaultSettings } from '../protocol/settings'
import type { SettingsStatus } from '../protocol/settings-status'
import { withPersistedSettings } from '../settings/persisted-settings'
import { SettingsStore } from '../settings/settings-store'
import { parseChannelRequest } from '../protocol/channel-request'
import { withFiles } from '../workspace/files-backend'
import { WorkspaceSavedRuns, withSavedRuns } from '../workspace/saved-runs'
import { Workspace } from '../workspace/workspace'
import { WorkspaceFiles } from '../workspace/workspace-files'
import type { RunningServer } from './server'
import { startServer } from './server'

export interface BrowserEditionOptions {
  /** The folder whose scripts the window may open and save (confined to it). */
  workspace: string
  spawnHost: HostSpawner
  rendererDir: string
  host?: string
  port?: number
  /** Fixed only in tests. */
  token?: string
}

export interface BrowserEdition {
  server: RunningServer
  workspace: Workspace
  /** How the settings loaded; a notice here is also what `settings:status` answers. */
  settingsStatus: SettingsStatus
  /** Stops the server, then the core. */
  close(): Promise<void>
}

/**
 * `window:setDirty` in the browser edition: acknowledged and nothing more.
 * The page asks about unsaved changes itself (`beforeunload`).
 */
function withBrowserWindow(core: Core): Core {
  return {
    ...core,
    async handle(channel, payload) {
      if (channel !== METHOD_CHANNELS.setDirty) return core.handle(channel, payload)
      const parsed = parseChannelRequest(METHOD_CHANNELS.setDirty, payload)
      if (!parsed.ok) return parsed.reply
      return { ok: true, value: { dirty: parsed.request.dirty } } as never
    },
  }
}

/**
 * The browser edition: a workspace folder, the settings kept in its
 * `.gatehouse/settings.json`, the core built with them, and the server that
 * carries the API (core, files, settings) to the page.
 */
export async function startBrowserEdition(options: BrowserEditionOptions): Promise<BrowserEdition> {
  const workspace = await Workspace.open(options.workspace)
  const store = new SettingsStore(
    join(workspace.stateFolder, 'settings.json'),
    defaultSettings(cpus().length),
    undefined,
    { root: workspace.root },
  )
  const loaded = await store.load()
  const core = await createCore({ spawnHost: options.spawnHost, settings: loaded.settings })
  const api = withSavedRuns(
    withBrowserWindow(
      withFiles(withPersistedSettings(core, store, loaded.status), new WorkspaceFiles(workspace)),
    ),
    new WorkspaceSavedRuns(workspace),
  )
  let server: RunningServer
  try {
    server = await startServer({
      core: api,
      rendererDir: options.rendererDir,
      host: options.host,
      port: options.port,
      token: options.token,
    })
  } catch (error) {
    await core.shutdown()
    throw error
  }
  return {
    server,
    workspace,
    settingsStatus: loaded.status,
    async close() {
      await server.close()
      await core.shutdown()
    },
  }
}
