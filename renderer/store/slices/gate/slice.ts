import type { GateSnapshot } from '../../../../src/protocol/telemetry'
import { alertKind } from '../../../event-log/event-kinds'
import type { SliceCreator, StoreDeps } from '../../store-types'
import type { Alert } from '../ui/toasts'
import type { GateSlice } from './types'

export const createGateSlice =
  ({ api, now, eventLog }: StoreDeps): SliceCreator<GateSlice> =>
  (set, get) => {
    // A requested snapshot can arrive after a newer pushed one: never go back in time.
    const keepNewest = (snapshot: GateSnapshot) => {
      const current = get().gateSnapshot
      if (current && current.at > snapshot.at) return
      set({ gateSnapshot: snapshot, snapshotReceivedAt: now() })
    }
    return {
      gateSnapshot: null,
      snapshotReceivedAt: null,
      eventLog,

      applyTelemetry: (batch) => {
        eventLog.append(batch.events)
        keepNewest(batch.snapshot)
        const alerts: Alert[] = []
        let resized = false
        for (const event of batch.events) {
          const kind = alertKind(event)
          if (kind) {
            const alert: Alert = { kind, seq: event.seq }
            if (event.kind === 'run.settled') {
              alert.runId = event.runId
              if (event.cause) alert.cause = event.cause
            } else if (event.kind === 'panic.recovered') alert.cause = event.cause
            alerts.push(alert)
          }
          if (event.kind === 'gate.resized') resized = true
        }
        if (alerts.length > 0) get().noteAlerts(alerts)
        // Another window (or the CLI) may have changed the settings.
        if (resized) void get().loadSettings()
      },

      setGateSnapshot: keepNewest,

      refreshSnapshot: async () => {
        try {
          keepNewest(await api.snapshot({}))
        } catch (error) {
          console.warn('Gatehouse: no gate snapshot', error)
        }
      },

      resetStats: async () => {
        try {
          await api.resetStats({})
        } finally {
          await get().refreshSnapshot()
        }
      },

      clearEventLog: () => {
        eventLog.clear()
        get().selectEvent(null)
      },
    }
  }
