import { LIMITS } from '../protocol/settings'
import { BUILTIN_NAMES, BUILTINS_HEADER } from './prelude-builtins'
import { MAX_DEPTH, MAX_STACK_FRAMES } from './prelude-limits'
import { SERIALIZER_PART } from './prelude-serializer'
import { TIMERS_PART } from './prelude-timers'

/**
 * JavaScript evaluated inside each fresh QuickJS context before the user's
 * code: the sandbox's run-time machinery, so that a run crosses into the
 * engine as few times as possible.
 *
 * Cost: QuickJS compiles every function of a source eagerly, about 10 µs per
 * line here, so the part evaluated for every run ({@link PRELUDE}) is small.
 * Everything else is a part compiled the first time a run needs it, from
 * source the host hands over through the one host function (`host(name)`):
 * `serializer` (objects as JSON), `core` (errors, bounded texts, the
 * envelope), `timers`. A trivial run compiles none; a console line is written
 * in the prelude and handed to the same host function as JSON text.
 *
 * The outcome leaves as ONE string, the envelope (envelope.ts), built with a
 * captured JSON.stringify, so NUL and lone surrogates survive as escapes.
 *
 * Hardening: every built-in the machinery uses is captured in `B` before the
 * user's code runs and called through a captured Reflect.apply; the
 * machinery's own objects and arrays have no prototype, so a setter or getter
 * the script puts on Object.prototype or Array.prototype never runs for them.
 * A script that replaces a built-in changes only its own results.
 *
 * Engine limits: the global `InternalError` and its prototype's constructor
 * link are deleted, so a real Error (Error.isError) whose prototype is
 * InternalError.prototype can only come from the engine itself.
 */

export { MAX_DEPTH, MAX_STACK_FRAMES, MAX_TIMERS } from './prelude-limits'

/** The longest string result the prelude encodes itself, without the core part. */
const FAST_STRING_CHARS = 4096

/** Where the captured eval sits in the prelude's `B`. */
const GEVAL = BUILTIN_NAMES.indexOf('geval')
const SET_PROTO = BUILTIN_NAMES.indexOf('setProto')

/**
 * Evaluated for every run, then called with the host function, the input's
 * JSON text, which it parses at once, before any code of the script can run,
 * and, for a traced run only, the host's trace function (see trace-recorder.ts).
 * Returns `enter(fn)`, which runs the compiled user function and returns
 * the envelope, or '' when the value is a promise the host must drive
 * (left in `enter.held.value`). `enter.load(name)` gives the host a part
 * (core: settle, compiled; timers: nextDue, runDue).
 */
export const PRELUDE = String.raw`(function (host, inputJson, trace) {
  'use strict'
  var g = globalThis, O = Object, getProto = O.getPrototypeOf, define = O.defineProperty, stringify = JSON.stringify
  var SP = String.prototype, MP = Map.prototype, IEP = InternalError.prototype, PP = Promise.prototype
  var B = [Reflect.apply, stringify, JSON.parse, define, getProto, O.getOwnPropertyDescriptor, Error.isError,
    Date.now, String, SP.slice, SP.charCodeAt, RegExp.prototype.exec, O.setPrototypeOf, Array.isArray, O.keys,
    O.prototype.toString, Date.prototype.toISOString, Date.prototype.getTime, MP, Set.prototype, MP.forEach,
    Set.prototype.forEach, Array.from, TypeError, RangeError, IEP, eval, load, host, trace]
  delete g.InternalError
  delete IEP.constructor
  var parts = { __proto__: null }, held = { __proto__: null }, input, inputError
  if (inputJson !== undefined) try { input = B[2](inputJson) } catch (e) { inputError = { __proto__: null, e: e } }
  function load(name) {
    return parts[name] || (parts[name] = B[0](B[${GEVAL}](host(name)), undefined, [B]))
  }
  function d(part, name) {
    return function () { return B[0](load(part)[name], undefined, arguments) }
  }
  // console and the timers live on an object put between the global object and
  // Object.prototype: one object literal costs a third of ten property definitions.
  B[${SET_PROTO}](g, {
    console: { log: d('console', 'log'), info: d('console', 'info'), warn: d('console', 'warn'), error: d('console', 'error'), debug: d('console', 'debug') },
    setTimeout: d('timers', 'setTimeout'), setInterval: d('timers', 'setInterval'), clearTimeout: d('timers', 'clearTimeout'),
    clearInterval: d('timers', 'clearInterval'), queueMicrotask: d('timers', 'queueMicrotask'),
  })
  function enter(fn) {
    var value
    if (inputError) return load('core').fail('input', inputError.e)
    try { value = fn(input) } catch (e) { return load('core').fail('run', e) }
    var type = typeof value
    if (type === 'object') for (var p = value; (p = getProto(p)); ) if (p === PP) return (held.value = value), ''
    if (parts.core) return parts.core.done(value)
    if (type === 'undefined') return '\n'
    if (type === 'boolean' || (type === 'number' && value - value === 0) || value === null) return '\n' + value
    if (type === 'string' && value.length <= ${FAST_STRING_CHARS}) return '\n' + stringify(value)
    // Objects need only the serializer; the core part only when the value cannot be shown.
    try { var json = load('serializer').serialize(value) } catch (e) { return load('core').fail('result', e) }
    return json !== undefined && json.length <= ${LIMITS.maxResultBytes} ? '\n' + json : load('core').done(value)
  }
  enter.load = load
  enter.held = held
  enter.parts = parts
  return enter
})`

