import { createRequire } from 'node:module'
import vm from 'node:vm'
import releaseSync from '@jitl/quickjs-wasmfile-release-sync'
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core'
import { createCore } from '../../engine/create-core'
import type { HostSpawner } from '../../engine/host-process'
import type { BatchStop, MessageCounts, PipelineReport } from './pipeline-cpu'
import { PipelineMeter } from './pipeline-cpu'
import type { BenchScript } from './scripts'
import { BENCH_SCRIPTS } from './scripts'
import { threadCpuUnavailable } from './thread-cpu'

/** Something that runs a bench script `count` times in a row and checks each result. */
export interface Contender {
  name: string
  /** Resolves when all `count` runs are done; throws on a wrong result. */
  runBatch(script: BenchScript, count: number): Promise<void>
  close(): Promise<void>
  /** Called just before a measured batch, outside its timing; the result is called after it. */
  meterBatch?(script: BenchScript): BatchStop | undefined
  /** A slow contender runs this fraction of each batch of a script (its rate stays per second). */
  batchFraction?: Partial<Record<BenchScript, number>>
  /** CPU per run over the measured batches, of every thread the contender uses. */
  cpuMsPerRun?(script: BenchScript): number | undefined
}

/** How long an in-process contender may hold the event loop before it lets timers run. */
const YIELD_EVERY_MS = 20

/**
 * Returns a function to call between runs: it lets the event loop turn once
 * YIELD_EVERY_MS has passed. An in-process batch is otherwise one long
 * synchronous stretch (seconds on a busy machine), during which the Gatehouse
 * core sharing this process cannot read its host's heartbeat answers, and
 * then declares the host lost. Yielding every 20 ms costs well under 1%.
 */
export function eventLoopTurns(): () => Promise<void> | undefined {
  let last = performance.now()
  return () => {
    const now = performance.now()
    if (now - last < YIELD_EVERY_MS) return undefined
    last = now
    return new Promise((resolve) => setImmediate(resolve))
  }
}

/** The script wrapped as a lane wraps it, called with its input inline. */
function selfContained(script: BenchScript): string {
  const { code, input } = BENCH_SCRIPTS[script]
  return `(function (input) {${code}\n})(${JSON.stringify(input)})`
}

/** Throws unless `got` is the script's expected result. */
export function check(name: string, script: BenchScript, got: unknown): void {
  if (got !== BENCH_SCRIPTS[script].expected) {
    throw new Error(`${name} returned ${JSON.stringify(got)} for ${script}`)
  }
}

/**
 * The floor: QuickJS in this process, one thread, a fresh context per run on
 * a reused runtime, with the same function-body wrapping as a lane. No gate,
 * no processes, no messages: what the engine alone costs.
 */
export async function quickjsFloor(): Promise<Contender> {
  const module = await newQuickJSWASMModuleFromVariant(releaseSync)
  const runtime = module.newRuntime()
  runtime.setMemoryLimit(64 * 1024 * 1024)
  const name = 'QuickJS floor'
  return {
    name,
    async runBatch(script, count) {
      const source = selfContained(script)
      const turn = eventLoopTurns()
      for (let i = 0; i < count; i++) {
        await turn()
        const ctx = runtime.newContext()
        const deadline = Date.now() + 5000
        runtime.setInterruptHandler(() => Date.now() > deadline)
        const handle = ctx.unwrapResult(ctx.evalCode(source))
        const value = ctx.getNumber(handle)
        handle.dispose()
        ctx.dispose()
        check(name, script, value)
      }
    },
    async close() {
      runtime.dispose()
    },
  }
}

/** node:vm with a new context per run and a timeout: what people reach for first. */
export function nodeVm(): Contender {
  const name = 'node:vm'
  return {
    name,
    async runBatch(script, count) {
      const { code, input } = BENCH_SCRIPTS[script]
      const compiled = new vm.Script(`(function (input) {${code}\n})(JSON.parse(inputJson))`)
      const inputJson = JSON.stringify(input)
      const turn = eventLoopTurns()
      for (let i = 0; i < count; i++) {
        await turn()
        const context = vm.createContext({ inputJson })
        check(name, script, compiled.runInContext(context, { timeout: 5000 }))
      }
    },
    async close() {},
  }
}

