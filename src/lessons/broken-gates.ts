import { Semaphore } from '../gate/semaphore'
import type { GateVerdict } from '../protocol/gate-verdict'

/**
 * The semaphore-leak lesson: one workload through the real gate and through
 * four gates broken the ways real services break them, side by side.
 */

/** What a gate must offer to run the workload. */
interface DemoGate {
  /** Resolves with a release function, or rejects when the wait times out. */
  acquire(timeoutMs: number): Promise<() => void>
  /** Permits held right now, as the gate itself counts them. */
  readonly inUse: number
  readonly waiting: number
}

/** A counting semaphore as it is often hand-written: a counter and a queue, release not owned by anyone. */
class NaiveGate implements DemoGate {
  #free: number
  readonly #queue: (() => void)[] = []
  inUse = 0

  constructor(
    readonly permits: number,
    private readonly honourTimeout: boolean,
  ) {
    this.#free = permits
  }

  get waiting(): number {
    return this.#queue.length
  }

  acquire(timeoutMs: number): Promise<() => void> {
    const release = (): void => {
      // Not owned by a handle: calling it twice frees two permits.
      this.inUse--
      const next = this.#queue.shift()
      if (next) next()
      else this.#free++
    }
    if (this.#free > 0) {
      this.#free--
      this.inUse++
      return Promise.resolve(release)
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        if (timer) clearTimeout(timer)
        this.inUse++
        resolve(release)
      }
      const timer = this.honourTimeout
        ? setTimeout(() => {
            this.#queue.splice(this.#queue.indexOf(grant), 1)
            reject(new Error('timeout'))
          }, timeoutMs)
        : undefined
      this.#queue.push(grant)
    })
  }
}

/** Gatehouse's own semaphore behind the same small interface. */
class RealGate implements DemoGate {
  readonly #gate: Semaphore
  constructor(permits: number) {
    this.#gate = new Semaphore(permits)
  }
  get inUse(): number {
    return this.#gate.activeCount
  }
  get waiting(): number {
    return this.#gate.pendingCount
  }
  async acquire(timeoutMs: number): Promise<() => void> {
    const permit = await this.#gate.acquire({ timeoutMs })
    return () => void permit.release()
  }
}

type Usage = 'finally' | 'outside-finally' | 'twice' | 'release-on-timeout'

const USAGE_TEXT: Record<Usage, string> = {
  finally: 'acquire, then release in finally',
  'outside-finally': 'release after the work, outside finally',
  twice: 'release on error and again in finally',
  'release-on-timeout': 'release at the run timeout, the work goes on',
}

/** Resolves true when `work` outlasts `timeoutMs`, false when it ends first; never stops the work. */
async function outlasts(work: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<boolean>(
    (resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)),
  )
  try {
    return await Promise.race([work.then(() => false), late])
  } finally {
    clearTimeout(timer)
  }
}

export interface WorkloadOptions {
  tasks: number
  permits: number
  /** Every n-th task throws, the way a script error or a panic does. */
  throwEvery: number
  waitTimeoutMs: number
  /** How long a task may run before the release-on-timeout gate answers for it (and releases). */
  runTimeoutMs: number
  /** How long the whole workload may take before what is left counts as stuck. */
  deadlineMs: number
}

export const DEFAULT_WORKLOAD: WorkloadOptions = {
  tasks: 60,
  permits: 4,
  throwEvery: 7,
  waitTimeoutMs: 300,
  runTimeoutMs: 12,
  deadlineMs: 1500,
}

