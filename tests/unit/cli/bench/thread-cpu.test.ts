import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import {
  clockTicksPerSecond,
  diffThreads,
  parseSchedstatWaitNs,
  parseStatTicks,
  sampleThreads,
  threadCpuUnavailable,
} from '../../../../src/cli/bench/thread-cpu'

// A stat line whose name holds spaces and parentheses, as a thread may name itself.
const STAT =
  '4242 (we (ird) name) S 1 4242 4242 0 -1 4194560 2716 0 0 0 37 5 0 0 20 0 11 0 1234 1000 100'

describe('parsing /proc', () => {
  it('reads user + system ticks (fields 14 and 15) past a name with parentheses', () => {
    expect(parseStatTicks(STAT)).toBe(42)
  })

  it('refuses a line that is not a stat line, saying what it got', () => {
    expect(() => parseStatTicks('garbage')).toThrow('Not a /proc stat line: "garbage"')
    expect(() => parseStatTicks('1 (x) S 1 2')).toThrow('No utime/stime in /proc stat line')
  })

  it('reads the run-queue wait from schedstat', () => {
    expect(parseSchedstatWaitNs('346402309 237543827 264\n')).toBe(237543827)
    expect(parseSchedstatWaitNs('')).toBeUndefined()
  })
})

describe('diffThreads', () => {
  it('counts a thread born between the samples from zero and keeps unknown waits unknown', () => {
    const msPerTick = 1000 / clockTicksPerSecond()
    const before = [{ tid: 1, name: 'node', ticks: 10, runQueueNs: 1e6 }]
    const after = [
      { tid: 1, name: 'node', ticks: 15, runQueueNs: 4e6 },
      { tid: 2, name: 'lane', ticks: 3, runQueueNs: undefined },
    ]
    expect(diffThreads(before, after)).toEqual([
      { tid: 1, name: 'node', cpuMs: 5 * msPerTick, runQueueMs: 3 },
      { tid: 2, name: 'lane', cpuMs: 3 * msPerTick, runQueueMs: undefined },
    ])
  })
})

const unavailable = threadCpuUnavailable()

describe.skipIf(unavailable !== undefined)(`sampleThreads ${unavailable ?? ''}`, () => {
  it('finds the main thread under its process id', () => {
    const main = sampleThreads(process.pid).find((t) => t.tid === process.pid)
    expect(main?.ticks).toBeGreaterThan(0)
  })

  it("charges a busy worker thread's CPU to that thread", async () => {
    const busyTicks = 20
    // The worker spins until its own thread has used busyTicks, reports its
    // thread id, and stays alive until told to go, so the sample still sees it.
    const worker = new Worker(
      `
      const { readFileSync, readlinkSync } = require('node:fs')
      const { parentPort } = require('node:worker_threads')
      const ticks = () => {
        const stat = readFileSync('/proc/thread-self/stat', 'utf8')
        const f = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\\s+/)
        return Number(f[11]) + Number(f[12])
      }
      const start = ticks()
      while (ticks() - start < ${busyTicks}) for (let i = 0; i < 1e5; i++);
      parentPort.postMessage(Number(readlinkSync('/proc/thread-self').split('/').pop()))
      parentPort.once('message', () => process.exit(0))
      `,
      { eval: true },
    )
    try {
      const before = sampleThreads(process.pid)
      const tid = await new Promise<number>((resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
      })
      const after = sampleThreads(process.pid)
      expect(after.some((t) => t.tid === tid)).toBe(true)
      const busy = diffThreads(before, after).find((t) => t.tid === tid)
      expect(busy?.cpuMs).toBeGreaterThanOrEqual((busyTicks * 1000) / clockTicksPerSecond())
      // The main thread only waited: far less CPU than the worker burned.
      const main = diffThreads(before, after).find((t) => t.tid === process.pid)
      expect(main?.cpuMs).toBeLessThan(busy?.cpuMs ?? 0)
    } finally {
      worker.postMessage('go')
      await worker.terminate()
    }
  })

  it('says which process it could not read', () => {
    expect(() => sampleThreads(2 ** 30)).toThrow(`Cannot list the threads of process ${2 ** 30}`)
  })
})
