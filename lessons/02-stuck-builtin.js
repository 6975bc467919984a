// title: The built-in that ignores the interrupt, and the watchdog
// expect: TimeoutError
// cause: watchdog
// limits: runTimeoutMs=300
//
// The interrupt handler only runs between JavaScript instructions. A single
// built-in call that loops inside the engine's C code never gives it the
// chance: here indexOf walks four billion empty slots of an array-like
// object. No interrupt can stop it. So every lane has a watchdog in the
// sandbox host: when a run outlives its deadline by 150 ms, the host ends the
// lane's whole thread (worker.terminate() works even inside WebAssembly),
// reports TimeoutError with cause "watchdog", and starts a new lane. Watch the
// Gate panel: the lane shows "recycling", then "idle" again.
return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 'needle')
