/**
 * JavaScript evaluated inside each fresh QuickJS context. Compiling it is
 * most of what a run costs beyond the engine's own context, so it comes in
 * three parts: BASE_PRELUDE, small, before every run; TIMERS_SOURCE when a
 * run touches a timer (at once for `loop` runs); SERIALIZER_SOURCE when a
 * result or a console argument is an object.
 *
 * Each receives the host's functions or settings as arguments, so nothing of
 * the host is ever reachable from a global. Built-ins are captured when a
 * part is installed, so a script that overwrites JSON or Array.prototype
 * breaks only itself.
 */

/**
 * Installs `console` (each call hands its arguments to `host.log`) and
 * getters for the timer globals that install the timers on first use.
 * Returns the built-ins the serializer needs, taken before the user's code
 * can replace them.
 */
export const BASE_PRELUDE = String.raw`(function (host) {
  'use strict'
  var g = globalThis
  var intrinsics = {
    stringify: JSON.stringify, isArray: Array.isArray, keys: Object.keys,
    toStr: Object.prototype.toString, getProto: Object.getPrototypeOf,
    dateIso: Date.prototype.toISOString, dateTime: Date.prototype.getTime,
    mapProto: Map.prototype, setProto: Set.prototype, errorProto: Error.prototype,
    mapEntries: Map.prototype.entries, setValues: Set.prototype.values, arrayFrom: Array.from,
    test: RegExp.prototype.test, String: String,
  }
  function logger(level) { return function () { host.log(level, arguments) } }
  Object.defineProperty(g, 'console', {
    value: { log: logger('log'), info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('debug') },
    writable: true, configurable: true, enumerable: false,
  })
  var names = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask']
  for (var i = 0; i < names.length; i++) (function (name) {
    Object.defineProperty(g, name, {
      get: function () { host.installTimers(); return g[name] },
      set: function (v) { Object.defineProperty(g, name, { value: v, writable: true, configurable: true, enumerable: false }) },
      configurable: true, enumerable: false,
    })
  })(names[i])
  return intrinsics
})`

/** Defines the timer globals; returns the queue's two handles for the lane's event loop. */
export const TIMERS_SOURCE = String.raw`(function (maxTimers) {
  'use strict'
  var now = Date.now
  var timers = new Map()
  var nextId = 1
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError('The callback must be a function')
    if (timers.size >= maxTimers) throw new RangeError('Too many pending timers (limit ' + maxTimers + ')')
    var delay = Number(ms)
    if (!(delay >= 1)) delay = repeat ? 1 : 0
    if (delay > 2147483647) delay = 1
    var id = nextId++
    timers.set(id, { due: now() + delay, fn: fn, args: args, every: repeat ? delay : 0 })
    return id
  }
  function rest(args) { return Array.prototype.slice.call(args, 2) }
  function setTimeout(fn, ms) { return addTimer(fn, ms, rest(arguments), false) }
  function setInterval(fn, ms) { return addTimer(fn, ms, rest(arguments), true) }
  function clearTimer(id) { timers.delete(id) }
  function queueMicrotask(fn) {
    if (typeof fn !== 'function') throw new TypeError('The callback must be a function')
    Promise.resolve().then(function () { fn() })
  }

  // The earliest due time of a pending timer, or -1 when none is left.
  function nextDue() {
    var min = -1
    timers.forEach(function (t) { if (min === -1 || t.due < min) min = t.due })
    return min
  }
  // Runs every timer due by 'at' in due order. Returns the first error a
  // callback threw (as a run it is uncaught), or undefined.
  function runDue(at) {
    var due = []
    timers.forEach(function (t, id) { if (t.due <= at) due.push([id, t]) })
    due.sort(function (a, b) { return a[1].due - b[1].due || a[0] - b[0] })
    for (var i = 0; i < due.length; i++) {
      var id = due[i][0], t = due[i][1]
      if (!timers.has(id)) continue
      if (t.every) t.due = at + t.every
      else timers.delete(id)
      try { t.fn.apply(undefined, t.args) } catch (err) { return { error: err } }
    }
    return undefined
  }

  var g = globalThis
  function define(name, value) {
    Object.defineProperty(g, name, { value: value, writable: true, configurable: true, enumerable: false })
  }
  define('setTimeout', setTimeout)
  define('setInterval', setInterval)
  define('clearTimeout', clearTimer)
  define('clearInterval', clearTimer)
  define('queueMicrotask', queueMicrotask)
  return { nextDue: nextDue, runDue: runDue }
})`

