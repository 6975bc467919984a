/**
 * The sandbox host process: it owns the lanes (worker threads running
 * QuickJS), their watchdogs, and the dispatch of admitted runs to them. The
 * main process sends runs in batches and mirrors what this process reports,
 * also in batches: one message each way per tick.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { HostConfig, HostHops, HostReport, MainToHost } from '../protocol/host-messages'
import { Dispatcher } from './dispatcher'
import { Lane } from './lane'
import { connectToParent } from './parent-port'

const port = connectToParent()
const lanes: Lane[] = []
const hops: HostHops = { fromMain: 0, toMain: 0, toLanes: 0, fromLanes: 0 }

const emptyReport = (): HostReport => ({
  type: 'report',
  hops,
  lanes: [],
  dispatched: [],
  settled: [],
})
let report = emptyReport()

/** Results one report may hold before it leaves at once. */
const MAX_SETTLED_PER_REPORT = 64
/** How long a report that only says where runs went may wait for company. */
const DISPATCH_ONLY_DELAY_MS = 4

let immediate = false
let timer: ReturnType<typeof setTimeout> | undefined
/** The pending timer is the short one, for results. */
let timerForResults = false

/**
 * Everything reported within one tick leaves in one message. Results and
 * lane events leave at the end of the tick, unless the queue holds enough
 * runs to keep every lane busy: then nobody waits on the report to refill a
 * lane, and it gathers results for up to a millisecond. A report that only
 * says where runs went (the window's lane view, the backstop's clock) waits
 * a few milliseconds to travel with the next result instead of alone.
 */
function flushSoon(): void {
  if (immediate) return
  const urgent = report.settled.length > 0 || report.lanes.length > 0
  const lanesBusyAnyway = dispatcher.queued >= 2 * lanes.length
  if (urgent && !(lanesBusyAnyway && report.settled.length < MAX_SETTLED_PER_REPORT)) {
    immediate = true
    setImmediate(flush)
    return
  }
  if (timer && (timerForResults || !urgent)) return
  if (timer) clearTimeout(timer)
  timerForResults = urgent
  timer = setTimeout(flush, urgent ? 1 : DISPATCH_ONLY_DELAY_MS)
}

function flush(): void {
  immediate = false
  if (timer) clearTimeout(timer)
  timer = undefined
  timerForResults = false
  if (
    report.settled.length === 0 &&
    report.lanes.length === 0 &&
    report.dispatched.length === 0 &&
    report.logs === undefined
  )
    return
  const out = report
  report = emptyReport()
  hops.toMain++
  port.send(out)
}

const dispatcher = new Dispatcher({
  lane: (event) => {
    // The main process applies a report's lane events before its dispatches
    // and results: what came first must not ride in the same report after them.
    if (report.dispatched.length > 0 || report.settled.length > 0) flush()
    report.lanes.push(event)
    flushSoon()
  },
  dispatched: (event) => {
    hops.toLanes++
    report.dispatched.push(event)
    flushSoon()
  },
  settled: (event) => {
    report.settled.push(event)
    flushSoon()
  },
})

function compileEngine(): WebAssembly.Module {
  const wasmPath = require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')
  return new WebAssembly.Module(readFileSync(wasmPath))
}

function configure(config: HostConfig): void {
  if (lanes.length > 0) return
  const wasmModule = compileEngine()
  const workerFile = join(__dirname, 'lane-worker.js')
  for (let i = 0; i < config.lanes; i++) {
    const lane = new Lane(i, workerFile, config.laneMemoryMb, wasmModule, {
      ready: (index) => {
        dispatcher.sink.lane({ kind: 'ready', lane: index })
        dispatcher.pump()
      },
      settled: (result, replacing) => {
        hops.fromLanes++
        dispatcher.sink.settled(replacing ? { result, replacing } : { result })
        dispatcher.pump()
      },
      recycled: (index, cause) => dispatcher.sink.lane({ kind: 'recycled', lane: index, cause }),
      unresponsive: (index) => dispatcher.sink.lane({ kind: 'unresponsive', lane: index }),
      replaced: (index, cause, planned) =>
        dispatcher.sink.lane({ kind: 'replaced', lane: index, cause, planned }),
      requeue: (jobs) => dispatcher.requeue(jobs),
      // Lines of a run still running are not urgent: they ride with the next report.
      logs: (chunk) => {
        hops.fromLanes++
        ;(report.logs ??= []).push(chunk)
        flushSoon()
      },
    })
    lanes.push(lane)
  }
  dispatcher.attach(lanes)
  for (const lane of lanes) lane.start()
}

async function shutdown(): Promise<void> {
  await Promise.allSettled(lanes.map((lane) => lane.stop()))
  process.exit(0)
}

port.onMessage((message: MainToHost) => {
  hops.fromMain++
  switch (message.type) {
    case 'configure':
      configure(message.config)
      break
    case 'runs':
      dispatcher.enqueue(message.jobs)
      break
    case 'cancel':
      dispatcher.cancel(message.runId)
      break
    case 'ping':
      hops.toMain++
      port.send({
        type: 'pong',
        seq: message.seq,
        rssBytes: process.memoryUsage.rss(),
        hops: { ...hops },
        lanes: lanes.map((lane) => lane.busy()),
      })
      break
    case 'shutdown':
      void shutdown()
      break
    case 'fault':
      if (message.fault === 'kill-lane') lanes[message.lane]?.kill()
      else lanes[message.lane]?.hang()
      break
  }
})
port.onDisconnect(() => void shutdown())
port.send({ type: 'ready', pid: process.pid })
