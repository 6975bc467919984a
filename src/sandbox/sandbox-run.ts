import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, Scope } from 'quickjs-emscripten-core'
import type { LaneJob } from '../protocol/host-messages'
import type { LogLevel, Route } from '../protocol/outcome'
import { LogCollector } from './log-collector'
import type { LogSink } from './log-stream'
import { LogStream } from './log-stream'
import { PRELUDE, partSource } from './prelude'
import { SCRIPT_FILE, wrapScript } from './script-wrapper'
import { TraceRecorder } from './trace-recorder'

/** Lets a run see whether it was stopped, and sleep until a timer is due or it is stopped. */
export interface RunControl {
  isCancelled(): boolean
  /** Sleeps up to `ms`, returning early when the run is stopped. */
  sleep(ms: number): void
  /** Where a live-logging run's lines go while it runs (`job.liveLogs`); absent otherwise. */
  streamLogs?: LogSink
}

export type Interruption = 'deadline' | 'cancel'

/**
 * The state of one run: its deadline, its control, and whether the interrupt
 * handler stopped it. The flag is set only by the host (the interrupt handler
 * and the event loop), never by anything a script can reach.
 */
export class RunState {
  interruptedBy: Interruption | undefined
  readonly deadline: number
  readonly logs = new LogCollector()
  /** Only for a run that asked for a trace: an untraced run pays one test per event. */
  readonly trace: TraceRecorder | undefined
  /** Set for a live-logging run: its lines leave in batches while it runs. */
  readonly stream: LogStream | undefined

  constructor(
    readonly job: LaneJob,
    readonly control: RunControl,
    startedAt = performance.now(),
  ) {
    this.deadline = Date.now() + job.limits.runTimeoutMs
    this.trace = job.trace ? new TraceRecorder(startedAt, job.code.split('\n').length) : undefined
    if (job.liveLogs && control.streamLogs)
      this.stream = new LogStream(this.logs, control.streamLogs)
  }

  /** The runtime's interrupt handler for this run; it also lets a computing run's lines out. */
  readonly shouldInterrupt = (): boolean => {
    if (this.interruptedBy) return true
    this.stream?.poll()
    if (this.control.isCancelled()) this.interruptedBy = 'cancel'
    else if (Date.now() >= this.deadline) this.interruptedBy = 'deadline'
    return this.interruptedBy !== undefined
  }
}

/** What the sandbox handed out: its envelope text (see envelope.ts), or nothing when interrupted. */
export interface SandboxAnswer {
  route: Route
  envelope?: string
}

const NEVER_SETTLES =
  'The returned promise can never settle: no timer is pending and no job is left'

/**
 * Runs one job in a fresh context: the prelude, the user's code, the event
 * loop when the value is a promise. Every handle it makes belongs to `scope`.
 * Throws only what the module throws (an interrupt outside the user's code,
 * an abort); every outcome of the script is in the envelope.
 */
