import type { ChannelResponse, Reply } from '../protocol/api'
import { METHOD_CHANNELS } from '../protocol/channel-names'
import type { Settings } from '../protocol/settings'
import type { SettingsStatus } from '../protocol/settings-status'
import type { Core } from '../engine/core-api'
import { parseChannelRequest } from '../protocol/channel-request'
import type { SettingsStore } from './settings-store'

/**
 * The core with its settings kept on disk: every successful `settings:update`
 * is saved through `store` (the core has applied it first, so a change the
 * core refuses is never written), and `settings:status` answers where the
 * settings came from and any notice. A save that fails leaves the change in
 * force for this session and turns into a 'write-failed' notice; the update
 * itself still succeeds.
 *
 * @param status what `store.load()` reported at start
 */
export function withPersistedSettings(
  core: Core,
  store: SettingsStore,
  status: SettingsStatus,
): Core {
  let current: SettingsStatus = { ...status }
  return {
    ...core,
    async handle(channel, payload) {
      if (channel === METHOD_CHANNELS.settingsStatus) {
        const parsed = parseChannelRequest(channel, payload)
        if (!parsed.ok) return parsed.reply
        return { ok: true, value: { ...current } } as Reply<
          ChannelResponse<typeof channel>
        > as never
      }
      const reply = await core.handle(channel, payload)
      if (channel === METHOD_CHANNELS.updateSettings && reply.ok) {
        try {
          await store.save(reply.value as Settings)
          if (current.notice?.kind === 'write-failed') current = { ...current, notice: undefined }
        } catch (error) {
          const message = `Your settings change applies until Gatehouse quits, but it could not be saved to ${store.path}: ${(error as Error).message}`
          console.warn(`Gatehouse: ${message}`)
          current = { ...current, notice: { kind: 'write-failed', message, at: Date.now() } }
        }
      }
      return reply
    },
  }
}
