import type { FaultKind, StressReportFull, StressState } from '../../../../src/protocol/stress'
import type { TelemetryBatch } from '../../../../src/protocol/telemetry'
import type { StressLiveFeed } from './live-feed'
import type {
  ArrivalPattern,
  StressFormDraft,
  StressFormErrors,
  StressTextField,
} from './stress-form'

export type StressAction = 'pause' | 'resume' | 'cancel'

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
  /** Takes the gate's settings as the form's values, once. */
  seedStressForm: () => void
  setStressField: (name: StressTextField, value: string) => void
  setStressArrival: (pattern: ArrivalPattern) => void
  setStressFault: (kind: FaultKind, value: string) => void
  /** Checks the form, applies the gate settings it needs, and starts the stress. */
  startStress: () => Promise<void>
  controlStress: (action: StressAction) => Promise<void>
  /** Asks the core for the followed stress's report now. */
  refreshStressReport: () => Promise<void>
  /** The telemetry's part for the stress lab: the gauge, progress, and the end. */
  applyStressTelemetry: (batch: TelemetryBatch) => void
  dismissStressError: () => void
}
