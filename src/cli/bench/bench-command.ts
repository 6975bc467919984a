import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from '../../engine/create-core'
import { forkHostSpawner } from '../../engine/fork-host'
import { HOST_ENTRY } from '../paths'
import { UsageError } from '../usage'
import type { Contender } from './contenders'
import {
  gatehouse,
  hostMessageCounter,
  isolatedVm,
  nodeVm,
  quickjsFloor,
  waitForLanes,
} from './contenders'
import type { ThroughputResult } from './measure'
import { withMainThreadCpu } from './in-process-cpu'
import { interleavedThroughput } from './measure'
import type { PipelineReport } from './pipeline-cpu'
import { PipelineMeter } from './pipeline-cpu'
import { formatReport } from './report-format'
import { BENCH_SCRIPTS } from './scripts'
import { SANDBOX_LIBRARY_VARIANTS, sebastianwesselQuickjs } from './sebastianwessel-quickjs'
import { median, quantile, round } from './stats'
import type { Baseline } from './targets'
import { buildTargets, readBaseline } from './targets'

/** Where `npm run bench` writes its results (not committed: they belong to one machine). */
export const RESULTS_FILE = join(__dirname, '..', '..', 'bench', 'results', 'latest.json')

const log = (line: string): void => void process.stderr.write(`${line}\n`)

/**
 * `gatehouse bench [--quick] [--json] [--baseline FILE]`: every measurement in
 * one invocation; with a baseline (an earlier results file), the "no
 * regression" targets are judged against it.
 */
