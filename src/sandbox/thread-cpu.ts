import { readFileSync, readlinkSync } from 'node:fs'

/**
 * CPU time of a single thread, from Linux's /proc, so the watchdog can tell a
 * lane thread stuck in a built-in (burning CPU) from one a busy machine has
 * not scheduled (starved). Elsewhere these say "unknown" and the watchdog
 * goes by the clock alone.
 */

/** This thread's kernel id (Linux: from /proc/thread-self), or 0 where there is none. */
export function ownThreadId(): number {
  try {
    const match = /task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux Node supports). */
const TICKS_PER_SECOND = 100

/** CPU milliseconds (user + system) thread `tid` of this process has used; undefined when unknown. */
export function threadCpuMs(tid: number): number | undefined {
  if (tid <= 0) return undefined
  try {
    const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'latin1')
    // The fields after the command name (which may hold spaces) in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const utime = Number(fields[11])
    const stime = Number(fields[12])
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined
    return ((utime + stime) * 1000) / TICKS_PER_SECOND
  } catch {
    return undefined
  }
}
