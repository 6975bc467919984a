// title: Results that cannot be JSON
// expect: ok
//
// A result crosses from the sandbox to the window as JSON, converted inside
// the sandbox. JSON has no cycles, functions, BigInt, undefined, Map, Set or
// Error, so each becomes something readable instead of an exception or a
// silent loss: "[Circular]", "[Function name]", "10n", "[undefined]",
// {"[Map]": [...]}, {"[Set]": [...]}, {"[Error]": {...}}.
const node = { name: 'root', children: [] }
node.children.push({ name: 'child', parent: node })
return {
  cycle: node,
  fn: function greet() {},
  big: 2n ** 70n,
  nothing: undefined,
  map: new Map([['a', 1]]),
  set: new Set([1, 2]),
  error: new RangeError('kept readable'),
  when: new Date(0),
}
