// Parser and built-in recursion at the largest stackKb, in a real Worker with
// the stack a lane should get (laneStackSizeMb): QuickJS's own limit must trip
// first, so every attack ends as an outcome and the thread lives on.
import { Worker } from 'node:worker_threads'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SETTING_RANGES } from '../../src/protocol/settings'
import { laneStackSizeMb } from '../../src/sandbox/lane-stack'

const ROOT = resolve(__dirname, '../..')
const STACK_KB = SETTING_RANGES.stackKb.max

const ATTACKS: Record<string, { code: string; input?: string }> = {
  'nested eval': { code: 'eval("[".repeat(1e6))' },
  'nested parentheses': { code: 'eval("(".repeat(1e6))' },
  'nested Function source': { code: 'Function("return " + "(".repeat(1e6))' },
  'nested object literals': { code: 'eval("({a:".repeat(1e6))' },
  'nested templates': { code: 'eval("`${".repeat(1e6))' },
  'nested class heritage': { code: 'eval("class A extends (".repeat(1e5))' },
  'deep JSON.parse': { code: 'JSON.parse("[".repeat(1e6))' },
  recursion: { code: '(function f() { f() })()' },
  'deep input': { code: 'return 1', input: '['.repeat(1_000_000) + ']'.repeat(1_000_000) },
}

// The worker loads the TypeScript runner through jiti, as this suite does.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { createJiti } = require(workerData.root + '/node_modules/jiti')
const jiti = createJiti(workerData.root + '/tests/security/')
;(async () => {
  const { QuickJSRunner } = await jiti.import(workerData.root + '/src/sandbox/quickjs-runner.ts')
  const releaseSync = (await import('@jitl/quickjs-wasmfile-release-sync')).default
  let runner = await QuickJSRunner.create({ laneMemoryMb: 256, variant: releaseSync })
  const control = { isCancelled: () => false, sleep: () => undefined }
  for (const [name, attack] of Object.entries(workerData.attacks)) {
    const started = runner.run({ runId: name, lane: 0, route: 'pool', code: attack.code, input: attack.input,
      limits: { runTimeoutMs: 20000, memoryMb: 200, stackKb: workerData.stackKb } }, control)
    const cleanup = started.replaceLane ? { replaceLane: started.replaceLane } : started.finish()
    if (cleanup.replaceLane) runner = await QuickJSRunner.create({ laneMemoryMb: 256, variant: releaseSync })
    parentPort.postMessage({ name, error: started.result.error })
  }
  parentPort.postMessage({ done: true })
})()
`

describe('a lane thread with laneStackSizeMb survives every deep-recursion attack', () => {
  it(`at stackKb ${STACK_KB} in ${laneStackSizeMb()} MB of thread stack`, async () => {
    const outcomes = new Map<string, { type?: string; name?: string }>()
    await new Promise<void>((done, fail) => {
      const worker = new Worker(WORKER, {
        eval: true,
        workerData: { root: ROOT, attacks: ATTACKS, stackKb: STACK_KB },
        resourceLimits: { stackSizeMb: laneStackSizeMb() },
      })
      worker.on(
        'message',
        (message: { done?: true; name: string; error?: { type: string; name?: string } }) => {
          if (message.done) {
            void worker.terminate().then(() => done())
            return
          }
          outcomes.set(message.name, { type: message.error?.type, name: message.error?.name })
        },
      )
      worker.on('error', fail)
      worker.on('exit', (code) => {
        if (code !== 0 && code !== 1) fail(new Error(`the lane thread exited with ${code}`))
      })
    })
    expect([...outcomes.keys()]).toEqual(Object.keys(ATTACKS))
    // The input is parsed by the prelude before any code of the script runs: its overflow is the engine's.
    expect(outcomes.get('deep input')).toMatchObject({ type: 'StackOverflowError' })
    for (const [name, outcome] of outcomes) {
      // The engine's limit, or its parser's SyntaxError "stack overflow" (a ScriptError named SyntaxError).
      const contained =
        outcome.type === 'StackOverflowError' ||
        (outcome.type === 'ScriptError' && outcome.name === 'SyntaxError') ||
        outcome.type === 'SyntaxError'
      expect({ name, contained, outcome }).toMatchObject({ name, contained: true })
    }
  }, 300_000)

  it('has teeth: with the 8 MB a lane had, the thread stack runs out first and the lane is lost', async () => {
    const outcome = await new Promise<{ type?: string } | undefined>((done, fail) => {
      let seen: { type?: string } | undefined
      const worker = new Worker(WORKER, {
        eval: true,
        workerData: {
          root: ROOT,
          attacks: { 'nested eval': ATTACKS['nested eval'] },
          stackKb: STACK_KB,
        },
        resourceLimits: { stackSizeMb: 8 },
      })
      worker.on('message', (message: { done?: true; error?: { type: string } }) => {
        if (message.done) void worker.terminate().then(() => done(seen))
        else seen = message.error
      })
      worker.on('error', fail)
    })
    // The runner catches V8's RangeError from inside the module: a panic, and a new lane.
    expect(outcome).toMatchObject({ type: 'PanicError' })
  }, 300_000)
})
