import type { StressRunRecord } from '../../../src/protocol/stress'
import { MinHeap } from './min-heap'

/**
 * Times in a report are rounded to 0.01 ms: a run admitted "at" the instant
 * another settled may read a hair earlier, and still took that permit.
 */
const SAME_INSTANT_MS = 0.02

export interface Interval {
  start: number
  end: number
}

/** A run that got a permit, with the swimlane it is drawn on. */
export type AdmittedRun = StressRunRecord & { admittedAt: number; slot: number }

/** Where every run of a report is drawn on the permit timeline. */
export interface TimelineLayout {
  permits: number
  /** How many runs it lays out (admitted or not). */
  runCount: number
  /** One swimlane per permit slot (more only if the gate ever admitted too many): runs in order. */
  slots: AdmittedRun[][]
  /** The union of the waits of each slot's runs (submittedAt..admittedAt), in order. */
  waits: Interval[][]
  /** Swimlanes beyond the permit count: always 0 when the gate kept its invariant. */
  overflow: number
  /** Runs that never got a permit (wait timeout, cancelled while queued), by settledAt. */
  unadmitted: StressRunRecord[]
  /** The union of their waits (submittedAt..settledAt). */
  unadmittedWaits: Interval[]
  /** The latest settledAt: the timeline's extent is 0..endMs. */
  endMs: number
}

/** How many runs a layout step handles between two chances to yield. */
const STEP_RUNS = 256

/**
 * Assigns each run a permit slot: a run holds a slot from admittedAt to
 * settledAt, and runs are placed greedily, in order of admission, on the
 * lowest-numbered slot free at that moment. A run that finds every slot
 * taken opens a new one: more slots than permits means the records show
 * more holders at once than the gate allows. Returns the slot of each run
 * (by index in `runs`), or -1 for a run that was never admitted. O(n log n).
 */
export function assignSlots(
  runs: readonly Pick<StressRunRecord, 'admittedAt' | 'settledAt'>[],
): Int32Array {
  return drain(assignSlotsInSteps(runs))
}

/** assignSlots as steps: it yields every few hundred runs, so a caller can spread it over tasks. */
function* assignSlotsInSteps(
  runs: readonly Pick<StressRunRecord, 'admittedAt' | 'settledAt'>[],
): Generator<void, Int32Array> {
  const slotOf = new Int32Array(runs.length).fill(-1)
  const order: number[] = []
  for (let i = 0; i < runs.length; i++) if (runs[i]?.admittedAt != null) order.push(i)
  const admitted = (i: number) => runs[i]?.admittedAt as number
  const settled = (i: number) => runs[i]?.settledAt as number
  // Ties (a burst admits several at once) keep the report's order: by run index.
  order.sort((a, b) => admitted(a) - admitted(b) || a - b)
  yield

  const free = new MinHeap<number>((a, b) => a < b)
  const busy = new MinHeap<{ end: number; slot: number }>(
    (a, b) => a.end < b.end || (a.end === b.end && a.slot < b.slot),
  )
  let opened = 0
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number
    const at = admitted(i)
    for (let top = busy.peek(); top && top.end <= at + SAME_INSTANT_MS; top = busy.peek()) {
      busy.pop()
      free.push(top.slot)
    }
    const slot = free.size > 0 ? (free.pop() as number) : opened++
    slotOf[i] = slot
    busy.push({ end: Math.max(settled(i), at), slot })
    if (k % STEP_RUNS === STEP_RUNS - 1) yield
  }
  return slotOf
}

/** Runs a stepwise computation to its end at once. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

/** The union of intervals, sorted and merged; empty ones are dropped. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((x) => x.end > x.start).sort((a, b) => a.start - b.start)
  const merged: Interval[] = []
  for (const next of sorted) {
    const last = merged[merged.length - 1]
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end)
    else merged.push({ ...next })
  }
  return merged
}

/** Lays out a report's runs for the permit timeline. */
export function buildTimeline(runs: readonly StressRunRecord[], permits: number): TimelineLayout {
  return drain(buildTimelineInSteps(runs, permits))
}

/**
 * buildTimeline as steps, yielding every few hundred runs: the permit
 * timeline of a 10,000-run stress takes tens of milliseconds to lay out,
 * too long for one task on the window's main thread (see run-in-slices.ts).
 */
export function* buildTimelineInSteps(
  runs: readonly StressRunRecord[],
  permits: number,
): Generator<void, TimelineLayout> {
  const slotOf = yield* assignSlotsInSteps(runs)
  let slotCount = permits
  for (const slot of slotOf) if (slot >= slotCount) slotCount = slot + 1
  const slots: AdmittedRun[][] = Array.from({ length: slotCount }, () => [])
  const waitLists: Interval[][] = Array.from({ length: slotCount }, () => [])
  const unadmitted: StressRunRecord[] = []
  const unadmittedWaits: Interval[] = []
  let endMs = 0
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index] as StressRunRecord
    endMs = Math.max(endMs, run.settledAt)
    const slot = slotOf[index] as number
    if (slot < 0 || run.admittedAt === null) {
      unadmitted.push(run)
      unadmittedWaits.push({ start: run.submittedAt, end: run.settledAt })
    } else {
      ;(slots[slot] as AdmittedRun[]).push({ ...run, admittedAt: run.admittedAt, slot })
      ;(waitLists[slot] as Interval[]).push({ start: run.submittedAt, end: run.admittedAt })
    }
    if (index % STEP_RUNS === STEP_RUNS - 1) yield
  }
  for (const lane of slots) lane.sort((a, b) => a.admittedAt - b.admittedAt)
  yield
  unadmitted.sort((a, b) => a.settledAt - b.settledAt)
  const waits: Interval[][] = []
  for (const list of waitLists) {
    waits.push(mergeIntervals(list))
    yield
  }
  return {
    permits,
    runCount: runs.length,
    slots,
    waits,
    overflow: slotCount - permits,
    unadmitted,
    unadmittedWaits: mergeIntervals(unadmittedWaits),
    endMs,
  }
}
