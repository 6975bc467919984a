// title: The timer flood
// expect: ScriptError
//
// Timers are cheap to create and each one holds a callback alive. A run may
// hold at most 1,000 pending timers; the next setTimeout throws a RangeError,
// which the script did not catch, so the run ends as ScriptError (its name is
// RangeError). Timers left when a run ends are dropped with its context.
for (let i = 0; ; i++) setTimeout(() => {}, 60_000 + i)
