import type {
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSSyncVariant,
  QuickJSWASMModule,
} from 'quickjs-emscripten-core'
import { errors, newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core'
import type { LaneJob, LaneResult } from '../protocol/host-messages'
import type { RunError } from '../protocol/outcome'
import { LIMITS } from '../protocol/settings'
import { mapScriptError } from './error-mapping'
import { LogCollector, SandboxScope, TOO_DEEP } from './sandbox-scope'
import { SCRIPT_FILE, wrapScript, wrapperColumnOffset } from './script-wrapper'

const MB = 1024 * 1024
const WASM_PAGE = 64 * 1024
/** The module's own initial heap (emscripten INITIAL_MEMORY). */
const INITIAL_MEMORY_BYTES = 16 * MB
export { MAX_TIMERS } from './sandbox-scope'

export interface RunnerOptions {
  /** The lane's hard cap: the maximum of its WebAssembly.Memory. */
  laneMemoryMb: number
  /** The QuickJS build; release-sync unless a test asks for debug-sync. */
  variant: QuickJSSyncVariant
  /** A compiled module to instantiate, so a new lane need not compile again. */
  wasmModule?: WebAssembly.Module
}

/** Lets a run see whether it was stopped, and sleep until a timer is due or it is stopped. */
export interface RunControl {
  isCancelled(): boolean
  /** Sleeps up to `ms`, returning early when the run is stopped. */
  sleep(ms: number): void
}

/** A run whose result is known and whose cleanup is still to do. */
export interface StartedRun {
  result: LaneResult
  /** Set when the module failed during the run: replace the lane, skip `finish`. */
  replaceLane?: string
  /** Disposes the run's context and recycles what must be; says whether the lane must go. */
  finish(): { recycled?: string; replaceLane?: string }
}

type Interruption = 'deadline' | 'cancel' | null

/**
 * One QuickJS WASM module with a hard memory cap, one runtime reused across
 * runs, and a fresh context for every run. Lives inside a lane's worker thread.
 */
export class QuickJSRunner {
  #runtime: QuickJSRuntime
  #interruptedBy: Interruption = null
  /** The cleanup of a run whose caller never called `finish()`; done before the next run. */
  #unfinished: (() => unknown) | undefined

  private constructor(
    private readonly module: Pick<QuickJSWASMModule, 'newRuntime'>,
    private readonly memory: WebAssembly.Memory,
    private readonly capBytes: number,
  ) {
    this.#runtime = module.newRuntime()
  }

  static async create(options: RunnerOptions): Promise<QuickJSRunner> {
    const capBytes = Math.max(INITIAL_MEMORY_BYTES, options.laneMemoryMb * MB)
    const memory = new WebAssembly.Memory({
      initial: INITIAL_MEMORY_BYTES / WASM_PAGE,
      maximum: Math.ceil(capBytes / WASM_PAGE),
    })
    const variant = newVariant(options.variant, {
      wasmMemory: memory,
      ...(options.wasmModule ? { wasmModule: options.wasmModule } : {}),
    })
    const module = await newQuickJSWASMModuleFromVariant(variant)
    return new QuickJSRunner(module, memory, capBytes)
  }

  /**
   * A runner over a module the caller built, such as a TestQuickJSWASMModule of
   * the debug-sync variant, so leak tests can call `assertNoMemoryAllocated()`.
   */
  static fromModule(
    module: Pick<QuickJSWASMModule, 'newRuntime' | 'getWasmMemory'>,
    laneMemoryMb: number,
  ): QuickJSRunner {
    return new QuickJSRunner(module, module.getWasmMemory(), laneMemoryMb * MB)
  }

  /** Bytes of WASM memory the lane holds now; it never shrinks. */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength
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
    const started = performance.now()
    const logs = new LogCollector()
    let route = job.route
    let error: RunError | undefined
    let valueJson: string | undefined
    let replaceLane: string | undefined

    const deadline = Date.now() + job.limits.runTimeoutMs
    this.#interruptedBy = null
    const runtime = this.#runtime
    runtime.setMemoryLimit(job.limits.memoryMb * MB)
    runtime.setMaxStackSize(job.limits.stackKb * 1024)
    runtime.setInterruptHandler(() => {
      if (this.#interruptedBy) return true
      if (control.isCancelled()) this.#interruptedBy = 'cancel'
      else if (Date.now() >= deadline) this.#interruptedBy = 'deadline'
      return this.#interruptedBy !== null
    })

    let ctx: QuickJSContext | undefined
    if (job.injectedFault) {
      error = { type: 'ScriptError', name: 'InjectedFault', message: job.injectedFault }
    } else
      try {
        ctx = runtime.newContext()
        const outcome = this.#execute(ctx, job, control, deadline, logs)
        route = outcome.route
        error = outcome.error
        valueJson = outcome.valueJson
      } catch (thrown) {
        // A throw from the module itself (abort, unreachable, a dispose that
        // found a leak): this module can no longer be trusted.
        const atCap = this.memory.buffer.byteLength >= this.capBytes - WASM_PAGE
        // Except an interrupt (deadline or Stop) that landed outside the user's code,
        // in the prelude or the input's parse: the module is fine, and it is reported below.
        const interrupted =
          this.#interruptedBy !== null && thrown instanceof errors.QuickJSUnwrapError
        replaceLane = interrupted ? undefined : atCap ? 'memory-cap' : 'lane-abort'
        error = atCap
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

    if (this.#interruptedBy && !replaceLane) {
      error =
        this.#interruptedBy === 'cancel'
          ? { type: 'CancelledError', message: 'Stopped while running' }
          : {
              type: 'TimeoutError',
              cause: 'interrupt',
              message: `The run exceeded its ${job.limits.runTimeoutMs} ms limit and was interrupted`,
            }
      valueJson = undefined
    }

    const result: LaneResult = {
      runId: job.runId,
      lane: job.lane,
      status: error ? 'error' : 'ok',
      logs: logs.entries,
      droppedLogs: logs.dropped,
      route,
      runMs: performance.now() - started,
    }
    if (error) result.error = error
    else if (valueJson !== undefined) result.valueJson = valueJson
    if (replaceLane) return { result, replaceLane, finish: () => ({}) }

    const context = ctx
    let finished: { recycled?: string; replaceLane?: string } | undefined
    const finish = (): { recycled?: string; replaceLane?: string } => {
      if (finished) return finished
      this.#unfinished = undefined
      finished = this.#cleanUp(context, error)
      return finished
    }
    this.#unfinished = finish
    return { result, finish }
  }

  /** Frees the run's context and recycles the runtime when the run left something behind. */
  #cleanUp(
    context: QuickJSContext | undefined,
    error: RunError | undefined,
  ): { recycled?: string; replaceLane?: string } {
    const cleanup: { recycled?: string; replaceLane?: string } = {}
    try {
      context?.dispose()
      const recycled = this.#recycleIfNeeded(error)
      if (recycled) cleanup.recycled = recycled
    } catch {
      // dispose() can abort the module when jobs or an OOM left objects behind.
      cleanup.replaceLane = 'lane-abort'
      return cleanup
    }
    const growth = this.#laneReplacementCause()
    if (growth) cleanup.replaceLane = growth
    return cleanup
  }

  /**
   * @deprecated The old name of {@link run}, kept only until the lane worker
   * calls `run`; it will be deleted.
   */
  start(job: LaneJob, control: RunControl): StartedRun {
    return this.run(job, control)
  }

  /** Frees the runtime; used by leak tests and at lane shutdown. */
  dispose(): void {
    this.#runtime.dispose()
  }

  #execute(
    ctx: QuickJSContext,
    job: LaneJob,
    control: RunControl,
    deadline: number,
    logs: LogCollector,
  ): { route: LaneJob['route']; error?: RunError; valueJson?: string } {
    const offset = wrapperColumnOffset(job.route)
    const owned: QuickJSHandle[] = []
    const own = (h: QuickJSHandle): QuickJSHandle => (owned.push(h), h)
    try {
      const scope = new SandboxScope(ctx, logs, own)
      scope.install(job.route === 'loop')

      const compiled = ctx.evalCode(wrapScript(job.code, job.route), SCRIPT_FILE)
      if (compiled.error)
        return {
          route: job.route,
          error: mapScriptError(ctx.dump(own(compiled.error)), 'compile', offset),
        }
      const fn = own(compiled.value)

      let input = ctx.undefined
      if (job.input !== undefined) {
        const parsed = this.#parseInput(ctx, job.input, own)
        if ('error' in parsed) {
          // Valid JSON (the main process checked), but too deep or too big for the engine.
          const mapped = mapScriptError(ctx.dump(own(parsed.error)), 'run', offset, true)
          return { route: job.route, error: { ...mapped, message: `input: ${mapped.message}` } }
        }
        input = own(parsed.value)
      }
      const called = ctx.callFunction(fn, ctx.undefined, input)
      if (called.error)
        return {
          route: job.route,
          error: mapScriptError(ctx.dump(own(called.error)), 'run', offset, !job.mayThrowNull),
        }
      let value = own(called.value)
      let route = job.route

      const state = ctx.getPromiseState(value)
      if (!('notAPromise' in state && state.notAPromise)) {
        if (state.type === 'fulfilled' || state.type === 'rejected')
          own(state.type === 'fulfilled' ? state.value : state.error)
        route = 'loop'
        const settled = this.#drive(ctx, value, scope, control, deadline, own)
        if ('error' in settled) {
          return settled.error === undefined
            ? { route }
            : { route, error: mapScriptError(settled.error, 'run', offset, !job.mayThrowNull) }
        }
        value = settled.value
      }
      if (this.#interruptedBy) return { route }

      const serialized = scope.serialize(value)
      if ('error' in serialized) {
        const mapped = mapScriptError(ctx.dump(serialized.error), 'run', offset)
        if (mapped.type !== 'ScriptError') return { route, error: mapped }
        return {
          route,
          error: {
            type: 'ResultError',
            message: `The result could not be converted to JSON: ${mapped.message}`,
          },
        }
      }
      const json = serialized.json
      if (json === '') return { route }
      if (json === TOO_DEEP) {
        return {
          route,
          error: {
            type: 'ResultError',
            message: 'The result nests deeper than 1000 levels and cannot be shown',
          },
        }
      }
      const bytes = Buffer.byteLength(json)
      if (bytes > LIMITS.maxResultBytes) {
        return {
          route,
          error: {
            type: 'ResultError',
            message: `The result is ${formatMb(bytes)} as JSON; the limit is ${formatMb(LIMITS.maxResultBytes)}`,
          },
        }
      }
      return { route, valueJson: json }
    } finally {
      for (const h of owned.reverse()) if (h.alive) h.dispose()
    }
  }

  #parseInput(
    ctx: QuickJSContext,
    inputJson: string,
    own: (h: QuickJSHandle) => QuickJSHandle,
  ): { value: QuickJSHandle } | { error: QuickJSHandle } {
    const json = own(ctx.getProp(ctx.global, 'JSON'))
    const parse = own(ctx.getProp(json, 'parse'))
    const text = own(ctx.newString(inputJson))
    const result = ctx.callFunction(parse, json, text)
    return result.error ? { error: result.error } : { value: result.value }
  }

  /**
   * The event loop of a `loop` run: QuickJS's job queue, then the sandbox's
   * timers, until the returned promise settles, the deadline passes or
   * nothing is left that could settle it.
   */
  #drive(
    ctx: QuickJSContext,
    promise: QuickJSHandle,
    scope: SandboxScope,
    control: RunControl,
    deadline: number,
    own: (h: QuickJSHandle) => QuickJSHandle,
  ): { value: QuickJSHandle } | { error: unknown } {
    const { nextDue, runDue } = scope.timers()
    const runtime = this.#runtime
    for (;;) {
      const jobs = runtime.executePendingJobs()
      if (jobs.error) {
        const dumped = ctx.dump(own(jobs.error))
        return { error: this.#interruptedBy ? undefined : dumped }
      }
      if (this.#interruptedBy) return { error: undefined }

      const state = ctx.getPromiseState(promise)
      if (state.type === 'fulfilled') return { value: own(state.value) }
      if (state.type === 'rejected') return { error: ctx.dump(own(state.error)) }
      if (runtime.hasPendingJob()) continue

      const dueHandle = ctx.unwrapResult(ctx.callFunction(nextDue, ctx.undefined))
      const due = ctx.getNumber(own(dueHandle))
      if (due < 0) {
        return {
          error: {
            name: 'Error',
            message:
              'The returned promise can never settle: no timer is pending and no job is left',
          },
        }
      }
      const wakeAt = Math.min(due, deadline)
      const waitMs = wakeAt - Date.now()
      if (waitMs > 0) control.sleep(waitMs)
      if (control.isCancelled()) {
        this.#interruptedBy = 'cancel'
        return { error: undefined }
      }
      if (Date.now() >= deadline) {
        this.#interruptedBy = 'deadline'
        return { error: undefined }
      }
      if (Date.now() < due) continue
      const at = own(ctx.newNumber(Date.now()))
      const fired = ctx.callFunction(runDue, ctx.undefined, at)
      if (fired.error)
        return { error: this.#interruptedBy ? undefined : ctx.dump(own(fired.error)) }
      const thrown = own(fired.value)
      if (ctx.typeof(thrown) === 'object') {
        const err = own(ctx.getProp(thrown, 'error'))
        return { error: ctx.dump(err) }
      }
    }
  }

  /** A new runtime after any interrupt, out-of-memory or job left behind: none of it may reach the next run. */
  #recycleIfNeeded(error: RunError | undefined): string | undefined {
    let cause: string | undefined
    if (this.#interruptedBy) cause = this.#interruptedBy === 'cancel' ? 'cancelled' : 'interrupted'
    else if (error?.type === 'MemoryLimitError') cause = 'out-of-memory'
    else if (error?.type === 'StackOverflowError') cause = 'stack-overflow'
    else if (this.#runtime.hasPendingJob()) cause = 'pending-jobs'
    if (!cause) return undefined
    this.#runtime.dispose()
    this.#runtime = this.module.newRuntime()
    return cause
  }

  /** WASM memory never shrinks: a lane that grew past half its cap is replaced. */
  #laneReplacementCause(): string | undefined {
    const bytes = this.memory.buffer.byteLength
    if (bytes > Math.max(INITIAL_MEMORY_BYTES * 2, this.capBytes / 2))
      return `memory-growth (${formatMb(bytes)})`
    return undefined
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)
}
