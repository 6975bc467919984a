/**
 * The sandbox host process: it owns the lanes (worker threads running
 * QuickJS) and their watchdogs. It knows nothing of permits or queues; the
 * main process tells it which lane runs what.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { HostConfig, MainToHost } from '../protocol/host-messages'
import { Lane } from './lane'
import { connectToParent } from './parent-port'

const port = connectToParent()
const lanes: Lane[] = []

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
      ready: (index) => port.send({ type: 'lane.ready', lane: index }),
      result: (result, extra) => port.send({ type: 'result', result, ...extra }),
      recycled: (index, cause) => port.send({ type: 'lane.recycled', lane: index, cause }),
      replaced: (index, cause, planned) =>
        port.send({ type: 'lane.replaced', lane: index, cause, planned }),
    })
    lanes.push(lane)
    lane.start()
  }
}

async function shutdown(): Promise<void> {
  await Promise.all(lanes.map((lane) => lane.stop()))
  process.exit(0)
}

port.onMessage((message: MainToHost) => {
  switch (message.type) {
    case 'configure':
      configure(message.config)
      break
    case 'run': {
      const lane = lanes[message.job.lane]
      if (!lane || !lane.canTake) {
        port.send({
          type: 'result',
          result: {
            runId: message.job.runId,
            lane: message.job.lane,
            status: 'error',
            error: {
              type: 'PanicError',
              cause: 'lane-exit',
              message: `Lane ${message.job.lane} cannot take a run now`,
            },
            logs: [],
            droppedLogs: 0,
            route: message.job.route,
            runMs: 0,
          },
        })
        break
      }
      lane.run(message.job)
      break
    }
    case 'cancel':
      for (const lane of lanes) if (lane.cancel(message.runId)) break
      break
    case 'ping':
      port.send({ type: 'pong', seq: message.seq, rssBytes: process.memoryUsage.rss() })
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
