import type { FaultRequest } from '../../../../src/protocol/faults'
import { isMatrixRunId } from '../../../../src/protocol/leak-matrix'
import type { AlertKind } from '../../../event-log/event-kinds'

/** One timeout or panic as the telemetry reported it. */
export interface Alert {
  kind: AlertKind
  seq: number
  runId?: string
  cause?: string
}

/** A notification standing for one or more alerts of a kind. */
export interface Toast {
  id: number
  kind: AlertKind
  count: number
  /** The newest alert's event, which a click shows. */
  latestSeq: number
  latestRunId?: string
  latestCause?: string
  /** Epoch milliseconds of the newest alert it took in. */
  updatedAt: number
}

/** Alerts this close together join the toast already showing, whatever the flood. */
export const COALESCE_WINDOW_MS = 5000
/** A toast leaves this long after its newest alert, unless dismissed earlier. */
export const TOAST_TTL_MS = 8000

/** How long after the user injected a fault its panics are expected, not alarming. */
export const INJECTED_FAULT_QUIET_MS = 15_000

/** The panic cause each fault the user can inject produces. */
const CAUSE_OF_FAULT: Partial<Record<FaultRequest['kind'], string>> = {
  'kill-lane': 'lane-exit',
  'kill-host': 'host-exit',
}

/**
 * Whether an alert is what a fault the user just injected was meant to do (a
 * killed lane's run ends as PanicError lane-exit): it goes to the event log
 * only, with no toast, since the user asked for it.
 */
export function isInjectedFaultAlert(
  alert: Alert,
  injected: { fault: FaultRequest; ok: boolean; at: number } | null,
  now: number,
): boolean {
  if (!injected?.ok || alert.kind !== 'panic') return false
  if (now - injected.at > INJECTED_FAULT_QUIET_MS) return false
  return alert.cause !== undefined && alert.cause === CAUSE_OF_FAULT[injected.fault.kind]
}

/**
 * Whether an alert belongs to a run a lesson started (a lesson's run, a leak-
 * matrix path's): teaching runs end in timeouts and panics on purpose, and the
 * lesson itself shows how each ended, so they go to the event log only.
 */
export function isLessonAlert(alert: Alert, lessonRunIds: ReadonlySet<string>): boolean {
  const runId = alert.runId
  return runId !== undefined && (lessonRunIds.has(runId) || isMatrixRunId(runId))
}

/**
 * Folds new alerts into the toasts: one toast per kind at a time, counting
 * ("12 runs timed out") instead of stacking twelve.
 */
export function mergeAlerts(
  toasts: readonly Toast[],
  alerts: readonly Alert[],
  now: number,
  nextId: number,
): { toasts: Toast[]; nextId: number } {
  const next = toasts.map((toast) => ({ ...toast }))
  let id = nextId
  for (const alert of alerts) {
    const open = next.find(
      (toast) => toast.kind === alert.kind && now - toast.updatedAt < COALESCE_WINDOW_MS,
    )
    if (open) {
      open.count++
      if (alert.seq >= open.latestSeq) {
        open.latestSeq = alert.seq
        open.latestRunId = alert.runId
        open.latestCause = alert.cause
      }
      open.updatedAt = now
      continue
    }
    const toast: Toast = {
      id: id++,
      kind: alert.kind,
      count: 1,
      latestSeq: alert.seq,
      updatedAt: now,
    }
    if (alert.runId) toast.latestRunId = alert.runId
    if (alert.cause) toast.latestCause = alert.cause
    next.push(toast)
  }
  return { toasts: next, nextId: id }
}

/** The toasts still worth showing at `now`. */
export function liveToasts(toasts: readonly Toast[], now: number): Toast[] {
  return toasts.filter((toast) => now - toast.updatedAt < TOAST_TTL_MS)
}

/** The toast's headline: `Run timed out (watchdog)`, `3 runs timed out`, `Panic recovered (lane-abort)`. */
export function toastText(toast: Toast): string {
  const cause = toast.latestCause ? ` (${toast.latestCause})` : ''
  if (toast.kind === 'timeout')
    return toast.count === 1 ? `Run timed out${cause}` : `${toast.count} runs timed out`
  return toast.count === 1 ? `Panic recovered${cause}` : `${toast.count} panics recovered`
}
