import type { StateCreator } from 'zustand'
import type { GatehouseApi } from '../../src/protocol/api'
import type { EventLog } from '../event-log/event-log'
import type { PreferenceStorage } from '../persistence/storage'
import type { ConnectionSlice } from './slices/connection/types'
import type { DocumentsSlice } from './slices/documents/types'
import type { EditorSlice } from './slices/editor/types'
import type { FileSlice } from './slices/file/types'
import type { GateSlice } from './slices/gate/types'
import type { LessonsSlice } from './slices/lessons/types'
import type { RunSlice } from './slices/run/types'
import type { SettingsSlice } from './slices/settings/types'
import type { StressSlice } from './slices/stress/types'
import type { UiSlice } from './slices/ui/types'

/** The whole renderer state: one store, built from the slices. */
export type Store = EditorSlice &
  RunSlice &
  GateSlice &
  SettingsSlice &
  UiSlice &
  ConnectionSlice &
  StressSlice &
  FileSlice &
  LessonsSlice &
  DocumentsSlice

/** A slice's creator: it sees the whole store and contributes its own part. */
export type SliceCreator<Slice> = StateCreator<Store, [], [], Slice>

/** What the store's actions need from outside; injected so tests can fake them. */
export interface StoreDeps {
  api: GatehouseApi
  /** Epoch milliseconds. */
  now: () => number
  /** Where preferences persist; null keeps them for this window only. */
  storage: PreferenceStorage | null
  /** The telemetry event log, kept outside React state. */
  eventLog: EventLog
}