interface IsolatedVm {
  Isolate: new (options: { memoryLimit: number }) => {
    createContextSync(): {
      release(): void
      evalSync(code: string, options: { timeout: number }): unknown
    }
    dispose(): void
  }
}

/** isolated-vm, a reused isolate with a new context per run, when it is installed. */
export function isolatedVm(): Contender | { missing: string } {
  let ivm: IsolatedVm
  try {
    ivm = createRequire(__filename)('isolated-vm') as IsolatedVm
  } catch (error) {
    return { missing: `isolated-vm is not installed (${(error as Error).message.split('\n')[0]})` }
  }
  const isolate = new ivm.Isolate({ memoryLimit: 64 })
  const name = 'isolated-vm'
  return {
    name,
    async runBatch(script, count) {
      const source = selfContained(script)
      const turn = eventLoopTurns()
      for (let i = 0; i < count; i++) {
        await turn()
        const context = isolate.createContextSync()
        check(name, script, context.evalSync(source, { timeout: 5000 }))
        context.release()
      }
    },
    async close() {
      isolate.dispose()
    },
  }
}

type BenchCore = Awaited<ReturnType<typeof createCore>>

/** Gatehouse, with where its CPU and messages went in the measured batches. */
export interface GatehouseContender extends Contender {
  core: BenchCore
  /** Why CPU per thread is not measured here, or undefined when it is. */
  cpuUnavailable: string | undefined
  /** CPU and messages per run over the measured batches of `script`, once any ran. */
  pipeline(script: BenchScript): PipelineReport | undefined
}

/** The host's message counters on each hop. */
export function hostMessageCounter(core: BenchCore): () => MessageCounts {
  const { host } = core.internals
  return () => host.messageCounts()
}

/**
 * Gatehouse end to end: validation, analyzer, gate, scheduler, the sandbox
 * host process and its lanes, and back. A batch is submitted at once, as a
 * client under load would.
 */
export async function gatehouse(
  spawnHost: HostSpawner,
  cores: number,
): Promise<GatehouseContender> {
  const core = await createCore({
    spawnHost,
    // The default gate on this machine: a lane per core, two permits per lane,
    // so each lane has its next run waiting when one ends.
    settings: { permits: Math.max(4, 2 * cores), lanes: cores, waitTimeoutMs: 600_000 },
  })
  await waitForLanes(core)
  const name = 'Gatehouse'
  let seq = 0
  const cpuUnavailable = threadCpuUnavailable()
  const meters = new Map<BenchScript, PipelineMeter>()
  return {
    name,
    core,
    cpuUnavailable,
    async runBatch(script, count) {
      const { code, input } = BENCH_SCRIPTS[script]
      const inputJson = JSON.stringify(input)
      await Promise.all(
        Array.from({ length: count }, async () => {
          const reply = await core.handle('run:submit', {
            id: `bench-${++seq}`,
            code,
            input: inputJson,
          })
          if (!reply.ok) throw new Error(reply.error.message)
          if (reply.value.status !== 'ok') throw new Error(`${name}: ${reply.value.error?.message}`)
          check(name, script, reply.value.value)
        }),
      )
    },
    meterBatch(script) {
      if (cpuUnavailable) return undefined
      let meter = meters.get(script)
      if (!meter) {
        meter = new PipelineMeter({
          hostPid: () => core.internals.host.pid,
          lanes: cores,
          messageCounts: hostMessageCounter(core),
        })
        meters.set(script, meter)
      }
      return meter.start()
    },
    pipeline: (script) => meters.get(script)?.report(),
    cpuMsPerRun: (script) => meters.get(script)?.report().totalMsPerRun,
    close: () => core.shutdown(),
  }
}

/** Every lane idle: the core reports ready with its first lane. */
export async function waitForLanes(core: BenchCore): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (core.internals.scheduler.snapshot().lanes.every((l) => l.state === 'idle')) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('The lanes did not all become ready')
}
