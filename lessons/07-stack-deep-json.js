// title: Stack overflow by deeply nested JSON
// expect: StackOverflowError
//
// No recursion in sight, yet JSON.parse recurses once per level of nesting.
// A hundred thousand nested arrays is a classic way to crash a parser (and
// the process around it). Here it is the same StackOverflowError as any other
// recursion: the engine's stack check covers its own built-ins too.
const depth = 100_000
return JSON.parse('['.repeat(depth) + ']'.repeat(depth))
