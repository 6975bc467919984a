import type { ThreadCpuDelta } from './thread-cpu'
import { diffThreads, sampleThreads, threadCpuUnavailable } from './thread-cpu'
import { round } from './stats'

/**
 * Messages counted on each hop since the host started. The main <-> host
 * counts come from `host.messageCounts()`; the lane hops are optional until
 * the host reports them.
 */
export interface MessageCounts {
  mainToHost: number
  hostToMain: number
  hostToLanes?: number
  lanesToHost?: number
}

/** What the meter needs to know about a running Gatehouse core. */
export interface PipelineProbe {
  /** The sandbox host's process id (undefined while it restarts). */
  hostPid(): number | undefined
  /** How many lane threads the host runs. */
  lanes: number
  /** Message counters, when this build of the core exposes them. */
  messageCounts?: () => MessageCounts
}

/** One measured batch: what each thread of both processes used, and the messages sent. */
export interface PipelineBatch {
  runs: number
  wallMs: number
  mainPid: number
  hostPid: number
  main: ThreadCpuDelta[]
  host: ThreadCpuDelta[]
  messages: MessageCounts | undefined
}

export interface LaneCpu {
  tid: number
  name: string
  cpuMs: number
  msPerRun: number
  /** CPU time over wall time: how much of the batch this lane spent running. */
  busyFraction: number
  /** Runnable but without a core, over wall time (undefined without schedstats). */
  waitingForCoreFraction: number | undefined
}

/** Where a Gatehouse run's CPU and messages go, per run, over all measured batches. */
export interface PipelineReport {
  runs: number
  wallMs: number
  /** Every thread of both processes together. */
  totalMsPerRun: number
  /** This process's main thread: validation, gate, scheduler, outcomes. */
  mainThreadMsPerRun: number
  /** This process's other threads (GC, compiler, the other contenders' helpers). */
  mainOtherThreadsMsPerRun: number
  /** The sandbox host's own thread: routing between the main process and the lanes. */
  hostThreadMsPerRun: number
  /** Every lane together. */
  laneMsPerRun: number
  /** The mean of the lanes' busy fractions. */
  laneBusyFraction: number
  lanes: LaneCpu[]
  /** The host's other threads (V8's GC and compiler helpers). */
  hostHelpersMsPerRun: number
  messagesPerRun: {
    mainToHost: number | null
    hostToMain: number | null
    hostToLanes: number | null
    lanesToHost: number | null
  }
  /** Batches left out because the host restarted during them. */
  skippedBatches: number
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0)

/**
 * Builds the report from recorded batches. Lanes are not named by Node 20
 * (every thread is "node"), so the lanes are the `lanes` busiest host threads
 * other than its main thread; the rest are V8's helpers.
 */