export function runInContext(
  ctx: QuickJSContext,
  runtime: QuickJSRuntime,
  state: RunState,
  scope: Scope,
): SandboxAnswer {
  const { job, trace } = state
  const own = <T extends QuickJSHandle>(handle: T): T => scope.manage(handle)
  // The one host function: hands the prelude a part's source (one argument), or
  // takes a console line (level, the line's JSON text, its length before any
  // cut, where objects' JSON sits in it when it holds any).
  const host = own(
    ctx.newFunction('host', (name, line, length, spans) => {
      if (line === undefined) return ctx.newString(partSource(ctx.getString(name)))
      const originalLength = ctx.getNumber(length)
      if (originalLength < 0) state.logs.dropped++
      else {
        const text = JSON.parse(ctx.getString(line)) as string
        state.logs.add(
          ctx.getString(name) as LogLevel,
          text,
          originalLength,
          spans === undefined ? undefined : ctx.getString(spans),
        )
        trace?.log(ctx.getString(name) as LogLevel, text)
      }
      state.stream?.poll()
      return state.logs.full ? ctx.true : ctx.false
    }),
  )
  const prelude = own(ctx.unwrapResult(ctx.evalCode(PRELUDE, 'sandbox.js')))
  const input = job.input === undefined ? ctx.undefined : own(ctx.newString(job.input))
  const enter = own(
    ctx.unwrapResult(
      trace
        ? ctx.callFunction(prelude, ctx.undefined, host, input, own(traceFunction(ctx, trace)))
        : ctx.callFunction(prelude, ctx.undefined, host, input),
    ),
  )
  const sandbox = new SandboxParts(ctx, enter, state, own)

  const compiled = ctx.evalCode(wrapScript(job.code, job.route), SCRIPT_FILE)
  if (compiled.error) {
    const error = own(compiled.error)
    return { route: job.route, envelope: sandbox.envelope('core', 'compiled', error) }
  }
  trace?.syncStart()
  const first = sandbox.envelopeOf(enter, own(compiled.value))
  if (trace && !state.interruptedBy) trace.syncEnd()
  if (first !== '') return { route: job.route, envelope: first }

  // The value is a promise (by its prototype chain): the engine says whether it really is one.
  const value = own(ctx.getProp(own(ctx.getProp(enter, 'held')), 'value'))
  const promise = ctx.getPromiseState(value)
  if ('notAPromise' in promise && promise.notAPromise)
    return { route: job.route, envelope: sandbox.envelope('core', 'settle', value, ctx.false) }
  if (promise.type !== 'pending') own(promise.type === 'fulfilled' ? promise.value : promise.error)
  return { route: 'loop', envelope: drive(ctx, runtime, state, value, sandbox, own) }
}

/**
 * The function through which the timers part reports to a traced run's
 * recorder (see prelude-timers.ts): `(kind, ...numbers)`, or `('limit', text)`.
 * Only the machinery holds it.
 */
function traceFunction(ctx: QuickJSContext, trace: TraceRecorder): QuickJSHandle {
  return ctx.newFunction('trace', (kind, a, b, c, d) => {
    switch (ctx.getString(kind)) {
      case 'timer-set':
        trace.timerSet(ctx.getNumber(a), ctx.getNumber(b), ctx.getNumber(c) === 1, ctx.getNumber(d))
        break
      case 'timer-fired':
        trace.timerFired(ctx.getNumber(a))
        break
      case 'limit':
        trace.limit('timers', ctx.getString(a))
        break
    }
  })
}

/** The host's side of the sandbox's parts (see prelude.ts), each loaded once when first needed. */
class SandboxParts {
  readonly #parts = new Map<string, QuickJSHandle>()
  readonly #methods = new Map<string, QuickJSHandle>()

  constructor(
    private readonly ctx: QuickJSContext,
    private readonly enter: QuickJSHandle,
    private readonly state: RunState,
    private readonly own: <T extends QuickJSHandle>(handle: T) => T,
  ) {}

  /** Whether a run has loaded the part already (the timers, say); loading it only to ask is waste. */
  loaded(part: string): boolean {
    const { ctx, own } = this
    const parts = own(ctx.getProp(this.enter, 'parts'))
    return ctx.typeof(own(ctx.getProp(parts, part))) === 'object'
  }

