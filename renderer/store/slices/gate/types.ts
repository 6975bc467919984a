import type { GateSnapshot, TelemetryBatch } from '../../../../src/protocol/telemetry'
import type { EventLog } from '../../../event-log/event-log'

export interface GateSlice {
  /** The newest snapshot of the gate, from telemetry or an explicit request. */
  gateSnapshot: GateSnapshot | null
  /**
   * This window's clock (epoch ms) when the snapshot arrived. Held times and
   * wait countdowns advance from here between snapshots, which only come when
   * something happens.
   */
  snapshotReceivedAt: number | null
  /** The event log; a stable object outside React state (see EventLog). */
  eventLog: EventLog
  /** Appends the batch's events to the log, keeps its snapshot, raises toasts for timeouts and panics. */
  applyTelemetry: (batch: TelemetryBatch) => void
  setGateSnapshot: (snapshot: GateSnapshot) => void
  /** Asks the core for a fresh snapshot. */
  refreshSnapshot: () => Promise<void>
  resetStats: () => Promise<void>
  clearEventLog: () => void
}
