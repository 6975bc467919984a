// title: The promise that never settles
// expect: ScriptError
//
// This script awaits a promise nobody can resolve: no timer is pending and no
// job is queued. Waiting for the timeout would only waste a permit. The loop
// sees that nothing is left that could settle the promise and ends the run at
// once, as ScriptError, saying so.
await new Promise(() => {})
return 'unreachable'