export async function benchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      baseline: { type: 'string' },
    },
  })
  if (positionals.length > 0)
    throw new UsageError(`bench takes no arguments, got "${positionals.join(' ')}"`)
  let baseline: Baseline | undefined
  if (values.baseline !== undefined) {
    try {
      baseline = readBaseline(values.baseline)
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  const quick = values.quick ?? false
  const cores = Math.min(16, Math.max(1, cpus().length))
  const spawnHost = forkHostSpawner(HOST_ENTRY)
  const sizes = quick
    ? { trivial: 300, cpu: 6, rounds: 3, latency: 60, stress: 2000, precision: 3, cold: 2 }
    : { trivial: 1500, cpu: 20, rounds: 7, latency: 300, stress: 10_000, precision: 5, cold: 3 }

  // 1-3. Throughput, interleaved: the floor, the peers, Gatehouse end to end.
  log('throughput: QuickJS floor, node:vm, the optional peers, Gatehouse (interleaved)...')
  const floor = withMainThreadCpu(await quickjsFloor())
  const peerNotes: string[] = []
  const contenders: Contender[] = [floor, withMainThreadCpu(nodeVm())]
  const peers = [
    isolatedVm(),
    ...(await Promise.all(SANDBOX_LIBRARY_VARIANTS.map((v) => sebastianwesselQuickjs(v.engine)))),
  ]
  for (const peer of peers) {
    if ('missing' in peer) peerNotes.push(peer.missing)
    else contenders.push(withMainThreadCpu(peer))
  }
  for (const note of peerNotes) log(`  skipped: ${note}`)
  const gh = await gatehouse(spawnHost, cores)
  contenders.push(gh)
  const throughput: ThroughputResult[] = [
    ...(await interleavedThroughput(contenders, 'trivial', sizes.trivial, sizes.rounds)),
    ...(await interleavedThroughput(contenders, 'cpu', sizes.cpu, sizes.rounds)),
  ]
  const pipeline: Record<string, PipelineReport | undefined> = {
    trivial: gh.pipeline('trivial'),
    cpu: gh.pipeline('cpu'),
  }

  // Idle latency: one run at a time, through the whole pipeline.
  log('latency: single runs on an idle system...')
  const latencies: number[] = []
  for (let i = 0; i < sizes.latency; i++) {
    const started = performance.now()
    await gh.runBatch('trivial', 1)
    latencies.push(performance.now() - started)
  }
  for (const c of contenders) await c.close()

  // 4. A long stress: leaks and the host's memory.
  log(`stress: ${sizes.stress} runs...`)
  const stressCore = await createCore({
    spawnHost,
    settings: { permits: cores, lanes: cores, waitTimeoutMs: 600_000 },
  })
  await waitForLanes(stressCore)
  const stressMeter = gh.cpuUnavailable
    ? undefined
    : new PipelineMeter({
        hostPid: () => stressCore.internals.host.pid,
        lanes: cores,
        messageCounts: hostMessageCounter(stressCore),
      })
  const stopStressMeter = stressMeter?.start()
  const stressStarted = performance.now()
  const rssAt: Record<string, number | undefined> = {}
  const chunk = 2000
  for (let done = 0; done < sizes.stress; done += chunk) {
    await Promise.all(
      Array.from({ length: Math.min(chunk, sizes.stress - done) }, (_, k) =>
        stressCore.handle('run:submit', {
          id: `stress-${done + k}`,
          code: BENCH_SCRIPTS.trivial.code,
          input: JSON.stringify(BENCH_SCRIPTS.trivial.input),
        }),
      ),
    )
    if (done + chunk === 2000 || done + chunk >= sizes.stress) {
      rssAt[String(Math.min(done + chunk, sizes.stress))] =
        await stressCore.internals.host.sampleMemory()
    }
  }
  const stressWallMs = performance.now() - stressStarted
  stopStressMeter?.(sizes.stress, stressWallMs)
  pipeline.stress = stressMeter?.report()
  const audit = stressCore.internals.scheduler.audit()
  await stressCore.shutdown()

  // 5. Timeout precision: the interrupt and the watchdog, against a 100 ms deadline.
  log('timeout precision: interrupt and watchdog...')
  const precisionCore = await createCore({
    spawnHost,
    settings: { permits: 1, lanes: 1, memoryMb: 512 },
  })
  const overshoot = async (code: string): Promise<number[]> => {
    const result: number[] = []
    for (let i = 0; i < sizes.precision; i++) {
      await waitForLanes(precisionCore)
      const reply = await precisionCore.handle('run:submit', {
        id: `t-${code.length}-${i}`,
        code,
        limits: { runTimeoutMs: 100 },
      })
      if (reply.ok && reply.value.error?.type === 'TimeoutError')
        result.push(reply.value.timing.runMs - 100)
    }
    return result
  }
  const interruptOvershoot = await overshoot('while (true) {}')
  const watchdogOvershoot = await overshoot("return 'abc'.repeat(5e7).length")
  await precisionCore.shutdown()

  // 6. Cold start: from starting the core to the first result.
  log('cold start...')
  const coldMs: number[] = []
  for (let i = 0; i < sizes.cold; i++) {
    const started = performance.now()
    const core = await createCore({ spawnHost, settings: { permits: 1, lanes: 1 } })
    await core.handle('run:submit', { id: 'cold', code: 'return 1' })
    coldMs.push(performance.now() - started)
    await core.shutdown()
  }

  const rate = (contender: string, script: string): number =>
    throughput.find((t) => t.contender === contender && t.script === script)?.runsPerSec ?? 0
  const hostRssMb = Object.fromEntries(
    Object.entries(rssAt).map(([k, v]) => [k, round((v ?? 0) / 2 ** 20, 1)]),
  )
  const targets = buildTargets(
    {
      floorTrivialPerSec: rate('QuickJS floor', 'trivial'),
      floorCpuMsPerTrivialRun: floor.cpuMsPerRun?.('trivial'),
      nodeVmTrivialPerSec: rate('node:vm', 'trivial'),
      gatehouseTrivialPerSec: rate('Gatehouse', 'trivial'),
      latencyP50Ms: quantile(latencies, 0.5),
      laneMsPerTrivialRun: pipeline.trivial?.laneMsPerRun,
      mainMsPerTrivialRun: pipeline.trivial?.mainThreadMsPerRun,
      cpuUnavailable: gh.cpuUnavailable,
      interruptOvershootMs: interruptOvershoot,
      watchdogOvershootMs: watchdogOvershoot,
      coldStartMs: median(coldMs),
      stressRuns: sizes.stress,
      hostRssMb,
    },
    baseline,
  )

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores,
      memoryGb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
    },
    quick,
    peers: peerNotes,
    throughput,
    latencyMs: { p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)) },
    stress: {
      runs: sizes.stress,
      wallMs: Math.round(stressWallMs),
      throughputPerSec: round((sizes.stress / stressWallMs) * 1000, 1),
      leaked: audit.leaked,
      doubleReleases: audit.doubleReleases,
      runsWithoutOutcome: audit.runsWithoutOutcome,
      hostRssMb,
    },
    pipeline: gh.cpuUnavailable ?? pipeline,
    timeoutOvershootMs: {
      interrupt: interruptOvershoot.map((x) => round(x)),
      watchdog: watchdogOvershoot.map((x) => round(x)),
    },
    coldStartMs: round(median(coldMs)),
    baseline: values.baseline ?? null,
    targets,
  }
  mkdirSync(dirname(RESULTS_FILE), { recursive: true })
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(
    values.json
      ? `${JSON.stringify(results)}\n`
      : `${formatReport(results)}\n\nwritten to ${RESULTS_FILE}\n`,
  )
  return targets.every((t) => t.met !== false) ? 0 : 1
}
