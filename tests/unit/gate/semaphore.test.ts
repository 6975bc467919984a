import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { CancelledError, ConcurrencyError, QueueClearedError } from '../../../src/gate/errors'
import type { Permit } from '../../../src/gate/semaphore'
import { Semaphore } from '../../../src/gate/semaphore'

/** Lets resolved acquisitions and their `.then` handlers run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Records how an acquisition ended without leaving a rejection unhandled. */
function track(promise: Promise<Permit>): {
  state: 'pending' | 'granted' | 'failed'
  permit?: Permit
  error?: unknown
} {
  const tracked: { state: 'pending' | 'granted' | 'failed'; permit?: Permit; error?: unknown } = {
    state: 'pending',
  }
  promise.then(
    (permit) => {
      tracked.state = 'granted'
      tracked.permit = permit
    },
    (error: unknown) => {
      tracked.state = 'failed'
      tracked.error = error
    },
  )
  return tracked
}

describe('Semaphore', () => {
  it('grants free permits at once and counts them', async () => {
    const gate = new Semaphore(2)
    const a = await gate.acquire()
    const b = await gate.acquire()
    expect(gate.activeCount).toBe(2)
    expect(gate.pendingCount).toBe(0)
    expect(a.released).toBe(false)
    a.release()
    b.release()
    expect(gate.activeCount).toBe(0)
    expect(gate.counters).toMatchObject({
      acquired: 2,
      released: 2,
      doubleReleases: 0,
      peakInUse: 2,
    })
  })

  it('admits waiters first come, first served', async () => {
    const gate = new Semaphore(1)
    const holder = await gate.acquire()
    const order: string[] = []
    const waits = ['a', 'b', 'c', 'd'].map((label) =>
      gate.acquire({ label }).then((permit) => {
        order.push(label)
        return permit
      }),
    )
    expect(gate.waiters().map((w) => w.label)).toEqual(['a', 'b', 'c', 'd'])
    expect(gate.pendingCount).toBe(4)

    holder.release()
    for (const wait of waits) {
      const permit = await wait
      expect(gate.activeCount).toBe(1)
      permit.release()
    }
    expect(order).toEqual(['a', 'b', 'c', 'd'])
    expect(gate.activeCount).toBe(0)
    expect(gate.pendingCount).toBe(0)
  })

  it('does not let a newcomer overtake the queue when a permit frees up', async () => {
    const gate = new Semaphore(1)
    const holder = await gate.acquire()
    const first = track(gate.acquire({ label: 'first' }))
    holder.release()
    // The permit went to the queued waiter, so a newcomer must queue behind it.
    const late = track(gate.acquire({ label: 'late' }))
    await settle()
    expect(first.state).toBe('granted')
    expect(late.state).toBe('pending')
    first.permit?.release()
    await settle()
    expect(late.state).toBe('granted')
    late.permit?.release()
  })

  it('ends a wait that outlasts timeoutMs with ConcurrencyError naming the waited time', async () => {
    const gate = new Semaphore(1)
    const holder = await gate.acquire()
    const started = performance.now()
    const error = await gate.acquire({ timeoutMs: 40, label: 'slow' }).catch((e: unknown) => e)
    const elapsed = performance.now() - started

    expect(error).toBeInstanceOf(ConcurrencyError)
    const concurrency = error as ConcurrencyError
    expect(concurrency.name).toBe('ConcurrencyError')
    expect(concurrency.message).toMatch(
      /^No permit within 40 ms \(waited \d+ ms; 1 of 1 in use, 0 others waiting\)$/,
    )
    const waited = Number(/waited (\d+) ms/.exec(concurrency.message)?.[1])
    expect(waited).toBe(concurrency.waitedMs)
    expect(waited).toBeGreaterThanOrEqual(39)
    expect(waited).toBeLessThan(elapsed + 5)
    expect(gate.pendingCount).toBe(0)
    holder.release()
    expect(gate.activeCount).toBe(0)
  })

  it('fails at once with timeoutMs 0 when every permit is held, and grants at once when one is free', async () => {
    const gate = new Semaphore(1)
    const holder = await gate.acquire({ timeoutMs: 0 })
    const outcome = track(gate.acquire({ timeoutMs: 0 }))
    await settle()
    expect(outcome.state).toBe('failed')
    expect(outcome.error).toBeInstanceOf(ConcurrencyError)
    expect((outcome.error as ConcurrencyError).message).toContain('waited 0 ms')
    expect((outcome.error as ConcurrencyError).waitedMs).toBe(0)
    expect(gate.pendingCount).toBe(0)
    holder.release()
    expect(gate.counters.acquired).toBe(1)
  })

  it('takes a waiter out of the queue with CancelledError when its signal fires', async () => {
    const gate = new Semaphore(1)
    const holder = await gate.acquire()
    const abort = new AbortController()
    const cancelled = track(gate.acquire({ signal: abort.signal, label: 'cancel-me' }))
    const next = track(gate.acquire({ label: 'next' }))
    expect(gate.pendingCount).toBe(2)

    abort.abort()
    await settle()
    expect(cancelled.state).toBe('failed')
    expect(cancelled.error).toBeInstanceOf(CancelledError)
    expect((cancelled.error as Error).message).toMatch(
      /^Cancelled after waiting \d+ ms for a permit$/,
    )
    expect(gate.pendingCount).toBe(1)
    expect(gate.waiters().map((w) => w.label)).toEqual(['next'])

    // The permit goes to the next waiter, not to the one that left.
    holder.release()
    await settle()
    expect(next.state).toBe('granted')
    next.permit?.release()
    expect(gate.counters.acquired).toBe(gate.counters.released)
  })

  it('rejects an already aborted signal without queueing', async () => {
    const gate = new Semaphore(1)
    const abort = new AbortController()
    abort.abort()
    await expect(gate.acquire({ signal: abort.signal })).rejects.toBeInstanceOf(CancelledError)
    expect(gate.activeCount).toBe(0)
    expect(gate.pendingCount).toBe(0)
  })

  it('an abort after the grant changes nothing', async () => {
    const gate = new Semaphore(1)
    const abort = new AbortController()
    const permit = await gate.acquire({ signal: abort.signal, timeoutMs: 10 })
    abort.abort()
    await sleep(20)
    expect(gate.activeCount).toBe(1)
    expect(permit.release()).toBe(true)
    expect(gate.activeCount).toBe(0)
  })

  it('counts a second release as one doubleRelease, not a second release', async () => {
    const gate = new Semaphore(2)
    const permit = await gate.acquire()
    const other = await gate.acquire()
    expect(permit.release()).toBe(true)
    expect(permit.release()).toBe(false)
    expect(permit.released).toBe(true)
    expect(gate.activeCount).toBe(1)
    expect(gate.counters).toMatchObject({ acquired: 2, released: 1, doubleReleases: 1 })
    other.release()
    expect(gate.counters).toMatchObject({ acquired: 2, released: 2, doubleReleases: 1 })
  })

  it('growing admits waiters at once', async () => {
    const gate = new Semaphore(1)
    const holder = await gate.acquire()
    const waiting = [track(gate.acquire()), track(gate.acquire()), track(gate.acquire())]
    gate.resize(3)
    expect(gate.permits).toBe(3)
    expect(gate.activeCount).toBe(3)
    expect(gate.pendingCount).toBe(1)
    await settle()
    expect(waiting.map((w) => w.state)).toEqual(['granted', 'granted', 'pending'])
    holder.release()
    await settle()
    expect(waiting[2]?.state).toBe('granted')
    for (const w of waiting) w.permit?.release()
    expect(gate.activeCount).toBe(0)
  })

  it('shrinking lets holders finish and admits no one until under the new limit', async () => {
    const gate = new Semaphore(3)
    const holders = await Promise.all([gate.acquire(), gate.acquire(), gate.acquire()])
    const waiter = track(gate.acquire())
    gate.resize(1)
    expect(gate.activeCount).toBe(3)
    expect(holders.every((h) => !h.released)).toBe(true)

    holders[0]?.release()
    await settle()
    expect(gate.activeCount).toBe(2)
    expect(waiter.state).toBe('pending')
    holders[1]?.release()
    await settle()
    expect(waiter.state).toBe('pending')
    holders[2]?.release()
    await settle()
    expect(waiter.state).toBe('granted')
    expect(gate.activeCount).toBe(1)
    waiter.permit?.release()
    expect(gate.counters.peakInUse).toBe(3)
  })

  it('rejects bad permit counts with an exact message', () => {
    expect(() => new Semaphore(0)).toThrow(
      new TypeError('Expected `permits` to be a whole number from 1 and up, got 0'),
    )
    expect(() => new Semaphore(Number.NaN)).toThrow(
      new TypeError('Expected `permits` to be a whole number from 1 and up, got NaN'),
    )
    expect(() => new Semaphore(1.5)).toThrow(
      new TypeError('Expected `permits` to be a whole number from 1 and up, got 1.5'),
    )
    expect(() => new Semaphore(-2)).toThrow(TypeError)
    expect(() => new Semaphore(Infinity)).toThrow(TypeError)
    const gate = new Semaphore(2)
    expect(() => gate.resize(0)).toThrow(
      new TypeError('Expected `permits` to be a whole number from 1 and up, got 0'),
    )
    expect(() => gate.resize(1.5)).toThrow(TypeError)
    expect(gate.permits).toBe(2)
  })

  it('rejects bad timeouts with an exact message and no side effects', async () => {
    const gate = new Semaphore(1)
    await expect(gate.acquire({ timeoutMs: -1 })).rejects.toThrow(
      new TypeError('Expected `timeoutMs` to be a finite number from 0 and up, got -1'),
    )
    await expect(gate.acquire({ timeoutMs: Number.NaN })).rejects.toThrow(
      new TypeError('Expected `timeoutMs` to be a finite number from 0 and up, got NaN'),
    )
    await expect(gate.acquire({ timeoutMs: Infinity })).rejects.toThrow(TypeError)
    expect(gate.activeCount).toBe(0)
    expect(gate.pendingCount).toBe(0)
    expect(gate.counters.acquired).toBe(0)
  })

  it('clearQueue rejects every waiter with QueueClearedError and leaves holders alone', async () => {
    const gate = new Semaphore(1)
    const holder = await gate.acquire()
    const waiting = [track(gate.acquire({ timeoutMs: 50 })), track(gate.acquire())]
    gate.clearQueue('shutting down')
    await settle()
    for (const w of waiting) {
      expect(w.state).toBe('failed')
      expect(w.error).toBeInstanceOf(QueueClearedError)
      expect((w.error as Error).message).toBe('shutting down')
    }
    expect(gate.pendingCount).toBe(0)
    expect(gate.activeCount).toBe(1)
    // The cleared waiter's timer must not fire into anything later.
    await sleep(70)
    expect(holder.release()).toBe(true)
    expect(gate.counters).toMatchObject({ acquired: 1, released: 1, doubleReleases: 0 })
  })
})

