// title: Escape through host objects
// expect: ok
//
// The vm2 advisories were mostly one idea: find an object that came from the
// host (an error thrown by host code, a proxy trap's argument, a stack-trace
// hook) and climb from it into the host's realm. Here the only host-made
// things a script can touch are console's methods and the timers, and even
// those are QuickJS functions calling out through a narrow door: values cross
// as strings and numbers, never as objects. This script pokes at them the way
// those exploits did and fails if anything answers from outside.
const probes = {
  consoleFunction: () => console.log.constructor('return typeof process')(),
  callChain: () => console.log.call.call(console.log.constructor, null, 'return typeof require')(),
  prepareStackTrace: () => {
    Error.prepareStackTrace = (_, frames) => frames
    const stack = new Error('probe').stack
    return typeof stack === 'string' ? 'undefined' : typeof stack
  },
  thrownByHost: () => {
    try {
      console.log({
        toString() {
          throw new Error('from the sandbox')
        },
      })
      return 'undefined'
    } catch (error) {
      return typeof error.constructor.constructor('return process')()
    }
  },
  proxyTrap: () => {
    let seen = 'undefined'
    const trap = new Proxy(
      {},
      {
        get: (target, key, receiver) => {
          seen = typeof receiver.constructor.constructor('return process')()
          return 1
        },
      },
    )
    console.log(trap)
    return seen
  },
}
const results = {}
for (const [name, probe] of Object.entries(probes)) {
  let answer
  try {
    answer = probe()
  } catch (error) {
    answer = `threw ${error.name}`
  }
  if (answer !== 'undefined' && !String(answer).startsWith('threw'))
    throw new Error(`${name} reached the host: ${answer}`)
  results[name] = answer
}
return results
