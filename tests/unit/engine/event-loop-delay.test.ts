import { afterEach, describe, expect, it } from 'vitest'
import { EventLoopDelayMonitor } from '../../../src/engine/event-loop-delay'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the main process event-loop delay', () => {
  const monitor = new EventLoopDelayMonitor()
  afterEach(() => monitor.stop())

  it('reads 0 before its first window, then shows a stall as the window’s max', async () => {
    expect(monitor.reading()).toEqual({ p50: 0, p99: 0, max: 0 })
    monitor.start()
    await sleep(200)
    const blockedUntil = Date.now() + 80
    while (Date.now() < blockedUntil) {
      // A stall of the event loop, as a long synchronous task would cause.
    }
    await sleep(1000)
    const { p50, p99, max } = monitor.reading()
    expect(max).toBeGreaterThanOrEqual(50)
    expect(p50).toBeLessThanOrEqual(p99)
    expect(p99).toBeLessThanOrEqual(max)
  })
})
