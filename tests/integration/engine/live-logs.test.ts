// Live console lines end to end: the real sandbox host process, real lane
// threads and real QuickJS; the telemetry a window would receive. Lines of
// a run still running arrive before its outcome, in order and once each;
// the outcome carries the whole log; a run lost with its lane keeps them.
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CoreInternals } from '../../../src/engine/create-core'
import { createCore } from '../../../src/engine/create-core'
import type { Core } from '../../../src/engine/core-api'
import { forkHostSpawner } from '../../../src/engine/fork-host'
import type { RunLogChunk, RunOutcome } from '../../../src/protocol/outcome'

const HOST_ENTRY = resolve(__dirname, '../../../out/main/sandbox-host.js')
let core: (Core & { internals: CoreInternals }) | undefined

afterEach(async () => {
  await core?.shutdown()
  core = undefined
})

/** A core with a telemetry listener that records each run's streamed lines, and when. */
async function start() {
  const started = await createCore({
    spawnHost: forkHostSpawner(HOST_ENTRY),
    settings: { permits: 2, lanes: 1 },
  })
  core = started
  const heard: (RunLogChunk & { heardAt: number })[] = []
  started.onTelemetry((batch) => {
    for (const chunk of batch.logs ?? []) heard.push({ ...chunk, heardAt: performance.now() })
  })
  const run = async (payload: Record<string, unknown>) => {
    const reply = await started.handle('run:submit', payload)
    if (!reply.ok) throw new Error(reply.error.message)
    return { outcome: reply.value, at: performance.now() }
  }
  return { core: started, heard, run }
}

/** The texts a run streamed, checking that each chunk starts where the last one ended. */
function streamed(heard: RunLogChunk[], runId: string): string[] {
  const texts: string[] = []
  for (const chunk of heard.filter((c) => c.runId === runId)) {
    expect(chunk.from).toBe(texts.length)
    texts.push(...chunk.entries.map((e) => e.text))
  }
  return texts
}

const texts = (outcome: RunOutcome) => outcome.logs.map((e) => e.text)

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (condition()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`timed out waiting until ${what}`)
}

describe('live console lines through the engine', () => {
  it('a script logging every 400 ms shows its lines before its outcome, in order, once each', async () => {
    const { heard, run } = await start()
    const { outcome, at } = await run({
      id: 'every-400',
      liveLogs: true,
      code: `for (let i = 1; i <= 4; i++) {
               console.log('tick ' + i, { i })
               await new Promise((r) => setTimeout(r, 400))
             }
             return 'done'`,
    })
    expect(outcome.status).toBe('ok')
    expect(texts(outcome)).toEqual([1, 2, 3, 4].map((i) => `tick ${i} {"i":${i}}`))
    const lines = streamed(heard, 'every-400')
    expect(lines).toEqual(texts(outcome))
    // The first line was in the window more than a second before the outcome (it took 1.6 s).
    const first = heard.find((c) => c.runId === 'every-400')
    expect(first).toBeDefined()
    expect(at - (first?.heardAt ?? at)).toBeGreaterThan(800)
    // The objects are marked as such in the streamed lines and the outcome alike.
    expect(outcome.logs[0]?.spans).toEqual([7, 14])
    expect(heard[0]?.entries[0]?.spans).toEqual([7, 14])
  })

  it('streams nothing for a run that did not ask', async () => {
    const { heard, run } = await start()
    const { outcome } = await run({
      id: 'quiet',
      code: `console.log('a'); await new Promise((r) => setTimeout(r, 100)); console.log('b')`,
    })
    expect(texts(outcome)).toEqual(['a', 'b'])
    expect(heard.filter((c) => c.runId === 'quiet')).toEqual([])
  })

  it('a run whose lane dies keeps the lines it streamed in its outcome', async () => {
    const { core, heard, run } = await start()
    const pending = run({
      id: 'doomed',
      liveLogs: true,
      code: `console.log('first'); await new Promise((r) => setTimeout(r, 100)); console.log('second')
             await new Promise((r) => setTimeout(r, 4000))`,
    })
    await until(() => streamed(heard, 'doomed').length === 2, 'both lines streamed')
    const reply = await core.handle('fault:inject', { kind: 'kill-lane', lane: 0 })
    expect(reply.ok).toBe(true)
    const { outcome } = await pending
    expect(outcome.error?.type).toBe('PanicError')
    expect(texts(outcome)).toEqual(['first', 'second'])
  })
})
