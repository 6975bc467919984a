import type { StateCreator } from 'zustand'
import type { GatehouseApi } from '../../src/protocol/api'
import type { ConnectionSlice } from './slices/connection/types'
import type { EditorSlice } from './slices/editor/types'
import type { GateSlice } from './slices/gate/types'
import type { RunSlice } from './slices/run/types'

/** The whole renderer state: one store, built from the slices. */
export type Store = EditorSlice & RunSlice & GateSlice & ConnectionSlice

/** A slice's creator: it sees the whole store and contributes its own part. */
export type SliceCreator<Slice> = StateCreator<Store, [], [], Slice>

/** What the store's actions need from outside; injected so tests can fake them. */
export interface StoreDeps {
  api: GatehouseApi
  /** Epoch milliseconds. */
  now: () => number
}
