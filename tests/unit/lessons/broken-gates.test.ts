// The semaphore-leak lesson must show what it claims: the real gate sound,
// each broken gate failing in its own way, under the same workload.
import { describe, expect, it } from 'vitest'
import {
  compareGates,
  DEFAULT_WORKLOAD,
  peakOverlap,
  releaseOnTimeoutDemo,
} from '../../../src/lessons/broken-gates'

describe('compareGates', () => {
  it('the real gate is sound and each broken gate shows its failure', async () => {
    const [real, outsideFinally, twice, noTimeout, onTimeout] = await compareGates()
    expect(real).toMatchObject({ stuck: 0, inUseAfter: 0, gate: 'Gatehouse semaphore' })
    expect(real?.peakRunning).toBeLessThanOrEqual(DEFAULT_WORKLOAD.permits)
    expect(real?.verdict).toMatch(/sound/)

    // Release outside finally: failing tasks keep their permits; later waiters time out.
    expect(outsideFinally?.inUseAfter).toBeGreaterThan(0)
    expect(outsideFinally?.timedOut).toBeGreaterThan(0)
    expect(outsideFinally?.verdict).toMatch(/leaked/)

    // Double release: more tasks run at once than there are permits.
    expect(twice?.peakRunning).toBeGreaterThan(DEFAULT_WORKLOAD.permits)
    expect(twice?.verdict).toMatch(/ran at once/)

    // No wait timeout: the leaked permits leave waiters stuck forever.
    expect(noTimeout?.stuck).toBeGreaterThan(0)
    expect(noTimeout?.verdict).toMatch(/deadlocked/)

    // Release at the run timeout: the caller is answered and the permit goes
    // back while the work goes on, so more tasks run than there are permits,
    // and yet no permit leaks and nothing is stuck.
    expect(onTimeout?.gate).toBe('release on timeout')
    expect(onTimeout?.runTimeouts).toBeGreaterThan(0)
    expect(onTimeout?.peakRunning).toBeGreaterThan(DEFAULT_WORKLOAD.permits)
    expect(onTimeout).toMatchObject({ inUseAfter: 0, stuck: 0 })
    expect(onTimeout?.verdict).toMatch(/ran at once/)
  })
})

describe('releaseOnTimeoutDemo', () => {
  it('answers every task at its timeout and lets the abandoned work overlap the next', async () => {
    const { peakRunning, intervals } = await releaseOnTimeoutDemo({
      permits: 2,
      tasks: 4,
      runTimeoutMs: 20,
      workMs: 60,
    })
    expect(intervals).toHaveLength(4)
    for (const task of intervals) {
      expect(task.ended).toBe('released on timeout')
      // The permit came back before the work stopped.
      expect(task.permitMs[1]).toBeLessThan(task.runningMs[1])
    }
    expect(peakRunning).toBe(4)
  })
})

describe('peakOverlap', () => {
  it('counts the most intervals open at once; an end meets a start without overlap', () => {
    expect(peakOverlap([])).toBe(0)
    expect(
      peakOverlap([
        [0, 10],
        [10, 20],
      ]),
    ).toBe(1)
    expect(
      peakOverlap([
        [0, 10],
        [5, 20],
        [6, 7],
      ]),
    ).toBe(3)
  })
})
