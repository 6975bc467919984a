import type { LogLevel } from '../../../../src/protocol/outcome'
import type { EventFilter } from '../../../event-log/event-kinds'
import type { ThemePreference } from '../../../theme/theme'
import type { PaneName, PaneSizes } from './pane-sizes'
import type { Alert, Toast } from './toasts'

export interface ConsoleFilter {
  /** Lines must contain this, ignoring case; empty shows all. */
  text: string
  /** Levels shown. */
  levels: Record<LogLevel, boolean>
}

/** The window's three views: the playground, the stress lab and the lessons. */
export type AppView = 'playground' | 'stress' | 'lessons'

/** The Result pane's tabs: the value or error, and the event-loop trace. */
export type ResultTab = 'result' | 'trace'
/** The Gate panel's tabs beside the permits, the waiting runs and the lanes. */
export type GateTab = 'events' | 'stats' | 'faults'

export interface UiSlice {
  view: AppView
  setView: (view: AppView) => void
  resultTab: ResultTab
  setResultTab: (tab: ResultTab) => void
  themePreference: ThemePreference
  paneSizes: PaneSizes
  settingsOpen: boolean
  examplesOpen: boolean
  eventFilter: EventFilter
  /** The event whose details show under the log, by sequence number. */
  selectedEventSeq: number | null
  toasts: Toast[]
  consoleFilter: ConsoleFilter
  gateTab: GateTab
  /** Tab moves the focus out of the editors instead of inserting a tab (Monaco's tabFocusMode). */
  tabMovesFocus: boolean
  setThemePreference: (preference: ThemePreference) => void
  setPaneSize: (name: PaneName, fraction: number) => void
  resetPaneSize: (name: PaneName) => void
  setSettingsOpen: (open: boolean) => void
  setExamplesOpen: (open: boolean) => void
  setEventFilter: (filter: EventFilter) => void
  selectEvent: (seq: number | null) => void
  noteAlerts: (alerts: readonly Alert[]) => void
  dismissToast: (id: number) => void
  /** Drops toasts whose time is up. */
  expireToasts: () => void
  /** Shows the toast's newest event in the Gate's log, with its details, and dismisses it. */
  openToast: (id: number) => void
  setGateTab: (tab: GateTab) => void
  setTabMovesFocus: (on: boolean) => void
  setConsoleText: (text: string) => void
  toggleConsoleLevel: (level: LogLevel) => void
}
