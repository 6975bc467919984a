// title: A timer flood, traced
// expect: ScriptError
// trace: on
//
// Each timer here sets two more, so the pending timers grow by one every
// time one fires. Two caps meet it. The trace keeps its first 1,000 events
// and counts the rest ("N more events not recorded"), so a flood cannot make
// the outcome huge. The sandbox holds at most 1,000 pending timers: the next
// setTimeout throws a RangeError. The trace keeps that limit past its own
// cap, and the run ends as ScriptError (RangeError), thrown inside a timer
// nobody catches.
let fired = 0
function spread() {
  fired++
  setTimeout(spread, 0)
  setTimeout(spread, 0)
}
spread()
await new Promise(() => {})
