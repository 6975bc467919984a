import type {
  CustomizeVariantOptions,
  QuickJSContext,
  QuickJSRuntime,
  QuickJSSyncVariant,
  QuickJSWASMModule,
} from 'quickjs-emscripten-core'
import { errors, newQuickJSWASMModuleFromVariant, newVariant, Scope } from 'quickjs-emscripten-core'
import type { LaneJob, LaneResult, ResolvedLimits } from '../protocol/host-messages'
import { failedLaneResult } from '../protocol/host-messages'
import type { RunError } from '../protocol/outcome'
import { LIMITS } from '../protocol/settings'
import { parseEnvelope } from './envelope'
import { formatMb, keepPositionInside, mapSandboxError } from './error-mapping'
import type { RunControl, SandboxAnswer } from './sandbox-run'
import { RunState, runInContext } from './sandbox-run'
import { wrapperColumnOffset } from './script-wrapper'

type EmscriptenModuleLoaderOptions = NonNullable<CustomizeVariantOptions['emscriptenModule']>

const MB = 1024 * 1024
const WASM_PAGE = 64 * 1024
/** The module's own initial heap (emscripten INITIAL_MEMORY). */
const INITIAL_MEMORY_BYTES = 16 * MB
export { MAX_TIMERS } from './prelude'
export type { RunControl } from './sandbox-run'

export interface RunnerOptions {
  /** The lane's hard cap: the maximum of its WebAssembly.Memory. */
  laneMemoryMb: number
  /** The QuickJS build; release-sync unless a test asks for debug-sync. */
  variant: QuickJSSyncVariant
  /** A compiled module to instantiate, so a new lane need not compile again. */
  wasmModule?: WebAssembly.Module
  /**
   * Where the module's own stderr lines go (emscripten's printErr: an
   * abort's "Aborted(Assertion failed …)", warnings). Without it they would
   * reach the process's stderr, the user's terminal.
   */
  printErr?: (text: string) => void
}

/** What a run's cleanup did, and what the lane must do before its next run. */
export interface Cleanup {
  /** Why the runtime (or the whole engine) was renewed, when it was. */
  recycled?: string
  /** The lane must go (a runner over a module it cannot rebuild, or one that grew too big). */
  replaceLane?: string
  /** The engine aborted while freeing the run: `await renew()` before the next run. */
  renewEngine?: boolean
  /** What the module threw, when it failed. */
  detail?: string
}

/** A run whose result is known and whose cleanup is still to do. */
export interface StartedRun {
  result: LaneResult
  /** Set when the module failed during the run: replace the lane, skip `finish`. */
  replaceLane?: string
  /** Disposes the run's context and recycles what must be; says whether the lane must go. */
  finish(): Cleanup
}

/**
 * Instantiates the QuickJS module of a lane: its memory a WebAssembly.Memory
 * whose maximum is the lane's hard cap, its stderr wherever `printErr` says.
 * `reuse`: a memory to start over in (zeroed first, as a new one would be),
 * so renewing an engine neither allocates nor leaves the old memory to the GC.
 */
export async function loadLaneModule(
  options: RunnerOptions,
  reuse?: WebAssembly.Memory,
): Promise<{ module: QuickJSWASMModule; memory: WebAssembly.Memory; capBytes: number }> {
  const capBytes = capBytesOf(options)
  if (reuse) new Uint8Array(reuse.buffer).fill(0)
  const memory =
    reuse ??
    new WebAssembly.Memory({
      initial: INITIAL_MEMORY_BYTES / WASM_PAGE,
      maximum: Math.ceil(capBytes / WASM_PAGE),
    })
  const variant = newVariant(options.variant, {
    wasmMemory: memory,
    ...(options.wasmModule ? { wasmModule: options.wasmModule } : {}),
    // Emscripten's own Module option; the variant passes emscriptenModule through verbatim.
    ...(options.printErr
      ? { emscriptenModule: { printErr: options.printErr } as EmscriptenModuleLoaderOptions }
      : {}),
  })
  return { module: await newQuickJSWASMModuleFromVariant(variant), memory, capBytes }
}

/**
 * One QuickJS WASM module with a hard memory cap, one runtime reused across
 * runs, and a fresh context for every run. Lives inside a lane's worker thread.
 */
export class QuickJSRunner {
  #module: Pick<QuickJSWASMModule, 'newRuntime'>
  #memory: WebAssembly.Memory
  #runtime: QuickJSRuntime
  /** Set when the engine aborted during a cleanup: nothing may run until `renew()`. */
  #lost = false
  /** The memory and stack limits last set on the runtime, so an unchanged run skips the calls. */
  #limitsSet = -1
  /** The cleanup of a run whose caller never called `finish()`; done before the next run. */
  #unfinished: (() => unknown) | undefined

