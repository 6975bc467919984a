// title: An async function that never settles
// expect: ScriptError
// trace: on
//
// waitForever awaits a promise whose resolve nobody kept. While a timer is
// pending the run could still go on, so the loop sleeps until it is due and
// runs it. After that the trace shows the moment Gatehouse knows: no
// timer pending and no promise job left, so nothing can ever settle the
// promise the script returned. The run ends at once as ScriptError, long
// before its time limit, and its permit comes back.
async function waitForever(label) {
  console.log(`${label}: waiting for a promise nobody can resolve`)
  await new Promise(() => {})
  console.log('never printed')
}
setTimeout(() => console.log('a pending timer keeps the run alive until it fires'), 20)
await waitForever('worker')
