import type { Store } from '../../store-types'
import { readFaults } from './stress-form'

export const selectStressForm = (state: Store) => state.stressForm
export const selectStressFormErrors = (state: Store) => state.stressFormErrors
export const selectStressLive = (state: Store) => state.stressLive
export const selectStressReport = (state: Store) => state.stressReport
export const selectStressReportFinal = (state: Store) => state.stressReportFinal
export const selectSeedStressForm = (state: Store) => state.seedStressForm
export const selectStressView = (state: Store) => state.stressView
export const selectStressComparison = (state: Store) => state.stressComparison
export const selectStressLiveB = (state: Store) => state.stressLiveB

/** The saved runs' listing, messages and actions: use with useShallow. */
export const selectSavedRuns = (state: Store) => ({
  listing: state.savedRuns,
  busy: state.savedRunsBusy,
  notice: state.savedRunsNotice,
  error: state.savedRunsError,
  refresh: state.refreshSavedRuns,
  open: state.openSavedRun,
  compare: state.compareSavedRuns,
  save: state.saveStressRun,
  dismiss: state.dismissSavedRunsMessage,
})

/** The fault mix's running total, in percent (fields that are not numbers count as 0). */
export const selectFaultTotal = (state: Store) => readFaults(state.stressForm.faults).total

/** The form's setters: use with useShallow. */
export const selectStressFormActions = (state: Store) => ({
  setField: state.setStressField,
  setArrival: state.setStressArrival,
  setFault: state.setStressFault,
  setMode: state.setStressMode,
  setPolicyB: state.setStressPolicyB,
})

/** The run's state and what can be done with it now: use with useShallow. */
export const selectStressControls = (state: Store) => {
  const active =
    state.stressState === 'running' ||
    state.stressState === 'paused' ||
    state.stressState === 'cancelling'
  const connected = state.connection.status === 'open'
  const busy = state.stressBusy !== null
  return {
    stressId: state.stressId,
    stressState: state.stressState,
    busy: state.stressBusy,
    error: state.stressError,
    canStart: connected && !busy && !active,
    canPause: connected && !busy && state.stressState === 'running',
    canResume: connected && !busy && state.stressState === 'paused',
    canCancel:
      connected && !busy && (state.stressState === 'running' || state.stressState === 'paused'),
    start: state.startStress,
    control: state.controlStress,
    dismissError: state.dismissStressError,
  }
}
