import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { ConnectionState } from '../bridge'
import { createConnectionSlice } from './slices/connection/slice'
import { createDocumentsSlice } from './slices/documents/slice'
import { createEditorSlice } from './slices/editor/slice'
import { createFileSlice } from './slices/file/slice'
import { createGateSlice } from './slices/gate/slice'
import { createLessonsSlice } from './slices/lessons/slice'
import { createRunSlice } from './slices/run/slice'
import { createSettingsSlice } from './slices/settings/slice'
import { createStressSlice } from './slices/stress/slice'
import { createUiSlice } from './slices/ui/slice'
import type { Store, StoreDeps } from './store-types'

export type { Store, StoreDeps } from './store-types'
export type AppStore = StoreApi<Store>

/** Builds the one renderer store from its slices. */
export function createAppStore(deps: StoreDeps, initialConnection: ConnectionState): AppStore {
  return createStore<Store>()((...args) => ({
    ...createEditorSlice(...args),
    ...createRunSlice(deps)(...args),
    ...createGateSlice(deps)(...args),
    ...createSettingsSlice(deps)(...args),
    ...createUiSlice(deps)(...args),
    ...createConnectionSlice(initialConnection)(...args),
    ...createStressSlice(deps)(...args),
    ...createFileSlice(deps)(...args),
    ...createLessonsSlice(deps)(...args),
    ...createDocumentsSlice(...args),
  }))
}
