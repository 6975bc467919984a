import type { Semaphore } from '../gate/semaphore'
import { compareGates } from '../lessons/broken-gates'
import { LeakMatrix, MatrixRefused } from '../lessons/leak-matrix'
import type { ChannelRequest, ChannelResponse } from '../protocol/api'
import type { Channel } from '../protocol/channel-names'
import { METHOD_CHANNELS } from '../protocol/channel-names'
import type { MemoryBudget, Settings } from '../protocol/settings'
import { memoryBudgetProblem, settingsSchema } from '../protocol/settings'
import type { LiveSettings } from './live-settings'
import type { Scheduler } from './scheduler'
import { lanesReady } from './stress/lanes-ready'
import { StressComparison } from './stress/stress-comparison'
import { StressRun } from './stress/stress-run'
import type { TelemetryHub } from './telemetry'
import { describeZodError } from './validation'

/** How many stress runs stay readable by id (a comparison takes two). */
const RECENT_STRESS_RUNS = 8

/** A request the core understood but will not carry out; its message goes back as a ValidationError. */
export class RequestRefused extends Error {
  override readonly name = 'RequestRefused'
}

export interface CoreParts {
  scheduler: Scheduler
  gate: Semaphore
  settings: LiveSettings
  telemetry: TelemetryHub
  /** The hard WASM cap of a lane for these settings. */
  laneMemoryMb(settings: Settings): number
  /** What all lanes' caps together may add up to. */
  memoryBudget: MemoryBudget
}

/** One handler per channel the core answers, each given its request already validated. */
export type CoreHandlers = {
  [C in Channel]?: (request: ChannelRequest<C>) => ChannelResponse<C> | Promise<ChannelResponse<C>>
}

/**
 * The core's answers to the window, channel by channel (runs excepted: the
 * scheduler validates those itself, so that a bad one still gets its
 * outcome). Files, drafts and window state are not here: each edition's
 * host answers those.
 */
export function coreHandlers(parts: CoreParts): { handlers: CoreHandlers; cancelStress(): void } {
  const { scheduler, gate, settings, telemetry } = parts
  let stress: StressRun | undefined
  let comparison: StressComparison | undefined
  let stressCount = 0
  /** The latest stress runs by id, so a comparison's A stays readable while B runs and after. */
  const recent = new Map<string, StressRun>()
  const remember = (run: StressRun) => {
    recent.set(run.id, run)
    for (const id of recent.keys()) if (recent.size > RECENT_STRESS_RUNS) recent.delete(id)
  }
  const stressById = (stressId: string): StressRun => {
    const run = recent.get(stressId)
    if (!run) throw new RequestRefused(`No stress run ${stressId}`)
    return run
  }
  const matrix = new LeakMatrix({ scheduler, gate, settings, telemetry })
  /** Why a new stress or comparison cannot start now, or null. */
  const busy = (): string | null => {
    if (matrix.playing) return 'The leak matrix is playing a path: wait for it to finish'
    if (
      stress &&
      (stress.state === 'running' || stress.state === 'paused' || stress.state === 'cancelling')
    )
      return `A stress run (${stress.id}) is still ${stress.state}: cancel it or wait for it to finish`
    if (comparison && !comparison.finished)
      return `A comparison (${comparison.id}) is still running: cancel it or wait for it to finish`
    return null
  }
  const applySettings = async (change: Partial<Settings>) => {
    const next = settingsSchema.safeParse({ ...settings.current(), ...change })
    if (!next.success) throw new RequestRefused(describeZodError(next.error))
    const overBudget = memoryBudgetProblem(next.data, parts.memoryBudget)
    if (overBudget) throw new RequestRefused(overBudget)
    await scheduler.updateSettings(next.data, parts.laneMemoryMb(next.data))
  }

  const handlers: CoreHandlers = {
    [METHOD_CHANNELS.stop]: ({ id }) => ({ stopped: scheduler.stop(id) }),
    [METHOD_CHANNELS.snapshot]: () => scheduler.snapshot(),
    [METHOD_CHANNELS.getSettings]: () => ({ ...settings.current() }),
    [METHOD_CHANNELS.updateSettings]: async (change) => {
      await applySettings(change)
      return { ...settings.current() }
    },
    [METHOD_CHANNELS.resetStats]: () => {
      scheduler.stats.reset()
      return { reset: true }
    },
    [METHOD_CHANNELS.injectFault]: (fault) => {
      try {
        return { injected: scheduler.injectFault(fault) }
      } catch (error) {
        throw new RequestRefused((error as Error).message)
      }
    },
    [METHOD_CHANNELS.compareGates]: () => compareGates(),
    [METHOD_CHANNELS.playMatrixPath]: async ({ path }) => {
      try {
        return await matrix.play(path)
      } catch (error) {
        if (error instanceof MatrixRefused) throw new RequestRefused(error.message)
        throw error
      }
    },
    [METHOD_CHANNELS.startStress]: (plan) => {
      const reason = busy()
      if (reason) throw new RequestRefused(reason)
      stress = new StressRun(
        {
          scheduler,
          gate,
          settings: settings.current(),
          telemetry,
          lanes: settings.current().lanes,
        },
        plan,
        `stress${++stressCount}`,
      )
      remember(stress)
      void stress.start()
      return { stressId: stress.id }
    },
    [METHOD_CHANNELS.compareStress]: (request) => {
      const reason = busy()
      if (reason) throw new RequestRefused(reason)
      comparison = new StressComparison(
        {
          scheduler,
          gate,
          settings: settings.view(),
          telemetry,
          applySettings,
          lanesReady: (lanes) => lanesReady(scheduler, telemetry, lanes),
        },
        request,
        `stress${++stressCount}`,
      )
      remember(comparison.a)
      remember(comparison.b)
      void comparison.start()
      return {
        comparisonId: comparison.id,
        seed: comparison.seed,
        stressIds: { a: comparison.a.id, b: comparison.b.id },
      }
    },
    [METHOD_CHANNELS.controlStress]: ({ stressId, action }) => {
      const run = stressById(stressId)
      // Either half of a comparison in progress stands for the whole comparison.
      if (comparison && !comparison.finished && (run === comparison.a || run === comparison.b))
        return { state: comparison.control(action) }
      return { state: run[action]() }
    },
    [METHOD_CHANNELS.stressReport]: ({ stressId }) => stressById(stressId).report(),
  }
  return {
    handlers,
    cancelStress: () => {
      stress?.cancel()
      if (comparison && !comparison.finished) comparison.control('cancel')
    },
  }
}