/**
 * The sandbox part behind console.*, compiled on a run's first console call:
 * each line is written here (objects by the serializer part), cut to its
 * bound, and handed to the host function as JSON text, which keeps NUL and
 * lone surrogates. Where an object's JSON sits in the line goes along
 * ("start,end,..."), so a window can show it as a tree. Once the host says
 * the log is full, lines are only counted.
 */
const CONSOLE_PART = String.raw`(function (B) {
  'use strict'
  ${BUILTINS_HEADER}
  var full = false
  function logger(level) {
    return function () {
      if (full) return void host(level, '', -1)
      for (var line = '', spans = '', i = 0, v, t, part, c; i < arguments.length && line.length <= ${LIMITS.maxLogLineBytes}; i++) {
        v = arguments[i], t = typeof v
        if (i) line += ' '
        if (t === 'string') { line += v; continue }
        if (v === null || (t !== 'object' && t !== 'function' && t !== 'symbol')) { line += '' + v + (t === 'bigint' ? 'n' : ''); continue }
        part = load('serializer').text(v), c = apply(charCodeAt, part, [0])
        // An object's JSON (not a marker string, nor a failure such as "[too deep]").
        if (t === 'object' && (c === 123 || c === 91) && part !== '[too deep]' && part !== '[unprintable]')
          spans += (spans ? ',' : '') + line.length + ',' + (line.length + part.length)
        line += part
      }
      var length = line.length
      if (length > ${LIMITS.maxLogLineBytes}) line = apply(strSlice, line, [0, ${LIMITS.maxLogLineBytes}])
      full = (spans ? host(level, stringify(line), length, spans) : host(level, stringify(line), length)) === true
    }
  }
  return { __proto__: null, log: logger('log'), info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('debug') }
})`

/**
 * Thrown values and the envelope. Every text a script controls
 * is bounded here, in UTF-8 bytes of its JSON text, and cut with a marker that
 * says how many characters went.
 */
