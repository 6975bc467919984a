// title: Stack overflow by deeply nested JSON
// expect: ScriptError
//
// No recursion in sight, yet JSON.parse recurses once per level of nesting.
// A hundred thousand nested arrays is a classic way to crash a parser (and
// the process around it). Here the engine's stack check covers its own
// parser too, and it answers with a SyntaxError, "stack overflow". That is
// an error any script could throw itself, so Gatehouse reports it as the
// script's own ScriptError, named SyntaxError, rather than guess from its
// text: engine limits are told by identity, never by message. What matters
// is what did not happen: the lane's thread is still alive.
const depth = 100_000
return JSON.parse('['.repeat(depth) + ']'.repeat(depth))
