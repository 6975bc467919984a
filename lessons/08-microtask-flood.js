// title: The microtask flood
// expect: TimeoutError
// cause: interrupt
// limits: runTimeoutMs=300
//
// A promise callback that schedules itself again never leaves the job queue
// empty, so an event loop that "runs jobs until there are none" never
// returns. The interrupt handler fires inside the jobs as it does in a plain
// loop; Gatehouse tracks that it fired (the engine reports the interrupted
// queue as a success) and ends the run as TimeoutError. Jobs outlive the
// context they came from, so the runtime is recycled: none of them can reach
// the next run.
const again = () => Promise.resolve().then(again)
again()
await new Promise(() => {})
