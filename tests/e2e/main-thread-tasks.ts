import type { Browser, Page } from '@playwright/test'

/** One task of the page's main thread: its wall time, and the CPU time the thread spent in it. */
export interface MainThreadTask {
  /** Trace clock, ms. */
  startMs: number
  wallMs: number
  cpuMs: number
}

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

/**
 * Records the page's main-thread tasks with a Chromium trace (category
 * `toplevel`), which gives each task its wall time and its thread CPU time.
 * The two tell apart a task that did 100 ms of work from one that did 10 ms
 * and waited 90 ms for a core that other processes held: on a loaded
 * two-core machine the longtask API reports both alike.
 */
export async function traceMainThreadTasks(browser: Browser, page: Page) {
  await browser.startTracing(page, { categories: ['toplevel'] })
  return {
    async stop(): Promise<MainThreadTask[]> {
      const buffer = await browser.stopTracing()
      const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }
      return rendererMainTasks(traceEvents)
    },
  }
}

/** The outermost RunTask events of the renderer's main thread that ran tasks. */
export function rendererMainTasks(events: readonly TraceEvent[]): MainThreadTask[] {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  const byThread = new Map<string, TraceEvent[]>()
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(thread)) continue
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') continue
    const list = byThread.get(thread)
    if (list) list.push(e)
    else byThread.set(thread, [e])
  }
  // The page's thread is the busiest one (a trace may name other renderers' main threads).
  const busyMs = (list: TraceEvent[]) => list.reduce((sum, e) => sum + (e.dur ?? 0), 0)
  const busiest = [...byThread.values()].sort((a, b) => busyMs(b) - busyMs(a))[0] ?? []
  busiest.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const tasks: MainThreadTask[] = []
  let outerEnd = -Infinity
  for (const e of busiest) {
    if (e.ts < outerEnd) continue // nested in the task before
    outerEnd = e.ts + (e.dur ?? 0)
    tasks.push({
      startMs: e.ts / 1000,
      wallMs: (e.dur ?? 0) / 1000,
      cpuMs: (e.tdur ?? e.dur ?? 0) / 1000,
    })
  }
  return tasks
}

/** What the tasks over `boundMs` were: by wall time and by CPU time, for the test's annotations. */
export function describeLongTasks(tasks: readonly MainThreadTask[], boundMs: number): string {
  const longWall = tasks.filter((t) => t.wallMs > boundMs)
  const longestCpu = Math.max(0, ...tasks.map((t) => t.cpuMs))
  const round = (ms: number) => Math.round(ms)
  return (
    `${tasks.length} tasks; longest CPU ${round(longestCpu)} ms; ` +
    `${longWall.length} over ${boundMs} ms of wall time` +
    (longWall.length > 0
      ? ` (wall/CPU ms: ${longWall
          .slice(0, 12)
          .map((t) => `${round(t.wallMs)}/${round(t.cpuMs)}`)
          .join(', ')}${longWall.length > 12 ? ', …' : ''})`
      : '')
  )
}
