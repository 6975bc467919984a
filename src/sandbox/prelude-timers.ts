import { BUILTINS_HEADER } from './prelude-builtins'
import { MAX_TIMERS } from './prelude-limits'

/**
 * The sandbox part behind setTimeout, setInterval, their clears and
 * queueMicrotask (see prelude.ts), compiled the first time a run touches one.
 * `nextDue` and `runDue` are the host's event loop's side. The timers live in
 * an object without prototype, walked with for-in: nothing of Map or
 * Array.prototype that a script could replace is involved.
 */
export const TIMERS_PART = String.raw`(function (B) {
  'use strict'
  ${BUILTINS_HEADER}
  var timers = { __proto__: null }, count = 0, nextId = 1
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError_('The callback must be a function')
    if (count >= ${MAX_TIMERS}) throw new RangeError_('Too many pending timers (limit ${MAX_TIMERS})')
    var delay = typeof ms === 'bigint' ? 0 : +ms
    if (!(delay >= 1)) delay = repeat ? 1 : 0
    if (delay > 2147483647) delay = 1
    var rest = setProto([], null)
    for (var i = 2; i < args.length; i++) rest[i - 2] = args[i]
    var id = nextId++
    timers[id] = { __proto__: null, id: id, due: now() + delay, fn: fn, args: rest, every: repeat ? delay : 0 }
    count++
    return id
  }
  function clearTimer(id) {
    if (typeof id === 'number' && timers[id]) { delete timers[id]; count-- }
  }
  async function microtask(fn) { await undefined; fn() }
  return {
    __proto__: null,
    setTimeout: function (fn, ms) { return addTimer(fn, ms, arguments, false) },
    setInterval: function (fn, ms) { return addTimer(fn, ms, arguments, true) },
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    queueMicrotask: function (fn) {
      if (typeof fn !== 'function') throw new TypeError_('The callback must be a function')
      microtask(fn)
    },
    // The earliest due time of a pending timer, or -1 when none is left.
    nextDue: function () {
      var min = -1
      for (var id in timers) if (min === -1 || timers[id].due < min) min = timers[id].due
      return min
    },
    // Runs every timer due by 'at' in due order; returns the first error a
    // callback threw (as a run, it is uncaught) in a box, or undefined.
    runDue: function (at) {
      var due = setProto([], null), n = 0
      for (var id in timers) {
        var t = timers[id]
        if (t.due > at) continue
        // Insertion by (due, id): few timers fall due at once.
        var j = n++
        while (j > 0 && (due[j - 1].due > t.due || (due[j - 1].due === t.due && due[j - 1].id > t.id))) { due[j] = due[j - 1]; j-- }
        due[j] = t
      }
      for (var i = 0; i < n; i++) {
        var timer = due[i]
        if (timers[timer.id] !== timer) continue
        if (timer.every) timer.due = at + timer.every
        else { delete timers[timer.id]; count-- }
        try { apply(timer.fn, undefined, timer.args) } catch (err) { return { __proto__: null, error: err } }
      }
      return undefined
    },
  }
})`