const CORE_PART = String.raw`(function (B) {
  'use strict'
  ${BUILTINS_HEADER}
  var maxNameBytes = ${LIMITS.maxErrorNameBytes}, maxMessageBytes = ${LIMITS.maxErrorMessageBytes}
  var maxStackBytes = ${LIMITS.maxErrorStackBytes}, maxResultBytes = ${LIMITS.maxResultBytes}
  var MARK = ' \u2026 [truncated: '

  // A regexp whose own exec is the captured one: test() never reaches a replaced RegExp.prototype.exec.
  function privateRegExp(re) {
    define(re, 'exec', { __proto__: null, value: regexpExec })
    return re
  }
  function matches(re, s) { return apply(regexpExec, re, [s]) }
  var nonAsciiRuns = privateRegExp(/[^\x00-\x7f]+/g)
  var frame = privateRegExp(/script\.js:(\d+)(?::(\d+))?/)
  var firstFrames = privateRegExp(/^(?:[^\n]*\n){${MAX_STACK_FRAMES}}/)

  // The size of a JSON text as the limits count it: UTF-8 bytes with every
  // non-ASCII code unit counted as 3, an upper bound that native code finds
  // fast (JSON text has no raw control character or lone surrogate).
  function size(json) {
    var extra = 0, run
    nonAsciiRuns.lastIndex = 0
    while ((run = matches(nonAsciiRuns, json)) !== null) extra += 2 * run[0].length
    return json.length + extra
  }
  function group(n) {
    var s = '' + n, out = ''
    while (s.length > 3) { out = ',' + apply(strSlice, s, [-3]) + out; s = apply(strSlice, s, [0, -3]) }
    return s + out
  }
  // The JSON text of a string within 'limit' by size(); a cut says how much it took off.
  function quote(s, limit) {
    var n = s.length, json, bytes
    if (n <= limit) {
      json = stringify(s)
      if (size(json) <= limit) return json
    }
    var keep = n < limit ? n : limit
    for (;;) {
      // Never end on the first half of a surrogate pair.
      var last = keep > 0 ? apply(charCodeAt, s, [keep - 1]) : 0
      if (last >= 0xd800 && last <= 0xdbff) keep--
      json = stringify(apply(strSlice, s, [0, keep]) + MARK + group(n - keep) + ' more characters]')
      bytes = size(json)
      if (bytes <= limit || keep === 0) return json
      keep = (((keep * limit) / bytes) | 0) - 1
      if (keep < 0) keep = 0
    }
  }

  // One console argument as text: strings as they are, objects as JSON.
  function text(v) {
    switch (typeof v) {
      case 'string': return v
      case 'number': case 'boolean': case 'undefined': return '' + v
      case 'bigint': return '' + v + 'n'
      case 'symbol': return '[' + String_(v) + ']'
    }
    if (v === null) return 'null'
    var json = load('serializer').serialize(v)
    if (json === undefined) return '[too deep]'
    // A marker such as "[Function f]" reads better without its quotes.
    return apply(charCodeAt, json, [0]) === 34 ? parse(json) : json
  }

  function dataString(o, key) {
    var d = ownDescriptor(o, key)
    return d && typeof d.value === 'string' ? d.value : undefined
  }
  function trimFrames(stack) {
    var kept = matches(firstFrames, stack)
    return kept === null || kept[0].length >= stack.length ? stack : kept[0] + '    ...'
  }
  // A thrown value as the envelope's error. The engine's limits are told by
  // identity, never by text: only the engine makes a real Error whose
  // prototype is InternalError.prototype.
  function describe(e, phase) {
    if (e === null) return '{"t":"Null","p":"' + phase + '"}'
    var type = 'ScriptError', name, message, stack, real = isError(e)
    if (real && (getProto(e) === IEP || phase === 'input')) {
      // (Nothing of the script runs inside the input's JSON.parse: its errors are the engine's.)
      message = dataString(e, 'message')
      if (message === 'out of memory' || message === 'string too long') type = 'MemoryLimitError'
      else if (message === 'stack overflow') type = 'StackOverflowError'
    }
    try {
      if (real) {
        name = dataString(e, 'name')
        if (name === undefined) name = String_(e.name)
        message = dataString(e, 'message')
        if (message === undefined) message = e.message === undefined ? '' : text(e.message)
        stack = dataString(e, 'stack')
      } else if ((typeof e === 'object' || typeof e === 'function') && (typeof e.message === 'string' || typeof e.name === 'string')) {
        if (typeof e.name === 'string') name = e.name
        message = typeof e.message === 'string' ? e.message : ''
      } else message = 'Uncaught ' + text(e)
    } catch (err) {
      message = 'Uncaught [a value that could not be shown]'
    }
    var out = '{"t":"' + type + '","p":"' + phase + '","m":' + quote(message, maxMessageBytes)
    if (typeof name === 'string') out += ',"n":' + quote(name, maxNameBytes)
    if (stack) {
      var cut = apply(strSlice, stack, [0, maxStackBytes])
      var at = matches(frame, cut)
      if (at) out += ',"line":' + +at[1] + (at[2] ? ',"col":' + +at[2] : '')
      out += ',"s":' + quote(trimFrames(cut), maxStackBytes)
    }
    return out + '}'
  }

  function envelope(error, valueJson) {
    return (error ? '{"e":' + error + '}' : '') + '\n' + valueJson
  }
  function valueJson(value) {
    switch (typeof value) {
      case 'undefined': return ''
      case 'boolean': return value ? 'true' : 'false'
      case 'number': return value === value && value !== 1 / 0 && value !== -1 / 0 ? '' + value : '"' + value + '"'
      case 'bigint': return '"' + value + 'n"'
      case 'string': return stringify(value)
    }
    if (value === null) return 'null'
    return load('serializer').serialize(value)
  }
  function done(value) {
    var json
    try { json = valueJson(value) } catch (err) { return envelope(describe(err, 'result'), '') }
    if (json === undefined)
      return envelope('{"t":"ResultError","p":"result","m":"The result nests deeper than ${MAX_DEPTH} levels and cannot be shown"}', '')
    // Each code unit is at least a byte: no need to count them all.
    if (json.length > maxResultBytes) return envelope('{"t":"ResultError","p":"result","size":' + json.length + '}', '')
    return envelope(undefined, json)
  }

  return {
    __proto__: null,
    fail: function (phase, e) { return envelope(describe(e, phase), '') },
    done: done,
    // The host's side. settle(x, false): the run's value is x; (x, true): it threw x;
    // (box, null): a timer's callback threw box.error.
    settle: function (x, how) {
      if (how === false) return done(x)
      return envelope(describe(how === null ? x.error : x, 'run'), '')
    },
    compiled: function (e) { return envelope(describe(e, 'compile'), '') },
  }
})`

const PARTS: Record<string, string> = {
  console: CONSOLE_PART,
  core: CORE_PART,
  serializer: SERIALIZER_PART,
  timers: TIMERS_PART,
}

/** The source of a prelude part, for the host function; throws for an unknown name. */
export function partSource(name: string): string {
  const source = PARTS[name]
  if (source === undefined) throw new TypeError(`no sandbox part named ${JSON.stringify(name)}`)
  return source
}