/**
 * Returns serialize(value): the JSON text of a result, '' for a bare
 * undefined, or '\u0001depth' when the value nests too deeply to show.
 */
export const SERIALIZER_SOURCE = String.raw`(function (I) {
  'use strict'
  var stringify = I.stringify
  var isArray = I.isArray
  var keys = I.keys
  var toStr = I.toStr
  var getProto = I.getProto
  var String = I.String
  var dateIso = I.dateIso
  var dateTime = I.dateTime
  var mapProto = I.mapProto, setProto = I.setProto, errorProto = I.errorProto
  var mapEntries = I.mapEntries, setValues = I.setValues
  var arrayFrom = I.arrayFrom
  var test = I.test
  var MAX_DEPTH = 1000

  function DepthError() {}

  function tagOf(v) { return toStr.call(v).slice(8, -1) }

  function isProtoOf(proto, v) {
    for (var p = getProto(v); p !== null; p = getProto(p)) if (p === proto) return true
    return false
  }

  function jsonSafe(value) {
    var ancestors = []
    function walk(v, depth) {
      switch (typeof v) {
        case 'undefined': return '[undefined]'
        case 'boolean': case 'string': return v
        case 'number': return v === v && v !== Infinity && v !== -Infinity ? v : String(v)
        case 'bigint': return String(v) + 'n'
        case 'symbol': return '[' + String(v) + ']'
        case 'function': return '[Function ' + (v.name || 'anonymous') + ']'
      }
      if (v === null) return null
      if (depth > MAX_DEPTH) throw new DepthError()
      if (ancestors.indexOf(v) !== -1) return '[Circular]'
      ancestors.push(v)
      try {
        var tag = tagOf(v)
        if (tag === 'Date') {
          var t = dateTime.call(v)
          return t === t ? dateIso.call(v) : '[Invalid Date]'
        }
        if (isProtoOf(errorProto, v) || tag === 'Error') {
          var e = { name: String(v.name), message: String(v.message) }
          if (typeof v.stack === 'string' && v.stack) e.stack = v.stack
          return { '[Error]': e }
        }
        if (isProtoOf(mapProto, v)) {
          var entries = []
          for (var it = mapEntries.call(v), r = it.next(); !r.done; r = it.next())
            entries.push([walk(r.value[0], depth + 1), walk(r.value[1], depth + 1)])
          return { '[Map]': entries }
        }
        if (isProtoOf(setProto, v)) {
          var values = []
          for (var it2 = setValues.call(v), r2 = it2.next(); !r2.done; r2 = it2.next())
            values.push(walk(r2.value, depth + 1))
          return { '[Set]': values }
        }
        if (tag === 'ArrayBuffer' || tag === 'SharedArrayBuffer') return '[' + tag + ' ' + v.byteLength + ' bytes]'
        if (test.call(/Array$/, tag) && !isArray(v) && typeof v.length === 'number') {
          var o = {}
          o['[' + tag + ']'] = arrayFrom(v, function (x) { return walk(x, depth + 1) })
          return o
        }
        if (tag === 'Promise' || tag === 'WeakMap' || tag === 'WeakSet' || tag === 'WeakRef') return '[' + tag + ']'
        if (typeof v.toJSON === 'function') return walk(v.toJSON(), depth + 1)
        if (isArray(v)) {
          var out = []
          for (var i = 0; i < v.length; i++) out.push(walk(v[i], depth + 1))
          return out
        }
        var obj = {}
        var ks = keys(v)
        for (var k = 0; k < ks.length; k++) {
          var key = ks[k], item
          try { item = v[key] } catch (err) { item = '[Thrown: ' + (err && err.message) + ']' }
          obj[key] = walk(item, depth + 1)
        }
        return obj
      } finally {
        ancestors.pop()
      }
    }
    return walk(value, 0)
  }

  // Returns the JSON text of a result, '' for a bare undefined, or throws
  // 'depth' when the value nests too deeply to show.
  function serialize(value) {
    if (value === undefined) return ''
    try {
      return stringify(jsonSafe(value))
    } catch (err) {
      if (err instanceof DepthError) return '\u0001depth'
      throw err
    }
  }

  return serialize
})`
