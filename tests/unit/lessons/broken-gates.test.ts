// The semaphore-leak lesson must show what it claims: the real gate sound,
// each broken gate failing in its own way, under the same workload.
import { describe, expect, it } from 'vitest'
import { compareGates, DEFAULT_WORKLOAD } from '../../../src/lessons/broken-gates'

describe('compareGates', () => {
  it('the real gate is sound and each broken gate shows its failure', async () => {
    const [real, outsideFinally, twice, noTimeout] = await compareGates()
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
  })
})
