import { BUILTINS_HEADER } from './prelude-builtins'
import { MAX_TIMERS } from './prelude-limits'

/**
 * The sandbox part behind setTimeout, setInterval, their clears and
 * queueMicrotask (see prelude.ts), compiled the first time a run touches one.
 * `nextDue` and `runDue` are the host's event loop's side. The timers live in
 * an object without prototype, walked with for-in: nothing of Map or
 * Array.prototype that a script could replace is involved.
 *
 * In a traced run, `trace` (the host's, in `B`, out of the script's reach)
 * hears of each timer set, with the script line that set it, each timer
 * fired, and the cap on pending timers refusing one. Untraced, it is
 * undefined and each of those costs one test.
 */
export const TIMERS_PART = String.raw`(function (B) {
  'use strict'
  ${BUILTINS_HEADER}
  var timers = { __proto__: null }, count = 0, nextId = 1
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError_('The callback must be a function')
    if (count >= ${MAX_TIMERS}) {
      if (trace) trace('limit', 'A timer was refused: ${MAX_TIMERS} are pending, the most a run may hold')
      throw new RangeError_('Too many pending timers (limit ${MAX_TIMERS})')
    }
    var delay = typeof ms === 'bigint' ? 0 : +ms
    if (!(delay >= 1)) delay = repeat ? 1 : 0
    if (delay > 2147483647) delay = 1
    var rest = setProto([], null)
    for (var i = 2; i < args.length; i++) rest[i - 2] = args[i]
    var id = nextId++
    timers[id] = { __proto__: null, id: id, due: now() + delay, fn: fn, args: rest, every: repeat ? delay : 0 }
    count++
    if (trace) trace('timer-set', id, delay, repeat ? 1 : 0, callerLine())
    return id
  }
  // The line of the script's code that called: the first frame in script.js
  // of a stack the engine writes (a function's name in it is the script's own text).
  var scriptFrame = /\(script\.js:(\d+):\d+\)/
  function callerLine() {
    var found = apply(regexpExec, scriptFrame, [new TypeError_().stack])
    return found ? +found[1] : 0
  }
  function clearTimer(id) {
    if (typeof id === 'number' && timers[id]) { delete timers[id]; count-- }
  }
  async function microtask(fn) { await undefined; fn() }
  // The timers found due by the last runDue, in order, not yet run: 'next' is the first.
  var batch = setProto([], null), next = 0
  function batchHead() {
    // A timer cleared since it was found due is skipped.
    while (next < batch.length && timers[batch[next].id] !== batch[next]) next++
    return next < batch.length ? batch[next] : undefined
  }
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
      var head = batchHead()
      if (head) return head.due
      var min = -1
      for (var id in timers) if (min === -1 || timers[id].due < min) min = timers[id].due
      return min
    },
    // Runs the next timer due by 'at' (by due time, then id), one per call,
    // so the host drains promise jobs between two timers as a browser does.
    // The timers due at once are sorted once into a batch, so a flood costs
    // one walk per batch, not one per timer. Returns the error its callback
    // threw (as a run, it is uncaught) in a box, or undefined.
    runDue: function (at) {
      var timer = batchHead()
      if (!timer) {
        batch = setProto([], null), next = 0
        var n = 0
        for (var id in timers) {
          var t = timers[id]
          if (t.due > at) continue
          // Insertion by (due, id): timers come in id order, mostly by due already.
          var j = n++
          while (j > 0 && (batch[j - 1].due > t.due || (batch[j - 1].due === t.due && batch[j - 1].id > t.id))) { batch[j] = batch[j - 1]; j-- }
          batch[j] = t
        }
        timer = batchHead()
        if (!timer) return undefined
      }
      next++
      if (timer.every) timer.due = at + timer.every
      else { delete timers[timer.id]; count-- }
      if (trace) trace('timer-fired', timer.id)
      try { apply(timer.fn, undefined, timer.args) } catch (err) { return { __proto__: null, error: err } }
      return undefined
    },
  }
})`
