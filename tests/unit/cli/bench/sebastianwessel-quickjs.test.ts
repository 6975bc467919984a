import { describe, expect, it } from 'vitest'
import {
  SANDBOX_LIBRARY_VARIANTS,
  sebastianwesselQuickjs,
} from '../../../../src/cli/bench/sebastianwessel-quickjs'

describe.each(SANDBOX_LIBRARY_VARIANTS)('@sebastianwessel/quickjs on $engine', ({ engine }) => {
  it('runs both bench scripts and checks their results, or says what is missing', async () => {
    const contender = await sebastianwesselQuickjs(engine)
    if ('missing' in contender) {
      // An optional peer: the bench prints this and goes on without it.
      expect(contender.missing).toMatch(/is not installed \(/)
      return
    }
    expect(contender.name).toBe(`@sebastianwessel/quickjs (${engine})`)
    await contender.runBatch('trivial', 2)
    // Its promises settle in microtasks: the batch itself must let timers run.
    let timerRuns = 0
    const timer = setInterval(() => timerRuns++, 1)
    try {
      await contender.runBatch('cpu', 2)
    } finally {
      clearInterval(timer)
    }
    expect(timerRuns).toBeGreaterThan(0)
    await contender.close()
  })
})

it('refuses an engine it does not know', async () => {
  await expect(sebastianwesselQuickjs('v8' as never)).rejects.toThrow(
    'Unknown engine for @sebastianwessel/quickjs: v8',
  )
})