  private constructor(
    engine: Engine,
    private readonly capBytes: number,
    /** How to build the engine again; absent for a runner over a caller's module. */
    private readonly options?: RunnerOptions,
  ) {
    this.#module = engine.module
    this.#memory = engine.memory
    this.#runtime = engine.module.newRuntime()
  }

  static async create(options: RunnerOptions): Promise<QuickJSRunner> {
    const engine = await loadLaneModule(options)
    return new QuickJSRunner(engine, engine.capBytes, options)
  }

  /**
   * Builds a new engine (module, memory, runtime) in this thread after the old
   * one aborted while freeing a run. QuickJS can leak objects on a few error
   * paths (an interrupt or out-of-memory inside a promise job), and freeing
   * such a runtime fails an assertion that aborts the module; the run's
   * outcome was already right, so the lane stays and only its engine is new.
   */
  async renew(): Promise<void> {
    if (!this.options) throw new Error('this runner cannot rebuild a module it was given')
    // The old module is dead (it aborted): its memory starts over under a new one.
    const engine = await loadLaneModule(this.options, this.#memory)
    this.#module = engine.module
    this.#memory = engine.memory
    this.#runtime = engine.module.newRuntime()
    this.#limitsSet = -1
    this.#lost = false
  }

  /**
   * A runner over a module the caller built, such as a TestQuickJSWASMModule of
   * the debug-sync variant, so leak tests can call `assertNoMemoryAllocated()`.
   */
  static fromModule(
    module: Pick<QuickJSWASMModule, 'newRuntime' | 'getWasmMemory'>,
    laneMemoryMb: number,
  ): QuickJSRunner {
    return new QuickJSRunner({ module, memory: module.getWasmMemory() }, laneMemoryMb * MB)
  }

  /** Bytes of WASM memory the lane holds now; it never shrinks. */
  get memoryBytes(): number {
    return this.#memory.buffer.byteLength
  }

  /**
   * Runs one job and returns its result at once, leaving the cleanup (the
   * context's disposal, recycling the runtime) to `finish()`: a lane sends
   * the result first, so freeing a large heap never counts against the run's
   * deadline. When `replaceLane` is set the module failed and `finish` must
   * not be called. Never throws.
   */
  run(job: LaneJob, control: RunControl): StartedRun {
    this.#unfinished?.()
    if (this.#lost) return engineLostRun(job)
    const started = performance.now()
    const state = new RunState(job, control, started)
    let answer: SandboxAnswer = { route: job.route }
    let failure: RunError | undefined
    let replaceLane: string | undefined
    let ctx: QuickJSContext | undefined

    if (job.injectedFault) {
      failure = { type: 'ScriptError', name: 'InjectedFault', message: job.injectedFault }
    } else {
      this.#prepareRuntime(job.limits, state)
      try {
        const context = (ctx = this.#runtime.newContext())
        answer = Scope.withScope((scope) => runInContext(context, this.#runtime, state, scope))
      } catch (thrown) {
        // A throw from the module itself (abort, unreachable, a dispose that
        // found a leak): this module can no longer be trusted. Except an
        // interrupt that landed outside the user's code, in the prelude: the
        // module is fine, and the interrupt is reported below.
        const atCap = this.#memory.buffer.byteLength >= this.capBytes - WASM_PAGE
        const interrupted =
          state.interruptedBy !== undefined && thrown instanceof errors.QuickJSUnwrapError
        replaceLane = interrupted ? undefined : atCap ? 'memory-cap' : 'lane-abort'
        failure = atCap
          ? {
              type: 'MemoryLimitError',
              message: `The script reached the lane's hard memory cap of ${Math.round(this.capBytes / MB)} MB`,
            }
          : {
              type: 'PanicError',
              cause: 'lane-abort',
              message: `The engine failed and its lane was replaced: ${describe(thrown)}`,
            }
      }
    }

    const result: LaneResult = {
      runId: job.runId,
      lane: job.lane,
      status: 'ok',
      logs: [],
      droppedLogs: 0,
      route: answer.route,
      runMs: 0,
    }
    if (state.interruptedBy && !replaceLane) failure = interruption(state, job)
    else if (answer.envelope !== undefined && !failure) {
      const envelope = parseEnvelope(answer.envelope)
      if (envelope.error)
        failure = keepPositionInside(
          mapSandboxError(envelope.error, wrapperColumnOffset(job.route), !job.mayThrowNull),
          job.code,
        )
      else if (envelope.valueJson !== undefined) {
        const bytes = Buffer.byteLength(envelope.valueJson)
        if (bytes > LIMITS.maxResultBytes)
          failure = {
            type: 'ResultError',
            message: `The result is ${formatMb(bytes)} as JSON; the limit is ${formatMb(LIMITS.maxResultBytes)}`,
          }
        else result.valueJson = envelope.valueJson
      }
    }
    result.logs = state.logs.entries
    result.droppedLogs = state.logs.dropped
    if (failure) {
      result.status = 'error'
      result.error = failure
    }
    if (state.trace) {
      state.trace.end(failure)
      result.trace = state.trace.trace
    }
    result.runMs = performance.now() - started
    if (replaceLane) return { result, replaceLane, finish: () => ({}) }

    let finished: Cleanup | undefined
    const finish = (): Cleanup => {
      if (finished) return finished
      this.#unfinished = undefined
      finished = this.#cleanUp(ctx, state, failure)
      return finished
    }
    this.#unfinished = finish
    return { result, finish }
  }

  /** Frees the runtime; used by leak tests and at lane shutdown. */
  dispose(): void {
    this.#runtime.dispose()
  }

  /** Frees the run's context and recycles the runtime when the run left something behind. */
  #cleanUp(
    context: QuickJSContext | undefined,
    state: RunState,
    error: RunError | undefined,
  ): Cleanup {
    const cleanup: Cleanup = {}
    try {
      context?.dispose()
      const recycled = this.#recycleIfNeeded(state, error)
      if (recycled) cleanup.recycled = recycled
    } catch (thrown) {
      // Freeing the runtime aborts the module when QuickJS leaked objects on an
      // error path inside promise jobs: the engine is rebuilt, or the lane goes.
      if (!this.options) return { replaceLane: 'lane-abort', detail: describe(thrown) }
      this.#lost = true
      return { recycled: 'engine-renewed', renewEngine: true, detail: describe(thrown) }
    }
    const growth = this.#laneReplacementCause()
    if (growth) cleanup.replaceLane = growth
    return cleanup
  }

  /** Limits of this run; the interrupt handler reads this run's state and no other. */
  #prepareRuntime(limits: ResolvedLimits, state: RunState): void {
    const runtime = this.#runtime
    if (this.#limitsSet !== limits.memoryMb * MB + limits.stackKb) {
      runtime.setMemoryLimit(limits.memoryMb * MB)
      runtime.setMaxStackSize(limits.stackKb * 1024)
      this.#limitsSet = limits.memoryMb * MB + limits.stackKb
    }
    runtime.setInterruptHandler(state.shouldInterrupt)
  }

  /** A new runtime after any interrupt, out-of-memory or job left behind: none of it may reach the next run. */
  #recycleIfNeeded(state: RunState, error: RunError | undefined): string | undefined {
    let cause: string | undefined
    if (state.interruptedBy) cause = state.interruptedBy === 'cancel' ? 'cancelled' : 'interrupted'
    else if (error?.type === 'MemoryLimitError') cause = 'out-of-memory'
    else if (error?.type === 'StackOverflowError') cause = 'stack-overflow'
    else if (this.#runtime.hasPendingJob()) cause = 'pending-jobs'
    if (!cause) return undefined
    this.#runtime.dispose()
    this.#runtime = this.#module.newRuntime()
    this.#limitsSet = -1
    return cause
  }

  /** WASM memory never shrinks: a lane that grew past half its cap is replaced. */
  #laneReplacementCause(): string | undefined {
    const bytes = this.#memory.buffer.byteLength
    if (bytes > Math.max(INITIAL_MEMORY_BYTES * 2, this.capBytes / 2))
      return `memory-growth (${formatMb(bytes)})`
    return undefined
  }
}

/** A module, its memory: what `renew()` replaces together. */
interface Engine {
  module: Pick<QuickJSWASMModule, 'newRuntime'>
  memory: WebAssembly.Memory
}

function capBytesOf(options: RunnerOptions): number {
  return Math.max(INITIAL_MEMORY_BYTES, options.laneMemoryMb * MB)
}

/** A run handed to a runner whose engine is gone and was not renewed: the caller's bug, contained. */
function engineLostRun(job: LaneJob): StartedRun {
  const result = failedLaneResult(job, job.lane, {
    type: 'PanicError',
    cause: 'lane-abort',
    message: 'The engine of this lane was lost and not rebuilt; the lane is replaced',
  })
  return { result, replaceLane: 'lane-abort', finish: () => ({}) }
}

/** The error of a run the host stopped: the flag only the interrupt handler and the loop set. */
function interruption(state: RunState, job: LaneJob): RunError {
  return state.interruptedBy === 'cancel'
    ? { type: 'CancelledError', message: 'Stopped while running' }
    : {
        type: 'TimeoutError',
        cause: 'interrupt',
        message: `The run exceeded its ${job.limits.runTimeoutMs} ms limit and was interrupted`,
      }
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)
}
