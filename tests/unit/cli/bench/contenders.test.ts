import { describe, expect, it } from 'vitest'
import { eventLoopTurns, quickjsFloor } from '../../../../src/cli/bench/contenders'

/** Counts how often a timer got to run while `work` ran. */
async function timerRunsDuring(work: () => Promise<void>): Promise<number> {
  let runs = 0
  const timer = setInterval(() => runs++, 1)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return runs
}

describe('eventLoopTurns', () => {
  it('lets timers run during a long synchronous batch, but not between every run', async () => {
    const turn = eventLoopTurns()
    expect(turn()).toBeUndefined()
    const busyUntil = performance.now() + 25
    while (performance.now() < busyUntil);
    expect(turn()).toBeInstanceOf(Promise)
    expect(turn()).toBeUndefined()
  })

  it("keeps the floor's CPU-bound batch from holding the event loop", async () => {
    const floor = await quickjsFloor()
    try {
      // Three sums of a million numbers: well over 20 ms of engine time.
      expect(await timerRunsDuring(() => floor.runBatch('cpu', 3))).toBeGreaterThan(0)
    } finally {
      await floor.close()
    }
  })
})
