import type { LaneJob, LaneResult } from '../../../src/protocol/host-messages'
import type { QuickJSRunner, RunControl } from '../../../src/sandbox/quickjs-runner'

/** A run's result with what its cleanup did, as a lane sees them together. */
export interface FinishedRun {
  result: LaneResult
  recycled?: string
  replaceLane?: string
  /** The engine aborted while freeing the run: the caller must `await runner.renew()`. */
  renewEngine?: boolean
}

/** Runs a job and cleans up after it as a lane does: `finish()` unless the lane must go. */
export function runToEnd(runner: QuickJSRunner, job: LaneJob, control: RunControl): FinishedRun {
  const started = runner.run(job, control)
  if (started.replaceLane) return { result: started.result, replaceLane: started.replaceLane }
  const cleanup = started.finish()
  return { result: started.result, ...cleanup }
}

/** A control that is stopped once `isCancelled` says so, and sleeps by spinning in this thread. */
export function spinControl(isCancelled: () => boolean = () => false): RunControl {
  return {
    isCancelled,
    sleep: (ms) => {
      const until = performance.now() + ms
      while (performance.now() < until && !isCancelled()) {
        // A lane blocks in Atomics.wait; a test in one thread spins instead.
      }
    },
  }
}
