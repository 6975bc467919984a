import type { GateSnapshot, TelemetryBatch } from '../../../../src/protocol/telemetry'

export interface GateSlice {
  /** The newest snapshot of the gate, from telemetry or an explicit request. */
  gateSnapshot: GateSnapshot | null
  /** Keeps the batch's snapshot; the events are not stored per event (they can arrive by the thousand). */
  applyTelemetry: (batch: TelemetryBatch) => void
  setGateSnapshot: (snapshot: GateSnapshot) => void
}
