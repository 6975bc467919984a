/**
 * A lane: one worker thread in the sandbox host, running one QuickJS module.
 * The host sends runs ahead; the thread keeps them in its own queue and
 * takes the next the moment the last one is cleaned up, without a round
 * trip. The host's watchdog terminates this thread if a run outlives its
 * deadline inside a built-in (it reads the thread's phase from shared memory).
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import releaseSync from '@jitl/quickjs-wasmfile-release-sync'
import type { HostToLane, LaneJob, LaneToHost } from '../protocol/host-messages'
import { failedLaneResult, NOT_STARTED } from '../protocol/host-messages'
import type { LaneWorkerData } from './lane-worker-data'
import { epochNow, LanePhase, LaneStatus } from './lane-status'
import type { RunControl } from './quickjs-runner'
import { QuickJSRunner } from './quickjs-runner'
import { ownThreadId } from './thread-cpu'

const data = workerData as LaneWorkerData
if (!parentPort) throw new Error('lane-worker must run as a worker thread')
const port = parentPort
const status = new LaneStatus(data.statusBuffer)
status.setThreadId(ownThreadId())

const send = (message: LaneToHost): void => port.postMessage(message)

interface Queued {
  job: LaneJob
  seq: number
}

/** How many of the engine's own stderr lines a lane keeps for the next failure report. */
const ENGINE_LINES_KEPT = 8
/** The engine's latest stderr lines (see printErr below), each cut to this length. */
const engineLines: string[] = []
const ENGINE_LINE_CHARS = 1000
/** Set to pass the engine's stderr through to the process's own, for debugging the engine. */
const ENGINE_STDERR = process.env.GATEHOUSE_ENGINE_STDERR === '1'

/**
 * The engine's stderr (emscripten's printErr). An abort prints
 * "Aborted(Assertion failed …)" there and then throws the same text, which
 * the runner turns into a PanicError or a lane replacement with that text
 * as its detail; printed, it would land on the user's terminal after the
 * run's outcome. So the lines are kept for the lane's next failure report
 * instead, and reach stderr only when asked.
 */
function printErr(text: string): void {
  engineLines.push(text.slice(0, ENGINE_LINE_CHARS))
  if (engineLines.length > ENGINE_LINES_KEPT) engineLines.shift()
  if (ENGINE_STDERR) process.stderr.write(`${text}\n`)
}

/** The failure's own text, with whatever else the engine printed that it does not repeat. */
function withEngineLines(detail: string | undefined): string | undefined {
  const extra = engineLines.splice(0).filter((line) => !detail?.includes(line))
  const parts = [...(detail ? [detail] : []), ...extra]
  return parts.length > 0 ? parts.join('\n') : undefined
}

async function main(): Promise<void> {
  const runner = await QuickJSRunner.create({
    laneMemoryMb: data.laneMemoryMb,
    variant: releaseSync,
    wasmModule: data.wasmModule,
    printErr,
  })
  warmUp(runner)
  const queue: Queued[] = []
  let pumping = false
  /** Set while the engine is being rebuilt after it aborted in a cleanup. */
  let renewing = false
  /** Set once this thread asked to be replaced: it takes no more runs. */
  let retired = false

  /** A new engine in this thread; the queue waits, and a failure retires the lane. */
  const renew = (seq: number): void => {
    renewing = true
    status.enter(LanePhase.Cleaning, seq, epochNow())
    runner.renew().then(
      () => {
        renewing = false
        status.enter(LanePhase.Idle, seq, epochNow())
        pump()
      },
      () => {
        retired = true
        send({ type: 'cleaned', seq, replaceLane: 'lane-abort' })
      },
    )
  }

  const accept = (message: HostToLane): void => {
    status.noteRead(epochNow())
    switch (message.type) {
      case 'ping':
        // Reading it is the answer: the host sees it in the status cells.
        break
      case 'hang':
        hangForever()
        break
      case 'run':
        queue.push({ job: message.job, seq: message.seq })
        break
      case 'cancel': {
        const index = queue.findIndex((q) => q.seq === message.seq)
        if (index === -1) break
        const { job, seq } = queue.splice(index, 1)[0] as Queued
        send({ type: 'result', seq, result: failedLaneResult(job, job.lane, NOT_STARTED) })
        break
      }
    }
  }

  /** Runs queued jobs back to back; messages that arrived meanwhile are read in between. */
  const pump = (): void => {
    if (pumping || renewing || retired) return
    pumping = true
    try {
      for (;;) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port))
          accept(m.message as HostToLane)
        const next = queue.shift()
        if (!next) return
        const after = runOne(runner, next)
        if (after === 'retire') {
          retired = true
          return
        }
        if (after === 'renew') return renew(next.seq)
      }
    } finally {
      pumping = false
    }
  }

  port.on('message', (message: HostToLane) => {
    accept(message)
    pump()
  })
  send({ type: 'ready' })
}

/**
 * Runs one job, sends its result, cleans up. Says what the lane does next:
 * take the next run, renew its engine first, or retire (it is being replaced).
 */
function runOne(runner: QuickJSRunner, { job, seq }: Queued): 'next' | 'renew' | 'retire' {
  const startedAt = epochNow()
  status.enter(LanePhase.Running, seq, startedAt)
  // Fault injection: a lane that dies mid-run, for the host to contain.
  if (job.crashLane === 'on-start') process.exit(70)
  const control: RunControl = {
    isCancelled: () => status.isCancelled(seq),
    sleep: (ms) => {
      if (job.crashLane === 'in-event-loop') process.exit(70)
      status.sleepUnlessCancelled(seq, ms)
    },
  }
  // Only a run that asked for live logs sends batches ahead of its result.
  if (job.liveLogs)
    control.streamLogs = (from, entries, dropped) =>
      send({ type: 'logs', seq, from, entries, dropped })
  const started = runner.run(job, control)
  started.result.startedAt = startedAt
  if (started.replaceLane) {
    status.enter(LanePhase.Idle, seq, epochNow())
    send({ type: 'result', seq, result: started.result, replaceLane: started.replaceLane })
    return 'retire'
  }
  send({ type: 'result', seq, result: started.result })
  // The result is on its way; freeing the run's heap does not delay it.
  status.enter(LanePhase.Cleaning, seq, epochNow())
  const { recycled, replaceLane, renewEngine, detail } = started.finish()
  // What the engine printed when it aborted goes with the report, never to stderr.
  const engineDetail = replaceLane || renewEngine ? withEngineLines(detail) : undefined
  if (recycled || replaceLane)
    send({
      type: 'cleaned',
      seq,
      ...(recycled ? { recycled } : {}),
      ...(replaceLane ? { replaceLane } : {}),
      ...(engineDetail ? { detail: engineDetail } : {}),
    })
  if (replaceLane) return 'retire'
  if (renewEngine) return 'renew'
  status.enter(LanePhase.Idle, seq, epochNow())
  return 'next'
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
  const started = runner.run(
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
  if (!started.replaceLane) started.finish()
}

main().catch((error: unknown) => {
  // Without a module the lane is useless; the host sees the exit and replaces it.
  console.error('lane failed to start:', error)
  process.exit(1)
})
