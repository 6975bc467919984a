// title: Escape by the constructor chain
// expect: ok
//
// The oldest trick against JavaScript sandboxes built on Node's vm module:
// any object's constructor's constructor is Function, and Function('return
// process')() runs in the realm that owns that Function. When the sandbox
// shares objects with the host, that realm is the host's, and the script
// holds `process`. In Gatehouse the script and its objects live in a separate
// engine, QuickJS in WebAssembly: the chain only ever leads to the sandbox's
// own Function, whose global has no process, require or anything of Node.
// This script tries the chain from several starting points and fails if any
// of them finds the host.
const starts = [this, {}, [], () => {}, console, console.log, input, new Error('x')]
const found = []
for (const start of starts) {
  if (start === undefined || start === null) continue
  const FunctionCtor = start.constructor.constructor
  const outside = FunctionCtor(
    'return typeof process + "/" + typeof require + "/" + typeof globalThis.Buffer',
  )()
  if (outside !== 'undefined/undefined/undefined') found.push(outside)
}
if (found.length > 0) throw new Error(`escaped: ${found.join(', ')}`)
return { tried: starts.length, found: 'nothing of the host' }