async function runWorkload(
  gate: DemoGate,
  usage: Usage,
  options: WorkloadOptions,
  name: string,
): Promise<GateVerdict> {
  let running = 0
  let peakRunning = 0
  let completed = 0
  let failed = 0
  let timedOut = 0
  let runTimeouts = 0
  let settled = 0
  const work = async (i: number): Promise<void> => {
    running++
    peakRunning = Math.max(peakRunning, running)
    try {
      await new Promise((resolve) => setTimeout(resolve, 5 + (i % 4) * 5))
      if (i % options.throwEvery === options.throwEvery - 1) throw new Error(`task ${i} failed`)
    } finally {
      running--
    }
  }
  const task = async (i: number): Promise<void> => {
    let release: () => void
    try {
      release = await gate.acquire(options.waitTimeoutMs)
    } catch {
      timedOut++
      return
    }
    try {
      if (usage === 'finally') {
        try {
          await work(i)
        } finally {
          release()
        }
      } else if (usage === 'release-on-timeout') {
        // The caller gets its answer at the timeout and the permit goes back,
        // but nothing stops the work: it keeps running without a permit.
        const job = work(i)
        job.catch(() => undefined)
        let late: boolean
        try {
          late = await outlasts(job, options.runTimeoutMs)
        } finally {
          release()
        }
        if (late) {
          runTimeouts++
          return
        }
        await job
      } else if (usage === 'outside-finally') {
        await work(i)
        release() // skipped when work throws: the permit leaks
      } else {
        try {
          await work(i)
          release()
        } catch (error) {
          release() // and once more below: a double release
          throw error
        } finally {
          if (i % options.throwEvery === options.throwEvery - 1) release()
        }
      }
      completed++
    } catch {
      failed++
    }
  }
  const all = Array.from({ length: options.tasks }, (_, i) => task(i).finally(() => settled++))
  await Promise.race([
    Promise.all(all),
    new Promise((resolve) => setTimeout(resolve, options.deadlineMs)),
  ])
  const stuck = options.tasks - settled
  const inUseAfter = gate.inUse
  const problems: string[] = []
  if (stuck > 0)
    problems.push(`${stuck} tasks deadlocked, waiting for permits that never come back`)
  if (inUseAfter !== 0) problems.push(`${inUseAfter} permits leaked`)
  if (peakRunning > options.permits)
    problems.push(`${peakRunning} tasks ran at once with ${options.permits} permits`)
  if (inUseAfter < 0) problems.push('the gate counts fewer than zero permits held')
  return {
    gate: name,
    usage: USAGE_TEXT[usage],
    completed,
    failed,
    timedOut,
    ...(usage === 'release-on-timeout' ? { runTimeouts } : {}),
    stuck,
    peakRunning,
    permits: options.permits,
    inUseAfter,
    verdict: problems.length === 0 ? 'sound: every permit came back once' : problems.join('; '),
  }
}

/** Runs the same workload through the real gate and four broken ones. */
export async function compareGates(
  options: WorkloadOptions = DEFAULT_WORKLOAD,
): Promise<GateVerdict[]> {
  return Promise.all([
    runWorkload(new RealGate(options.permits), 'finally', options, 'Gatehouse semaphore'),
    runWorkload(
      new NaiveGate(options.permits, true),
      'outside-finally',
      options,
      'release outside finally',
    ),
    runWorkload(new NaiveGate(options.permits, true), 'twice', options, 'double release'),
    runWorkload(
      new NaiveGate(options.permits, false),
      'outside-finally',
      options,
      'no wait timeout',
    ),
    runWorkload(new RealGate(options.permits), 'release-on-timeout', options, 'release on timeout'),
  ])
}

/** A task's permit and its work, in milliseconds from the start of the demo. */
export interface TaskInterval {
  id: string
  permitMs: [number, number]
  runningMs: [number, number]
  ended: string
}

/** The most intervals open at one moment (an end at t closes before a start at t opens). */
export function peakOverlap(intervals: readonly (readonly [number, number])[]): number {
  const edges = intervals.flatMap(([from, to]) => [
    { at: from, step: 1 },
    { at: to, step: -1 },
  ])
  edges.sort((a, b) => a.at - b.at || a.step - b.step)
  let open = 0
  let peak = 0
  for (const edge of edges) {
    open += edge.step
    peak = Math.max(peak, open)
  }
  return peak
}

/**
 * The leak matrix's ninth path, broken: `tasks` scripts that each work for
 * `workMs` through a gate of `permits` that answers and releases at
 * `runTimeoutMs` without stopping the work. Gatehouse's own semaphore does
 * the counting; the bug is the release before the work stopped.
 */
export async function releaseOnTimeoutDemo(options: {
  permits: number
  tasks: number
  runTimeoutMs: number
  workMs: number
}): Promise<{ peakRunning: number; intervals: TaskInterval[] }> {
  const gate = new RealGate(options.permits)
  const start = performance.now()
  const now = () => Math.round((performance.now() - start) * 10) / 10
  const works: Promise<void>[] = []
  const intervals = await Promise.all(
    Array.from({ length: options.tasks }, async (_, i): Promise<TaskInterval> => {
      const release = await gate.acquire(60_000)
      const taken = now()
      const interval: TaskInterval = {
        id: `task-${i + 1}`,
        permitMs: [taken, taken],
        runningMs: [taken, taken],
        ended: 'ok',
      }
      const work = new Promise<void>((resolve) => setTimeout(resolve, options.workMs)).then(() => {
        interval.runningMs[1] = now()
      })
      works.push(work)
      const late = await outlasts(work, options.runTimeoutMs)
      release()
      interval.permitMs[1] = now()
      if (late) interval.ended = 'released on timeout'
      return interval
    }),
  )
  // The caller's answers are all in; the work they abandoned is still going.
  await Promise.all(works)
  return { peakRunning: peakOverlap(intervals.map((t) => t.runningMs)), intervals }
}
