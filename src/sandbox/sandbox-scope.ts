import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core'
import type { LogEntry, LogLevel } from '../protocol/outcome'
import { LIMITS } from '../protocol/settings'
import { BASE_PRELUDE, SERIALIZER_SOURCE, TIMERS_SOURCE } from './prelude'

/** Pending timers one run may hold. */
export const MAX_TIMERS = 1000

/** The serializer's answer when a value nests too deeply to show. */
export const TOO_DEEP = '\u0001depth'

/** Console lines of one run, within the entry and byte budgets; the rest counted. */
export class LogCollector {
  readonly entries: LogEntry[] = []
  dropped = 0
  #bytes = 0

  get full(): boolean {
    return this.entries.length >= LIMITS.maxLogEntries || this.#bytes >= LIMITS.maxLogBytes
  }

  add(level: LogLevel, text: string): void {
    const size = text.length * 2
    if (this.full || this.#bytes + size > LIMITS.maxLogBytes) {
      this.dropped++
      return
    }
    this.#bytes += size
    this.entries.push({ level, text, at: Date.now() })
  }
}

export interface TimerQueue {
  nextDue: QuickJSHandle
  runDue: QuickJSHandle
}

/**
 * The sandbox's globals for one run in one context, installed as they are
 * needed: console always, the timers on first use, the serializer when a
 * value is an object. Every handle it makes is handed to `own`, which
 * disposes them when the run ends.
 */
export class SandboxScope {
  #timers: TimerQueue | undefined
  #serialize: QuickJSHandle | undefined
  /** Built-ins taken before the user's code ran, for the serializer. */
  #intrinsics: QuickJSHandle | undefined

  constructor(
    private readonly ctx: QuickJSContext,
    readonly logs: LogCollector,
    private readonly own: (handle: QuickJSHandle) => QuickJSHandle,
  ) {}

  /** Installs console and the lazy timer globals; `withTimers` installs the timers at once. */
  install(withTimers: boolean): void {
    const { ctx, own } = this
    const host = own(ctx.newObject())
    ctx.setProp(host, 'log', own(ctx.newFunction('log', (level, args) => this.#log(level, args))))
    ctx.setProp(
      host,
      'installTimers',
      own(ctx.newFunction('installTimers', () => void this.timers())),
    )
    const prelude = own(ctx.unwrapResult(ctx.evalCode(BASE_PRELUDE, 'prelude.js')))
    this.#intrinsics = own(ctx.unwrapResult(ctx.callFunction(prelude, ctx.undefined, host)))
    if (withTimers) this.timers()
  }

  /** The timer queue, installing the timers first if the run has not touched them yet. */
  timers(): TimerQueue {
    if (this.#timers) return this.#timers
    const { ctx, own } = this
    const source = own(ctx.unwrapResult(ctx.evalCode(TIMERS_SOURCE, 'timers.js')))
    const queue = own(
      ctx.unwrapResult(ctx.callFunction(source, ctx.undefined, own(ctx.newNumber(MAX_TIMERS)))),
    )
    this.#timers = {
      nextDue: own(ctx.getProp(queue, 'nextDue')),
      runDue: own(ctx.getProp(queue, 'runDue')),
    }
    return this.#timers
  }

  /**
   * The JSON text of a value: '' for undefined, TOO_DEEP when it nests too
   * deeply, or the error the serializer threw. Primitives are read directly;
   * only objects need the serializer inside the sandbox.
   */
  serialize(
    value: QuickJSHandle,
    own: (handle: QuickJSHandle) => QuickJSHandle = this.own,
  ): { json: string } | { error: QuickJSHandle } {
    const { ctx } = this
    switch (ctx.typeof(value)) {
      case 'undefined':
        return { json: '' }
      case 'string':
        return { json: JSON.stringify(ctx.getString(value)) }
      case 'number': {
        const n = ctx.getNumber(value)
        return { json: JSON.stringify(Number.isFinite(n) ? n : String(n)) }
      }
      case 'boolean':
        return { json: ctx.sameValue(value, ctx.true) ? 'true' : 'false' }
      case 'bigint':
        return { json: JSON.stringify(`${ctx.getBigInt(value)}n`) }
      case 'object':
        if (ctx.sameValue(value, ctx.null)) return { json: 'null' }
    }
    const result = ctx.callFunction(this.#serializer(), ctx.undefined, value)
    if (result.error) return { error: own(result.error) }
    return { json: ctx.getString(own(result.value)) }
  }

  #serializer(): QuickJSHandle {
    if (this.#serialize) return this.#serialize
    const { ctx, own } = this
    const factory = own(ctx.unwrapResult(ctx.evalCode(SERIALIZER_SOURCE, 'serializer.js')))
    const intrinsics = this.#intrinsics ?? ctx.undefined
    this.#serialize = own(ctx.unwrapResult(ctx.callFunction(factory, ctx.undefined, intrinsics)))
    return this.#serialize
  }

  /** console.*: formats the arguments on the host side, within the log budget. */
  #log(levelHandle: QuickJSHandle, args: QuickJSHandle): void {
    const { ctx, logs } = this
    if (logs.full) {
      logs.dropped++
      return
    }
    const level = ctx.getString(levelHandle) as LogLevel
    // Handles of one call are freed at its end, not the run's: a chatty script
    // must not hold thousands of them.
    const temporary: QuickJSHandle[] = []
    const keep = (handle: QuickJSHandle): QuickJSHandle => (temporary.push(handle), handle)
    try {
      const count = ctx.getNumber(keep(ctx.getProp(args, 'length')))
      const parts: string[] = []
      for (let i = 0; i < count; i++) parts.push(this.#format(keep(ctx.getProp(args, i)), keep))
      logs.add(level, parts.join(' '))
    } finally {
      for (const handle of temporary) if (handle.alive) handle.dispose()
    }
  }

  /** One console argument as text: strings as they are, numbers plain, objects as JSON. */
  #format(arg: QuickJSHandle, keep: (handle: QuickJSHandle) => QuickJSHandle): string {
    const { ctx } = this
    switch (ctx.typeof(arg)) {
      case 'string':
        return ctx.getString(arg)
      case 'number':
        return String(ctx.getNumber(arg))
      case 'undefined':
        return 'undefined'
      case 'bigint':
        return `${ctx.getBigInt(arg)}n`
    }
    const serialized = this.serialize(arg, keep)
    if (!('json' in serialized)) return '[unprintable]'
    if (serialized.json === TOO_DEEP) return '[too deep]'
    // A marker such as "[Function f]" reads better without its quotes.
    return serialized.json.startsWith('"')
      ? (JSON.parse(serialized.json) as string)
      : serialized.json
  }
}
