import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'

/** The CPU a thread has used so far, as Linux accounts it. */
export interface ThreadCpu {
  tid: number
  /** The thread's name from /proc (Node 20 calls every thread "node"). */
  name: string
  /** User + system time, in clock ticks (stat fields 14 and 15). */
  ticks: number
  /**
   * Nanoseconds spent runnable but waiting for a core (schedstat field 2), or
   * undefined when the kernel does not keep schedstats.
   */
  runQueueNs: number | undefined
}

/**
 * Why per-thread CPU cannot be read here, or undefined when it can: it comes
 * from /proc/<pid>/task, which only Linux has.
 */
export function threadCpuUnavailable(): string | undefined {
  if (process.platform !== 'linux') {
    return `per-thread CPU is read from /proc, which ${process.platform} does not have`
  }
  if (!existsSync(`/proc/${process.pid}/task/${process.pid}/stat`)) {
    return '/proc/<pid>/task/<tid>/stat is not readable here'
  }
  return undefined
}

let ticksPerSecond: number | undefined

/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on every usual Linux). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    let parsed = Number.NaN
    try {
      parsed = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    } catch {
      // No getconf: the kernel's USER_HZ is 100 on every Linux architecture Node runs on.
    }
    ticksPerSecond = Number.isInteger(parsed) && parsed > 0 ? parsed : 100
  }
  return ticksPerSecond
}

/**
 * Parses one /proc/<pid>/task/<tid>/stat line into user + system ticks.
 * The name (field 2) sits in parentheses and may itself hold spaces and
 * parentheses, so fields are counted from the last ')'.
 */
export function parseStatTicks(stat: string): number {
  const close = stat.lastIndexOf(')')
  if (close < 0) throw new Error(`Not a /proc stat line: "${stat.slice(0, 60)}"`)
  // After ") " come fields 3 (state), 4, ...: field n is at index n - 3.
  const fields = stat
    .slice(close + 1)
    .trim()
    .split(/\s+/)
  const utime = Number(fields[14 - 3])
  const stime = Number(fields[15 - 3])
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) {
    throw new Error(`No utime/stime in /proc stat line: "${stat.slice(0, 60)}"`)
  }
  return utime + stime
}

/** Parses /proc/.../schedstat ("on-cpu-ns runqueue-ns slices") into the run-queue wait. */
export function parseSchedstatWaitNs(schedstat: string): number | undefined {
  const wait = Number(schedstat.trim().split(/\s+/)[1])
  return Number.isFinite(wait) ? wait : undefined
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    // The thread ended between listing and reading: it has nothing more to count.
    return undefined
  }
}

/** The CPU used so far by every thread of process `pid` (threads that end mid-read are left out). */
export function sampleThreads(pid: number): ThreadCpu[] {
  let tids: string[]
  try {
    tids = readdirSync(`/proc/${pid}/task`)
  } catch (error) {
    throw new Error(`Cannot list the threads of process ${pid}: ${(error as Error).message}`)
  }
  const threads: ThreadCpu[] = []
  for (const tid of tids) {
    const stat = readOrUndefined(`/proc/${pid}/task/${tid}/stat`)
    if (stat === undefined) continue
    const schedstat = readOrUndefined(`/proc/${pid}/task/${tid}/schedstat`)
    threads.push({
      tid: Number(tid),
      name: (readOrUndefined(`/proc/${pid}/task/${tid}/comm`) ?? '').trim(),
      ticks: parseStatTicks(stat),
      runQueueNs: schedstat === undefined ? undefined : parseSchedstatWaitNs(schedstat),
    })
  }
  return threads
}

/** What one thread used between two samples. */
export interface ThreadCpuDelta {
  tid: number
  name: string
  cpuMs: number
  /** Time runnable but waiting for a core, when the kernel keeps schedstats. */
  runQueueMs: number | undefined
}

/**
 * CPU used by each thread between two samples of the same process. A thread
 * born in between counts from zero; one that ended in between is lost (its
 * last ticks cannot be read any more).
 */
export function diffThreads(before: ThreadCpu[], after: ThreadCpu[]): ThreadCpuDelta[] {
  const msPerTick = 1000 / clockTicksPerSecond()
  const earlier = new Map(before.map((t) => [t.tid, t]))
  return after.map((t) => {
    const start = earlier.get(t.tid)
    const startWait = start ? start.runQueueNs : 0
    return {
      tid: t.tid,
      name: t.name,
      cpuMs: (t.ticks - (start?.ticks ?? 0)) * msPerTick,
      runQueueMs:
        t.runQueueNs === undefined || startWait === undefined
          ? undefined
          : (t.runQueueNs - startWait) / 1e6,
    }
  })
}

/** User + system ticks of one thread so far. */
export function threadTicks(pid: number, tid: number): number {
  return parseStatTicks(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'))
}
