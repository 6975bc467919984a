/**
 * A lane: one worker thread in the sandbox host, running one QuickJS module.
 * Runs arrive one at a time from the host; the host's watchdog terminates
 * this thread if a run outlives its deadline inside a built-in.
 */
import { parentPort, workerData } from 'node:worker_threads'
import releaseSync from '@jitl/quickjs-wasmfile-release-sync'
import type { HostToLane, LaneToHost } from '../protocol/host-messages'
import type { LaneWorkerData } from './lane-worker-data'
import { QuickJSRunner } from './quickjs-runner'

const data = workerData as LaneWorkerData
if (!parentPort) throw new Error('lane-worker must run as a worker thread')
const port = parentPort
const cancelCell = new Int32Array(data.cancelBuffer)

const send = (message: LaneToHost): void => port.postMessage(message)

async function main(): Promise<void> {
  const runner = await QuickJSRunner.create({
    laneMemoryMb: data.laneMemoryMb,
    variant: releaseSync,
    wasmModule: data.wasmModule,
  })
  warmUp(runner)
  port.on('message', (message: HostToLane) => {
    if (message.type === 'hang') hangForever()
    const { job, seq } = message
    // Fault injection: a lane that dies mid-run, for the host to contain.
    if (job.crashLane) process.exit(70)
    const started = runner.start(job, {
      isCancelled: () => Atomics.load(cancelCell, 0) === seq,
      sleep: (ms) => {
        const current = Atomics.load(cancelCell, 0)
        if (current !== seq) Atomics.wait(cancelCell, 0, current, ms)
      },
    })
    const reply: LaneToHost = { type: 'result', result: started.result }
    if (started.replaceLane) {
      reply.replaceLane = started.replaceLane
      send(reply)
      return
    }
    send(reply)
    // The result is on its way; freeing the run's heap does not delay it.
    const cleanup = started.finish()
    send({ type: 'idle', ...cleanup })
  })
  send({ type: 'ready' })
}

/** Fault injection: blocks this thread for good, as a wedged engine would. */
function hangForever(): never {
  const cell = new Int32Array(new SharedArrayBuffer(4))
  for (;;) Atomics.wait(cell, 0, 0)
}

/**
 * V8 compiles WASM functions lazily, on first call: the first run on a new
 * lane would pay tens of milliseconds for it and report them as its own run
 * time. One throwaway run over the common paths pays that before 'ready'.
 */
function warmUp(runner: QuickJSRunner): void {
  runner.run(
    {
      runId: 'warm-up',
      lane: data.lane,
      code: 'const o = { a: [1, 2, 3], s: "x".repeat(10) }; console.log(JSON.stringify(o)); return Promise.resolve(o)',
      input: '{"warm":true}',
      route: 'pool',
      limits: { runTimeoutMs: 5000, memoryMb: Math.max(8, data.laneMemoryMb - 32), stackKb: 256 },
    },
    { isCancelled: () => false, sleep: () => undefined },
  )
}

main().catch((error: unknown) => {
  // Without a module the lane is useless; the host sees the exit and replaces it.
  console.error('lane failed to start:', error)
  process.exit(1)
})
