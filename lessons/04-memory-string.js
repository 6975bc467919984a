// title: A memory bomb made of one string
// expect: MemoryLimitError
//
// Doubling a string reaches gigabytes in thirty steps. A string is one block
// of memory, allocated at once: the engine's soft limit and, behind it, the
// lane's hard cap (a WebAssembly.Memory with a maximum) both stand in its way.
// The hard cap matters: some allocations slip past an engine's own
// accounting, and only the size of the memory itself cannot be argued with.
let s = 'x'
while (true) s += s
