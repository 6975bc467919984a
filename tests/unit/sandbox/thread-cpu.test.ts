// The watchdog's view of a lane thread's CPU, read from Linux's /proc for real.
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { ownThreadId, threadCpuMs } from '../../../src/sandbox/thread-cpu'

const linux = process.platform === 'linux'

describe.runIf(linux)('thread CPU from /proc', () => {
  it("reads a worker thread's CPU from another thread: it grows while the worker spins", async () => {
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads')
       const { readlinkSync } = require('node:fs')
       // 'on', not 'once': the listener keeps the thread alive (and in /proc) until terminated.
       parentPort.postMessage(Number(/task\\/(\\d+)$/.exec(readlinkSync('/proc/thread-self'))[1]))
       parentPort.on('message', () => { const end = Date.now() + 300; while (Date.now() < end) {} parentPort.postMessage('done') })`,
      { eval: true },
    )
    try {
      const tid = await new Promise<number>((resolve) => worker.once('message', resolve))
      expect(tid).not.toBe(ownThreadId())
      const before = threadCpuMs(tid) as number
      expect(before).toBeGreaterThanOrEqual(0)
      worker.postMessage('spin')
      await new Promise((resolve) => worker.once('message', resolve))
      // 300 ms of spinning; a loaded machine may give it less CPU, never none.
      expect((threadCpuMs(tid) as number) - before).toBeGreaterThanOrEqual(20)
    } finally {
      await worker.terminate()
    }
  })

  it('says unknown for no thread or one that is not ours', () => {
    expect(threadCpuMs(0)).toBeUndefined()
    expect(threadCpuMs(2 ** 30)).toBeUndefined()
    expect(ownThreadId()).toBeGreaterThan(0)
  })
})
