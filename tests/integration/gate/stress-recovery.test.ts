// Invariants under load: a stress with faults mixed in, the sandbox host
// killed with SIGKILL mid-run, and a host that stops answering. Every run
// gets exactly one outcome and every permit comes back. GATEHOUSE_SOAK=1
// runs the 10,000-run version (minutes on two cores); the default is 1,000.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stress } from '../../../src/cli/stress-command'
import { createCore } from '../../../src/engine/create-core'
import { forkHostSpawner } from '../../../src/engine/fork-host'

const HOST_ENTRY = resolve(__dirname, '../../../out/main/sandbox-host.js')
const SOAK = process.env.GATEHOUSE_SOAK === '1'
const RUNS = SOAK ? 10_000 : 1_000

const FAULTY_SCRIPT = `
const i = input.i
if (i % 100 === 7) while (true) {}
if (i % 100 === 13) { const f = (n) => f(n + 1) + 1; return f(0) }
if (i % 10 === 3) throw new Error('run ' + i + ' failed on purpose')
if (i % 10 === 5) { await new Promise((r) => setTimeout(r, 2)); return i }
return i * 2
`

describe('stress with faults and a host killed mid-run', () => {
  it(
    `${RUNS} runs: one outcome each, no permit leaked`,
    async () => {
      const core = await createCore({
        spawnHost: forkHostSpawner(HOST_ENTRY),
        settings: { permits: 8, lanes: 2, runTimeoutMs: 50, waitTimeoutMs: 600_000 },
      })
      try {
        const kills: number[] = []
        const report = await stress(core, {
          code: FAULTY_SCRIPT,
          runs: RUNS,
          onProgress: (done) => {
            // SIGKILL the sandbox host twice, a third and two thirds of the way through.
            for (const at of [Math.floor(RUNS / 3), Math.floor((2 * RUNS) / 3)]) {
              if (done === at && !kills.includes(at)) {
                kills.push(at)
                core.internals.host.kill()
              }
            }
          },
        })
        expect(kills).toHaveLength(2)
        const errors = report.outcomes.error
        const total = report.outcomes.ok + Object.values(errors).reduce((a, b) => a + (b ?? 0), 0)
        expect(total).toBe(RUNS)
        expect(report.runsWithoutOutcome).toBe(0)
        expect(report.permits).toMatchObject({
          max: 8,
          inUseAfter: 0,
          leaked: 0,
          doubleReleases: 0,
        })
        expect(report.permits.peakInUse).toBeLessThanOrEqual(8)
        expect(errors.PanicError ?? 0).toBeGreaterThan(0)
        expect(errors.ScriptError).toBeGreaterThan(0)
        expect(errors.TimeoutError).toBeGreaterThan(0)
        expect(errors.StackOverflowError).toBeGreaterThan(0)
        expect(core.internals.scheduler.audit().healthy).toBe(true)
      } finally {
        await core.shutdown()
      }
    },
    SOAK ? 900_000 : 120_000,
  )
})

describe('a host that stops answering', () => {
  it('is replaced after missed heartbeats; its run ends as PanicError host-unresponsive', async () => {
    const core = await createCore({
      spawnHost: forkHostSpawner(HOST_ENTRY),
      settings: { permits: 2, lanes: 1, runTimeoutMs: 10_000 },
      heartbeat: { intervalMs: 100, missedBeats: 5 },
    })
    try {
      const pid = core.internals.host.pid as number
      const running = core.handle('run:submit', {
        id: 'frozen',
        code: 'await new Promise((r) => setTimeout(r, 5000)); return 1',
      })
      // Frozen while the run is on its lane, so the run is the host's to lose.
      for (let i = 0; i < 500; i++) {
        if (core.internals.scheduler.snapshot().lanes.some((l) => l.state === 'running')) break
        await new Promise((r) => setTimeout(r, 10))
      }
      expect(core.internals.scheduler.snapshot().lanes.some((l) => l.state === 'running')).toBe(
        true,
      )
      process.kill(pid, 'SIGSTOP')
      const reply = await running
      expect(reply.ok && reply.value.error).toMatchObject({
        type: 'PanicError',
        cause: 'host-unresponsive',
      })
      expect(core.internals.host.pid).not.toBe(pid)
      const after = await core.handle('run:submit', { id: 'after', code: 'return "alive"' })
      expect(after.ok && after.value.value).toBe('alive')
      expect(core.internals.scheduler.audit()).toMatchObject({ leaked: 0, inUse: 0, healthy: true })
      // The stopped host was killed by the supervisor; make sure it is gone.
      expect(() => process.kill(pid, 0)).toThrow()
    } finally {
      await core.shutdown()
    }
  })
})
