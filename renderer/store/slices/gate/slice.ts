import type { GateSnapshot } from '../../../../src/protocol/telemetry'
import type { SliceCreator } from '../../store-types'
import type { GateSlice } from './types'

export const createGateSlice: SliceCreator<GateSlice> = (set, get) => {
  // A requested snapshot can arrive after a newer pushed one: never go back in time.
  const keepNewest = (snapshot: GateSnapshot) => {
    const current = get().gateSnapshot
    if (current && current.at > snapshot.at) return
    set({ gateSnapshot: snapshot })
  }
  return {
    gateSnapshot: null,
    applyTelemetry: (batch) => keepNewest(batch.snapshot),
    setGateSnapshot: keepNewest,
  }
}
