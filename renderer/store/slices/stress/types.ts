import type { SavedRunListing } from '../../../../src/protocol/saved-runs'
import type {
  FaultKind,
  StressPolicy,
  StressReportFull,
  StressState,
} from '../../../../src/protocol/stress'
import type { TelemetryBatch } from '../../../../src/protocol/telemetry'
import type { StressLiveFeed } from './live-feed'
import type {
  ArrivalPattern,
  PolicyField,
  StressFormDraft,
  StressMode,
  StressFormErrors,
  StressTextField,
} from './stress-form'

export type StressAction = 'pause' | 'resume' | 'cancel'

/** A saved run read back: its file name and its report. */
export interface OpenedRun {
  name: string
  report: StressReportFull
}

/**
 * What the results side shows: the stress this window follows, the
 * comparison it follows, one saved run (with replay), or two saved runs
 * compared.
 */
export type StressView =
  | { kind: 'live' }
  | { kind: 'compare' }
  | { kind: 'saved'; run: OpenedRun }
  | { kind: 'saved-compare'; a: OpenedRun; b: OpenedRun }

/** A comparison this window started: its two stress runs and, once each ends, its report. */
export interface ComparisonFollow {
  comparisonId: string
  seed: number
  stressIds: { a: string; b: string }
  policies: { a: StressPolicy; b: StressPolicy }
  reports: { a: StressReportFull | null; b: StressReportFull | null }
}

export interface StressSlice {
  /** The Stress view's form as typed. */
  stressForm: StressFormDraft
  /** Whether the form has taken the gate's settings as its starting values. */
  stressFormSeeded: boolean
  /** What is wrong with the form, by field; shown before anything is sent. */
  stressFormErrors: StressFormErrors
  /** The stress this window follows (started here, or seen in the telemetry). */
  stressId: string | null
  /** Its state as the core last said; null before the first stress. */
  stressState: StressState | null
  /** What the view is doing on the way to a start or a control, for the buttons' labels. */
  stressBusy: string | null
  /** The last API error (start, control, report), in the core's words. */
  stressError: string | null
  /** The newest report: polled while the stress runs, final once it is done or cancelled. */
  stressReport: StressReportFull | null
  stressReportFinal: boolean
  /** The gauge and the chart series: high-rate, outside React state. */
  stressLive: StressLiveFeed
  /** Compare mode: policy B's gauge and series (policy A's are `stressLive`). */
  stressLiveB: StressLiveFeed
  stressComparison: ComparisonFollow | null
  stressView: StressView
  /** The saved runs (browser edition); null until listed. */
  savedRuns: SavedRunListing | null
  /** What a saved-run action is doing, for its button. */
  savedRunsBusy: string | null
  /** What the last saved-run action did ("Saved as …"). */
  savedRunsNotice: string | null
  /** Why the last saved-run action failed; the view and the file stay as they were. */
  savedRunsError: string | null
  /** Takes the gate's settings as the form's values, once. */
  seedStressForm: () => void
  setStressField: (name: StressTextField, value: string) => void
  setStressArrival: (pattern: ArrivalPattern) => void
  setStressFault: (kind: FaultKind, value: string) => void
  setStressMode: (mode: StressMode) => void
  setStressPolicyB: (name: PolicyField, value: string) => void
  showStressView: (view: StressView) => void
  refreshSavedRuns: () => Promise<void>
  /** Saves a finished stress of this core (desktop: the Save dialog). */
  saveStressRun: (stressId: string) => Promise<void>
  /** Opens a saved run (by name in the browser edition; the Open dialog on the desktop). */
  openSavedRun: (name?: string) => Promise<void>
  /** Opens two saved runs and compares them (desktop: two Open dialogs). */
  compareSavedRuns: (names?: [string, string]) => Promise<void>
  dismissSavedRunsMessage: () => void
  /** Checks the form, applies the gate settings it needs, and starts the stress. */
  startStress: () => Promise<void>
  controlStress: (action: StressAction) => Promise<void>
  /** Asks the core for the followed stress's report now. */
  refreshStressReport: () => Promise<void>
  /** The telemetry's part for the stress lab: the gauge, progress, and the end. */
  applyStressTelemetry: (batch: TelemetryBatch) => void
  dismissStressError: () => void
}
