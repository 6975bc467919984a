import { fork } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { PipelineBatch } from '../../../../src/cli/bench/pipeline-cpu'
import { buildPipelineReport, PipelineMeter } from '../../../../src/cli/bench/pipeline-cpu'
import { clockTicksPerSecond, threadCpuUnavailable } from '../../../../src/cli/bench/thread-cpu'

const thread = (tid: number, cpuMs: number, runQueueMs: number | undefined = 0) => ({
  tid,
  name: 'node',
  cpuMs,
  runQueueMs,
})

describe('buildPipelineReport', () => {
  const batches: PipelineBatch[] = [
    {
      runs: 100,
      wallMs: 200,
      mainPid: 10,
      hostPid: 20,
      main: [thread(10, 30), thread(11, 10)],
      // 21 and 22 are the lanes; 23 is a GC helper.
      host: [thread(20, 10), thread(21, 50, 20), thread(22, 40, 10), thread(23, 10)],
      messages: { mainToHost: 100, hostToMain: 50 },
    },
    {
      runs: 100,
      wallMs: 200,
      mainPid: 10,
      hostPid: 20,
      main: [thread(10, 10), thread(11, 0)],
      host: [thread(20, 10), thread(21, 50, 20), thread(22, 40, 10), thread(23, 0)],
      messages: { mainToHost: 100, hostToMain: 30 },
    },
  ]

  it('splits CPU per run by thread and takes the busiest host threads as the lanes', () => {
    const report = buildPipelineReport(batches, 2)
    expect(report).toMatchObject({
      runs: 200,
      wallMs: 400,
      totalMsPerRun: 1.3,
      mainThreadMsPerRun: 0.2,
      mainOtherThreadsMsPerRun: 0.05,
      hostThreadMsPerRun: 0.1,
      laneMsPerRun: 0.9,
      hostHelpersMsPerRun: 0.05,
      laneBusyFraction: 0.225,
    })
    expect(report.lanes).toEqual([
      {
        tid: 21,
        name: 'node',
        cpuMs: 100,
        msPerRun: 0.5,
        busyFraction: 0.25,
        waitingForCoreFraction: 0.1,
      },
      {
        tid: 22,
        name: 'node',
        cpuMs: 80,
        msPerRun: 0.4,
        busyFraction: 0.2,
        waitingForCoreFraction: 0.05,
      },
    ])
  })

  it('gives messages per run on the hops counted, and null on the others', () => {
    expect(buildPipelineReport(batches, 2).messagesPerRun).toEqual({
      mainToHost: 1,
      hostToMain: 0.4,
      hostToLanes: null,
      lanesToHost: null,
    })
  })

  it('gives null messages when any batch was not counted', () => {
    const uncounted = [
      batches[0] as PipelineBatch,
      { ...(batches[1] as PipelineBatch), messages: undefined },
    ]
    expect(buildPipelineReport(uncounted, 2).messagesPerRun.mainToHost).toBeNull()
  })

  it('names no lane that did no work, and reports nothing for no batches', () => {
    const idle = buildPipelineReport(
      [{ ...(batches[0] as PipelineBatch), host: [thread(20, 5), thread(21, 0)] }],
      2,
    )
    expect(idle.lanes).toEqual([])
    expect(buildPipelineReport([], 2)).toMatchObject({ runs: 0, laneMsPerRun: 0, lanes: [] })
  })
})

const unavailable = threadCpuUnavailable()

describe.skipIf(unavailable !== undefined)(
  `PipelineMeter on a real process ${unavailable ?? ''}`,
  () => {
    it('finds the two busy worker threads of another process as its lanes', async () => {
      const busyTicks = 15
      // A stand-in host: two worker threads that each spin until their own
      // thread has used busyTicks (read from /proc/thread-self), then report.
      const child = fork(
        '-e',
        [
          `
        const { Worker } = require('node:worker_threads')
        const lane = \`
          const { readFileSync } = require('node:fs')
          const ticks = () => {
            const stat = readFileSync('/proc/thread-self/stat', 'utf8')
            const f = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\\\\s+/)
            return Number(f[11]) + Number(f[12])
          }
          require('node:worker_threads').parentPort.once('message', () => {
            const start = ticks()
            while (ticks() - start < ${busyTicks}) for (let i = 0; i < 1e5; i++);
            require('node:worker_threads').parentPort.postMessage('done')
            // Stay alive: a thread that has ended cannot be read any more.
            setInterval(() => {}, 1 << 30)
          })
        \`
        const lanes = [new Worker(lane, { eval: true }), new Worker(lane, { eval: true })]
        let online = 0
        for (const w of lanes) w.once('online', () => { if (++online === 2) process.send('ready') })
        process.on('message', () => {
          let done = 0
          for (const w of lanes) {
            w.once('message', () => { if (++done === 2) process.send('done') })
            w.postMessage('go')
          }
        })
        process.on('disconnect', () => process.exit(0))
        `,
        ],
        { execArgv: [] },
      )
      const next = () =>
        new Promise<unknown>((resolve, reject) => {
          child.once('message', resolve)
          child.once('exit', (code) => reject(new Error(`stand-in host exited with ${code}`)))
        })
      try {
        await next()
        const meter = new PipelineMeter({ hostPid: () => child.pid, lanes: 2 })
        const stop = meter.start()
        const started = performance.now()
        child.send('go')
        await next()
        stop(10, performance.now() - started)
        const report = meter.report()
        const atLeastMs = (busyTicks * 1000) / clockTicksPerSecond()
        expect(report.lanes).toHaveLength(2)
        for (const lane of report.lanes) {
          expect(lane.tid).not.toBe(child.pid)
          expect(lane.cpuMs).toBeGreaterThanOrEqual(atLeastMs)
          expect(lane.busyFraction).toBeGreaterThan(0)
        }
        expect(report.laneMsPerRun).toBeGreaterThanOrEqual((2 * atLeastMs) / 10)
        // The stand-in's own thread only relayed two messages.
        expect(report.hostThreadMsPerRun).toBeLessThan(report.laneMsPerRun)
        expect(report.messagesPerRun.mainToHost).toBeNull()
      } finally {
        child.disconnect()
        await new Promise((resolve) =>
          child.exitCode === null ? child.once('exit', resolve) : resolve(null),
        )
      }
    })

    it('counts messages per run from the counters the core exposes, lane hops included', () => {
      const counts = { mainToHost: 5, hostToMain: 7, hostToLanes: 0, lanesToHost: 1 }
      // This process stands in for the host: the counters are what is under test.
      const meter = new PipelineMeter({
        hostPid: () => process.pid,
        lanes: 1,
        messageCounts: () => ({ ...counts }),
      })
      const stop = meter.start()
      counts.mainToHost += 4
      counts.hostToMain += 2
      counts.hostToLanes += 8
      counts.lanesToHost += 8
      stop(8, 10)
      expect(meter.report().messagesPerRun).toEqual({
        mainToHost: 0.5,
        hostToMain: 0.25,
        hostToLanes: 1,
        lanesToHost: 1,
      })
    })

    it('leaves out a batch during which the host restarted', () => {
      let pid = process.pid
      const meter = new PipelineMeter({ hostPid: () => pid, lanes: 1 })
      const stop = meter.start()
      pid = process.ppid
      stop(10, 10)
      expect(meter.report()).toMatchObject({ runs: 0, skippedBatches: 1 })
    })

    it('refuses to start while the host has no process', () => {
      const meter = new PipelineMeter({ hostPid: () => undefined, lanes: 1 })
      expect(() => meter.start()).toThrow('The sandbox host is not running: nothing to meter')
    })
  },
)
