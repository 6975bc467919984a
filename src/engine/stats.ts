import type { ErrorType, RunOutcome } from '../protocol/outcome'

/** Running totals of outcomes, for the snapshot. */
export class RunStats {
  submitted = 0
  ok = 0
  failed = 0
  byError: Partial<Record<ErrorType, number>> = {}

  record(outcome: RunOutcome): void {
    if (outcome.status === 'ok') {
      this.ok++
      return
    }
    this.failed++
    const type = outcome.error?.type ?? 'PanicError'
    this.byError[type] = (this.byError[type] ?? 0) + 1
  }

  view(): { submitted: number; ok: number; failed: number; byError: Partial<Record<ErrorType, number>> } {
    return { submitted: this.submitted, ok: this.ok, failed: this.failed, byError: { ...this.byError } }
  }
}
