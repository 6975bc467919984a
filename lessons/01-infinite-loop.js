// title: The infinite loop and the interrupt
// expect: TimeoutError
// cause: interrupt
// limits: runTimeoutMs=300
//
// A script that never ends is the first thing a sandbox must survive. QuickJS
// calls an interrupt handler every few thousand instructions; Gatehouse
// installs a new one for every run, armed with that run's deadline. When the
// deadline passes, the handler says "stop", the engine unwinds the script, and
// the run ends as TimeoutError with cause "interrupt", within a millisecond or
// two of the deadline. The runtime is then recycled (a fresh one for the next
// run) and the permit goes back to the gate.
let spins = 0
while (true) {
  spins++
}
