import type { Semaphore } from '../gate/semaphore'
import { compareGates } from '../lessons/broken-gates'
import type { ChannelRequest, ChannelResponse } from '../protocol/api'
import type { Channel } from '../protocol/channel-names'
import { METHOD_CHANNELS } from '../protocol/channel-names'
import type { MemoryBudget, Settings } from '../protocol/settings'
import { memoryBudgetProblem, settingsSchema } from '../protocol/settings'
import type { LiveSettings } from './live-settings'
import type { Scheduler } from './scheduler'
import { StressRun } from './stress/stress-run'
import type { TelemetryHub } from './telemetry'
import { describeZodError } from './validation'

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
  let stressCount = 0
  const stressById = (stressId: string): StressRun => {
    if (!stress || stress.id !== stressId) throw new RequestRefused(`No stress run ${stressId}`)
    return stress
  }

  const handlers: CoreHandlers = {
    [METHOD_CHANNELS.stop]: ({ id }) => ({ stopped: scheduler.stop(id) }),
    [METHOD_CHANNELS.snapshot]: () => scheduler.snapshot(),
    [METHOD_CHANNELS.getSettings]: () => ({ ...settings.current() }),
    [METHOD_CHANNELS.updateSettings]: async (change) => {
      const next = settingsSchema.safeParse({ ...settings.current(), ...change })
      if (!next.success) throw new RequestRefused(describeZodError(next.error))
      const overBudget = memoryBudgetProblem(next.data, parts.memoryBudget)
      if (overBudget) throw new RequestRefused(overBudget)
      await scheduler.updateSettings(next.data, parts.laneMemoryMb(next.data))
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
    [METHOD_CHANNELS.startStress]: (plan) => {
      if (
        stress &&
        (stress.state === 'running' || stress.state === 'paused' || stress.state === 'cancelling')
      ) {
        throw new RequestRefused(
          `A stress run (${stress.id}) is still ${stress.state}: cancel it or wait for it to finish`,
        )
      }
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
      void stress.start()
      return { stressId: stress.id }
    },
    [METHOD_CHANNELS.controlStress]: ({ stressId, action }) => ({
      state: stressById(stressId)[action](),
    }),
    [METHOD_CHANNELS.stressReport]: ({ stressId }) => stressById(stressId).report(),
  }
  return { handlers, cancelStress: () => void stress?.cancel() }
}