  method(part: string, name: string): QuickJSHandle {
    const key = `${part}.${name}`
    let handle = this.#methods.get(key)
    if (!handle) {
      handle = this.own(this.ctx.getProp(this.#part(part), name))
      this.#methods.set(key, handle)
    }
    return handle
  }

  /** Calls a part's function that answers an envelope. */
  envelope(part: string, name: string, ...args: QuickJSHandle[]): string | undefined {
    return this.envelopeOf(this.method(part, name), ...args)
  }

  /**
   * Calls a sandbox function that answers an envelope. When the machinery
   * itself fails (the engine ran out of memory or stack inside it), the
   * failure is described like anything thrown, by identity; undefined when
   * the run was interrupted.
   */
  envelopeOf(fn: QuickJSHandle, ...args: QuickJSHandle[]): string | undefined {
    const { ctx, own, state } = this
    const answer = ctx.callFunction(fn, ctx.undefined, ...args)
    if (!answer.error) return ctx.getString(own(answer.value))
    const error = own(answer.error)
    if (state.interruptedBy) return undefined
    const described = ctx.callFunction(
      this.method('core', 'settle'),
      ctx.undefined,
      error,
      ctx.true,
    )
    if (!described.error) return ctx.getString(own(described.value))
    own(described.error)
    // Describing failed too: the engine is out of memory.
    return state.interruptedBy ? undefined : '{"e":{"t":"Null","p":"run"}}\n'
  }

  #part(name: string): QuickJSHandle {
    let part = this.#parts.get(name)
    if (!part) {
      const { ctx, own } = this
      const load = own(ctx.getProp(this.enter, 'load'))
      part = own(ctx.unwrapResult(ctx.callFunction(load, ctx.undefined, own(ctx.newString(name)))))
      this.#parts.set(name, part)
    }
    return part
  }
}

/**
 * The event loop of a `loop` run: QuickJS's job queue, then the sandbox's
 * timers, until the promise settles, the run is stopped, or nothing is left
 * that could settle it. Returns the envelope, or undefined when interrupted.
 */
function drive(
  ctx: QuickJSContext,
  runtime: QuickJSRuntime,
  state: RunState,
  promise: QuickJSHandle,
  sandbox: SandboxParts,
  own: <T extends QuickJSHandle>(handle: T) => T,
): string | undefined {
  const { control, deadline } = state
  const settle = (x: QuickJSHandle, how: QuickJSHandle): string | undefined =>
    sandbox.envelope('core', 'settle', x, how)
  for (;;) {
    const batch = state.trace?.beginJobs()
    const jobs = runtime.executePendingJobs()
    if (state.trace) state.trace.endJobs(batch, jobs.error ? undefined : jobs.value)
    if (jobs.error) {
      // A job failed in the engine itself (out of memory, stack): it is what it is.
      const error = own(jobs.error)
      return state.interruptedBy ? undefined : settle(error, ctx.true)
    }
    if (state.interruptedBy) return undefined

    const settled = ctx.getPromiseState(promise)
    if (settled.type === 'fulfilled') return settle(own(settled.value), ctx.false)
    if (settled.type === 'rejected') return settle(own(settled.error), ctx.true)
    if (runtime.hasPendingJob()) continue

    const due = sandbox.loaded('timers')
      ? ctx.getNumber(
          own(
            ctx.unwrapResult(ctx.callFunction(sandbox.method('timers', 'nextDue'), ctx.undefined)),
          ),
        )
      : -1
    if (due < 0)
      return settle(own(ctx.newError({ name: 'Error', message: NEVER_SETTLES })), ctx.true)
    const waitMs = Math.min(due, deadline) - Date.now()
    if (waitMs > 0) {
      // The run waits: what it logged so far is due in the window now.
      state.stream?.flush()
      control.sleep(waitMs)
    }
    if (control.isCancelled()) state.interruptedBy = 'cancel'
    else if (Date.now() >= deadline) state.interruptedBy = 'deadline'
    if (state.interruptedBy) return undefined
    if (Date.now() < due) continue
    const at = own(ctx.newNumber(Date.now()))
    const fired = ctx.callFunction(sandbox.method('timers', 'runDue'), ctx.undefined, at)
    if (fired.error) {
      const error = own(fired.error)
      return state.interruptedBy ? undefined : settle(error, ctx.true)
    }
    const thrown = own(fired.value)
    if (ctx.typeof(thrown) === 'object') return settle(thrown, ctx.null)
  }
}
