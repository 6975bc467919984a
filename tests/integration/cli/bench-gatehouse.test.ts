// The bench's Gatehouse contender metered on a real core: real sandbox host, real lanes.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GatehouseContender } from '../../../src/cli/bench/contenders'
import { gatehouse } from '../../../src/cli/bench/contenders'
import { threadCpuUnavailable } from '../../../src/cli/bench/thread-cpu'
import { forkHostSpawner } from '../../../src/engine/fork-host'

const HOST_ENTRY = path.resolve('out/main/sandbox-host.js')
const unavailable = threadCpuUnavailable()

describe.skipIf(unavailable !== undefined)(
  `the Gatehouse contender's meter ${unavailable ?? ''}`,
  () => {
    let contender: GatehouseContender
    beforeAll(async () => {
      contender = await gatehouse(forkHostSpawner(HOST_ENTRY), 2)
    })
    afterAll(() => contender?.close())

    it('charges CPU-bound runs to the two lane threads, not to the routing threads', async () => {
      await contender.runBatch('trivial', 20)
      expect(contender.pipeline('cpu')).toBeUndefined()
      const runs = 4
      const stop = contender.meterBatch?.('cpu')
      const started = performance.now()
      await contender.runBatch('cpu', runs)
      stop?.(runs, performance.now() - started)

      const report = contender.pipeline('cpu')
      const hostPid = contender.core.internals.host.pid
      expect(report?.runs).toBe(runs)
      expect(report?.lanes).toHaveLength(2)
      for (const lane of report?.lanes ?? []) {
        expect(lane.tid).not.toBe(hostPid)
        expect(lane.busyFraction).toBeGreaterThan(0)
      }
      // Summing a million numbers takes tens of ms of engine time; routing a message does not.
      expect(report?.laneMsPerRun).toBeGreaterThan(10)
      expect(report?.laneMsPerRun).toBeGreaterThan(5 * (report?.hostThreadMsPerRun ?? 0))
      expect(report?.laneMsPerRun).toBeGreaterThan(5 * (report?.mainThreadMsPerRun ?? 0))
      expect(contender.cpuMsPerRun?.('cpu')).toBe(report?.totalMsPerRun)

      const counted = typeof (contender.core.internals.host as { messageCounts?: unknown })
        .messageCounts
      if (counted === 'function') expect(report?.messagesPerRun.mainToHost).toBeGreaterThan(0)
      else expect(report?.messagesPerRun.mainToHost).toBeNull()
    })
  },
)
