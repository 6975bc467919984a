// title: A memory bomb made of arrays
// expect: MemoryLimitError
//
// Each run gets a memory limit (64 MB by default). The engine counts what it
// allocates and refuses an allocation past the limit with "out of memory",
// which Gatehouse reports as MemoryLimitError. Afterwards the runtime is
// recycled, and a lane whose WebAssembly memory grew past half its cap is
// replaced, because WebAssembly memory never shrinks.
const hoard = []
while (true) hoard.push(new Array(100_000).fill(hoard.length))
