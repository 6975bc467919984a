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
let flushScheduled = false

/** Results one report may hold before it leaves at once. */
const MAX_SETTLED_PER_REPORT = 64

/**
 * Everything reported within one tick leaves in one message. While the
 * queue holds enough runs to keep every lane busy, nobody waits on the
 * report to refill a lane, so it gathers results for up to a millisecond.
 */
function flushSoon(): void {
  if (flushScheduled) return
  flushScheduled = true
  const lanesBusyAnyway = dispatcher.queued >= 2 * lanes.length
  if (lanesBusyAnyway && report.settled.length < MAX_SETTLED_PER_REPORT) setTimeout(flush, 1)
  else setImmediate(flush)
}

function flush(): void {
  flushScheduled = false
  const out = report
  report = emptyReport()
  hops.toMain++
  port.send(out)
}

const dispatcher = new Dispatcher({
  lane: (event) => {
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
      replaced: (index, cause, planned) =>
        dispatcher.sink.lane({ kind: 'replaced', lane: index, cause, planned }),
      requeue: (jobs) => dispatcher.requeue(jobs),
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