type Op =
  | { kind: 'acquire'; timeoutMs: number | undefined }
  | { kind: 'abort'; pick: number }
  | { kind: 'release'; pick: number; again: boolean }
  | { kind: 'resize'; permits: number }
  | { kind: 'wait'; ms: number }

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('acquire' as const),
      timeoutMs: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('abort' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('release' as const),
      pick: fc.nat(),
      again: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resize' as const),
      permits: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.integer({ min: 1, max: 5 }),
    }),
  },
)

describe('Semaphore (property)', () => {
  it('never exceeds its permits and always drains to zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(opArbitrary, { maxLength: 40 }),
        async (initial, ops) => {
          const gate = new Semaphore(initial)
          const held: Permit[] = []
          const releasedPermits: Permit[] = []
          const waiting: { abort: AbortController; outcome: ReturnType<typeof track> }[] = []
          let doubleReleases = 0
          let failed = 0
          // Holders may exceed the count only right after a shrink, and never grow while over it.
          let cap = gate.permits

          const collect = (): void => {
            for (let i = waiting.length - 1; i >= 0; i--) {
              const entry = waiting[i] as (typeof waiting)[number]
              if (entry.outcome.state === 'pending') continue
              waiting.splice(i, 1)
              if (entry.outcome.state === 'granted') held.push(entry.outcome.permit as Permit)
              else {
                failed++
                expect(entry.outcome.error).toSatisfy(
                  (e) => e instanceof ConcurrencyError || e instanceof CancelledError,
                )
              }
            }
          }
          const check = (): void => {
            expect(gate.activeCount).toBeLessThanOrEqual(cap)
            expect(gate.activeCount).toBe(held.length)
            expect(gate.pendingCount).toBe(waiting.length)
            cap = Math.max(gate.permits, gate.activeCount)
          }

          for (const op of ops) {
            switch (op.kind) {
              case 'acquire': {
                const abort = new AbortController()
                const options =
                  op.timeoutMs === undefined
                    ? { signal: abort.signal }
                    : { signal: abort.signal, timeoutMs: op.timeoutMs }
                waiting.push({ abort, outcome: track(gate.acquire(options)) })
                break
              }
              case 'abort':
                if (waiting.length > 0) waiting[op.pick % waiting.length]?.abort.abort()
                break
              case 'release':
                if (op.again && releasedPermits.length > 0) {
                  expect(releasedPermits[op.pick % releasedPermits.length]?.release()).toBe(false)
                  doubleReleases++
                } else if (held.length > 0) {
                  const [permit] = held.splice(op.pick % held.length, 1) as [Permit]
                  expect(permit.release()).toBe(true)
                  releasedPermits.push(permit)
                }
                break
              case 'resize':
                cap = Math.max(op.permits, gate.activeCount)
                gate.resize(op.permits)
                break
              case 'wait':
                await sleep(op.ms)
                break
            }
            await settle()
            collect()
            check()
          }

          // Drain: give back everything held until nothing is held or waiting.
          for (let round = 0; held.length > 0 || waiting.length > 0; round++) {
            expect(round).toBeLessThan(1000)
            for (const permit of held.splice(0)) permit.release()
            await settle()
            collect()
            check()
          }
          expect(gate.activeCount).toBe(0)
          expect(gate.pendingCount).toBe(0)
          const counters = gate.counters
          expect(counters.acquired).toBe(counters.released)
          expect(counters.doubleReleases).toBe(doubleReleases)
          expect(counters.peakInUse).toBeLessThanOrEqual(Math.max(initial, 4))
          expect(counters.acquired + failed).toBe(ops.filter((op) => op.kind === 'acquire').length)
        },
      ),
      { numRuns: 150 },
    )
  })
})
