// title: Isolation between runs
// expect: ok
// runs: 2
//
// Every run gets a fresh context: new globals, new built-ins, new prototypes.
// This script checks that nothing an earlier run did is visible, then does
// its worst: it pollutes Object.prototype, replaces JSON and Array.prototype
// methods, leaves a global behind and schedules a timer. Run it twice (the
// test does, on the same lane): the second run finds a clean world again.
if (Object.prototype.polluted !== undefined) throw new Error('an earlier run reached this one')
if (globalThis.leftBehind !== undefined) throw new Error('a global survived')
Object.prototype.polluted = true
Array.prototype.map = () => 'broken'
globalThis.leftBehind = 'still here?'
return { clean: true }
