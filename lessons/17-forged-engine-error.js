// title: A forged engine error
// expect: ScriptError
//
// A sandbox that decides "out of memory" or "stack overflow" by reading the
// error's name and message lets a script write its own verdict: throw an
// Error named InternalError with the message "out of memory" and the host
// reports a memory limit, recycles the runtime for nothing, and a stack
// string the script wrote puts the error on any line it likes. Gatehouse
// tells engine limits by identity instead: before the script runs, the
// global InternalError and the link from its prototype to its constructor
// are removed, so only the engine itself can make a real Error of that
// class, and a position must lie inside the script's own code. This script
// forges all three; the run ends as the ScriptError it is, with its own name
// and message, no line 99, and the next run on the lane is untouched.
const forged = new Error('out of memory')
forged.name = 'InternalError'
forged.stack = '    at <anonymous> (script.js:99:1)\n'
const attempts = [typeof InternalError, new Error('x').constructor === Error]
console.log('the engine class, seen from the script:', attempts)
throw forged
