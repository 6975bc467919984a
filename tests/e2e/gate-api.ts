import WebSocket from 'ws'
import type { Settings } from '../../src/protocol/settings'

/**
 * A direct line to the browser edition's API, for test setup and cleanup
 * only: what a test checks always goes through the page.
 */
export interface GateApi {
  getSettings(): Promise<Settings>
  updateSettings(changes: Partial<Settings>): Promise<Settings>
  /** Removes the recovery draft a test's edits left, so the next page is not offered it. */
  clearDraft(): Promise<{ cleared: boolean }>
  close(): void
}

export async function connectGateApi(serverUrl: string): Promise<GateApi> {
  const url = new URL(serverUrl)
  const token = url.searchParams.get('token') ?? ''
  const socket = new WebSocket(`ws://${url.host}/api?token=${encodeURIComponent(token)}`)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  let nextId = 1
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number
      reply?: { ok: boolean; value?: unknown; error?: { message: string } }
    }
    if (message.id === undefined || !message.reply) return
    const request = pending.get(message.id)
    if (!request) return
    pending.delete(message.id)
    if (message.reply.ok) request.resolve(message.reply.value)
    else request.reject(new Error(message.reply.error?.message ?? 'request failed'))
  })
  const call = <T>(channel: string, payload: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve: (value) => resolve(value as T), reject })
      socket.send(JSON.stringify({ id, channel, payload }))
    })
  return {
    getSettings: () => call<Settings>('settings:get', {}),
    updateSettings: (changes) => call<Settings>('settings:update', changes),
    clearDraft: () => call<{ cleared: boolean }>('draft:clear', {}),
    close: () => socket.close(),
  }
}
