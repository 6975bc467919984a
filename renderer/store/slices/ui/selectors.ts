import type { Store } from '../../store-types'

export const selectThemePreference = (state: Store) => state.themePreference
export const selectSetThemePreference = (state: Store) => state.setThemePreference
export const selectPaneSizes = (state: Store) => state.paneSizes
export const selectSetPaneSize = (state: Store) => state.setPaneSize
export const selectResetPaneSize = (state: Store) => state.resetPaneSize
export const selectSettingsOpen = (state: Store) => state.settingsOpen
export const selectSetSettingsOpen = (state: Store) => state.setSettingsOpen
export const selectExamplesOpen = (state: Store) => state.examplesOpen
export const selectSetExamplesOpen = (state: Store) => state.setExamplesOpen
export const selectToasts = (state: Store) => state.toasts
export const selectConsoleFilter = (state: Store) => state.consoleFilter

/** For the event log: use with useShallow. */
export const selectEventLogControls = (state: Store) => ({
  filter: state.eventFilter,
  selectedSeq: state.selectedEventSeq,
  setFilter: state.setEventFilter,
  selectEvent: state.selectEvent,
})

/** For the toasts: use with useShallow. */
export const selectToastActions = (state: Store) => ({
  openToast: state.openToast,
  dismissToast: state.dismissToast,
  expireToasts: state.expireToasts,
})

/** For the console's filter bar: use with useShallow. */
export const selectConsoleFilterActions = (state: Store) => ({
  setConsoleText: state.setConsoleText,
  toggleConsoleLevel: state.toggleConsoleLevel,
})

export const selectView = (state: Store) => state.view
export const selectSetView = (state: Store) => state.setView

export const selectGateTab = (state: Store) => state.gateTab
export const selectSetGateTab = (state: Store) => state.setGateTab
export const selectTabMovesFocus = (state: Store) => state.tabMovesFocus
export const selectSetTabMovesFocus = (state: Store) => state.setTabMovesFocus