export function buildPipelineReport(
  batches: PipelineBatch[],
  lanes: number,
  skippedBatches = 0,
): PipelineReport {
  const runs = sum(batches.map((b) => b.runs))
  const wallMs = sum(batches.map((b) => b.wallMs))
  const perRun = (ms: number): number => (runs > 0 ? round(ms / runs, 4) : 0)
  const of = (
    pick: (b: PipelineBatch) => ThreadCpuDelta[],
    keep: (b: PipelineBatch, t: ThreadCpuDelta) => boolean,
  ) =>
    sum(
      batches.flatMap((b) =>
        pick(b)
          .filter((t) => keep(b, t))
          .map((t) => t.cpuMs),
      ),
    )

  const hostOthers = new Map<
    number,
    { name: string; cpuMs: number; runQueueMs: number | undefined }
  >()
  for (const b of batches) {
    for (const t of b.host) {
      if (t.tid === b.hostPid) continue
      const acc = hostOthers.get(t.tid) ?? { name: t.name, cpuMs: 0, runQueueMs: 0 }
      acc.cpuMs += t.cpuMs
      acc.runQueueMs =
        acc.runQueueMs === undefined || t.runQueueMs === undefined
          ? undefined
          : acc.runQueueMs + t.runQueueMs
      hostOthers.set(t.tid, acc)
    }
  }
  const ranked = [...hostOthers.entries()].sort((a, b) => b[1].cpuMs - a[1].cpuMs)
  const laneThreads = ranked.slice(0, lanes).filter(([, t]) => t.cpuMs > 0)
  const helpers = ranked.slice(laneThreads.length)
  const laneCpu: LaneCpu[] = laneThreads.map(([tid, t]) => ({
    tid,
    name: t.name,
    cpuMs: round(t.cpuMs, 1),
    msPerRun: perRun(t.cpuMs),
    busyFraction: wallMs > 0 ? round(t.cpuMs / wallMs, 3) : 0,
    waitingForCoreFraction:
      t.runQueueMs === undefined || wallMs <= 0 ? undefined : round(t.runQueueMs / wallMs, 3),
  }))

  const counted = batches.every((b) => b.messages !== undefined) && batches.length > 0
  const hop = (key: keyof MessageCounts): number | null => {
    if (!counted || runs === 0) return null
    const values = batches.map((b) => b.messages?.[key])
    if (values.some((v) => v === undefined)) return null
    return round(sum(values as number[]) / runs, 3)
  }

  return {
    runs,
    wallMs: round(wallMs, 1),
    totalMsPerRun: perRun(
      of(
        (b) => [...b.main, ...b.host],
        () => true,
      ),
    ),
    mainThreadMsPerRun: perRun(
      of(
        (b) => b.main,
        (b, t) => t.tid === b.mainPid,
      ),
    ),
    mainOtherThreadsMsPerRun: perRun(
      of(
        (b) => b.main,
        (b, t) => t.tid !== b.mainPid,
      ),
    ),
    hostThreadMsPerRun: perRun(
      of(
        (b) => b.host,
        (b, t) => t.tid === b.hostPid,
      ),
    ),
    laneMsPerRun: perRun(sum(laneThreads.map(([, t]) => t.cpuMs))),
    laneBusyFraction:
      laneCpu.length > 0 ? round(sum(laneCpu.map((l) => l.busyFraction)) / laneCpu.length, 3) : 0,
    lanes: laneCpu,
    hostHelpersMsPerRun: perRun(sum(helpers.map(([, t]) => t.cpuMs))),
    messagesPerRun: {
      mainToHost: hop('mainToHost'),
      hostToMain: hop('hostToMain'),
      hostToLanes: hop('hostToLanes'),
      lanesToHost: hop('lanesToHost'),
    },
    skippedBatches,
  }
}

function countsBetween(before: MessageCounts, after: MessageCounts): MessageCounts {
  const delta = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined ? undefined : b - a
  return {
    mainToHost: after.mainToHost - before.mainToHost,
    hostToMain: after.hostToMain - before.hostToMain,
    hostToLanes: delta(before.hostToLanes, after.hostToLanes),
    lanesToHost: delta(before.lanesToHost, after.lanesToHost),
  }
}

/** A started measurement; `stop` records it. */
export type BatchStop = (runs: number, wallMs: number) => void

/**
 * Samples both processes' threads (and the message counters) before and
 * after each measured batch, and keeps the differences. Create it only where
 * `threadCpuUnavailable()` is undefined.
 */
export class PipelineMeter {
  readonly #probe: PipelineProbe
  readonly #batches: PipelineBatch[] = []
  #skipped = 0

  constructor(probe: PipelineProbe) {
    const unavailable = threadCpuUnavailable()
    if (unavailable) throw new Error(`Cannot meter the pipeline: ${unavailable}`)
    this.#probe = probe
  }

  /** Samples now; the returned function samples again and records the batch. */
  start(): BatchStop {
    const hostPid = this.#probe.hostPid()
    if (hostPid === undefined) throw new Error('The sandbox host is not running: nothing to meter')
    const mainPid = process.pid
    const messagesBefore = this.#probe.messageCounts?.()
    const mainBefore = sampleThreads(mainPid)
    const hostBefore = sampleThreads(hostPid)
    return (runs, wallMs) => {
      const hostAfter = this.#probe.hostPid() === hostPid ? sampleThreads(hostPid) : undefined
      const mainAfter = sampleThreads(mainPid)
      const messagesAfter = this.#probe.messageCounts?.()
      if (!hostAfter) {
        // A new host: its threads' counts do not continue the old one's.
        this.#skipped++
        return
      }
      this.#batches.push({
        runs,
        wallMs,
        mainPid,
        hostPid,
        main: diffThreads(mainBefore, mainAfter),
        host: diffThreads(hostBefore, hostAfter),
        messages:
          messagesBefore && messagesAfter
            ? countsBetween(messagesBefore, messagesAfter)
            : undefined,
      })
    }
  }

  report(): PipelineReport {
    return buildPipelineReport(this.#batches, this.#probe.lanes, this.#skipped)
  }
}
