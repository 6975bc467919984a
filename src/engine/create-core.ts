import { cpus } from 'node:os'
import { Semaphore } from '../gate/semaphore'
import { compareGates } from '../lessons/broken-gates'
import type { StressPlan } from '../protocol/stress'
import { StressRun } from './stress/stress-run'
import type { ChannelResponse, Reply } from '../protocol/api'
import type { Channel } from '../protocol/channel-names'
import { CHANNELS } from '../protocol/api'
import { METHOD_CHANNELS } from '../protocol/channel-names'
import type { FaultRequest } from '../protocol/faults'
import type { Settings } from '../protocol/settings'
import { defaultSettings, settingsSchema } from '../protocol/settings'
import type { Core } from './core-api'
import type { HostSpawner } from './host-process'
import type { HeartbeatOptions } from './host-supervisor'
import { HostSupervisor } from './host-supervisor'
import { EventLoopDelayMonitor } from './event-loop-delay'
import { LaneBoard } from './lane-board'
import { Scheduler } from './scheduler'
import { TelemetryHub } from './telemetry'
import { describeZodError } from './validation'

/** Headroom over the per-run memory limit for the engine's own heap and stack. */
const LANE_OVERHEAD_MB = 32
/** How often a snapshot goes out while permits are held or runs wait, events or not. */
const SNAPSHOT_TICK_MS = 250
/** How long a started core waits for its first lane before giving up. */
const STARTUP_TIMEOUT_MS = 30_000

/** The hard WASM cap of a lane: the per-run limit plus the engine's own needs. */
function laneMemoryMb(settings: Settings): number {
  return settings.memoryMb + LANE_OVERHEAD_MB
}

export interface CoreOptions {
  spawnHost: HostSpawner
  settings?: Partial<Settings>
  /** How the sandbox host's liveness is checked; tests shorten it. */
  heartbeat?: HeartbeatOptions
}

export interface CoreInternals {
  scheduler: Scheduler
  host: HostSupervisor
  gate: Semaphore
  settings: Settings
  telemetry: TelemetryHub
}

/**
 * Builds the core of every edition: the gate, the scheduler, the sandbox host
 * and the telemetry, behind the one `handle(channel, payload)` entry point.
 * Resolves once at least one lane is ready.
 */
export async function createCore(
  options: CoreOptions,
): Promise<Core & { internals: CoreInternals }> {
  const parsed = settingsSchema.safeParse({
    ...defaultSettings(cpus().length),
    ...options.settings,
  })
  if (!parsed.success) throw new TypeError(`Invalid settings: ${describeZodError(parsed.error)}`)
  const settings = parsed.data

  const gate = new Semaphore(settings.permits)
  const lanes = new LaneBoard(settings.lanes)
  // The hub asks the scheduler for snapshots; the scheduler emits through the hub.
  const scheduler: { current?: Scheduler } = {}
  const telemetry = new TelemetryHub(() => (scheduler.current as Scheduler).snapshot())

  let firstLaneReady: () => void = () => undefined
  const started = new Promise<void>((resolve) => (firstLaneReady = resolve))
  const host = new HostSupervisor(
    options.spawnHost,
    { lanes: settings.lanes, laneMemoryMb: laneMemoryMb(settings) },
    (signal) => {
      switch (signal.kind) {
        case 'ready':
          lanes.ready(signal.lane)
          telemetry.emit({ kind: 'lane.spawned', lane: signal.lane })
          firstLaneReady()
          break
        case 'replaced':
          lanes.replacing(signal.lane)
          telemetry.emit({
            kind: 'lane.recycled',
            lane: signal.lane,
            cause: `thread replaced: ${signal.cause}`,
          })
          // A crash between runs is a panic that took no run with it.
          if (!signal.planned) {
            telemetry.emit({
              kind: 'panic.recovered',
              cause: signal.cause,
              lane: signal.lane,
              runIds: [],
            })
          }
          break
        case 'recycled':
          telemetry.emit({
            kind: 'lane.recycled',
            lane: signal.lane,
            cause: `runtime recycled: ${signal.cause}`,
          })
          break
        case 'host-lost':
          lanes.resetAll()
          telemetry.emit({ kind: 'panic.recovered', cause: signal.cause, runIds: signal.runIds })
          break
        case 'host-started':
          telemetry.touch()
          break
      }
    },
    options.heartbeat,
  )
  const loopDelay = new EventLoopDelayMonitor()
  loopDelay.start()
  scheduler.current = new Scheduler({
    settings,
    gate,
    lanes,
    host,
    telemetry,
    eventLoopDelay: () => loopDelay.reading(),
  })
  // Held times and wait countdowns change without events: while anyone holds
  // or waits, a fresh snapshot goes out a few times a second anyway.
  const clock = setInterval(() => {
    if (gate.activeCount > 0 || gate.pendingCount > 0) telemetry.touch()
  }, SNAPSHOT_TICK_MS)
  clock.unref?.()
  host.start()

  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`No sandbox lane became ready within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    )
  })
  try {
    await Promise.race([started, timeout])
  } catch (error) {
    loopDelay.stop()
    await host.stop()
    throw error
  } finally {
    clearTimeout(timer)
  }

  const run = scheduler.current
  let stress: StressRun | undefined
  let stressCount = 0
  const refuse = (message: string): Reply<never> => ({
    ok: false,
    error: { type: 'ValidationError', message },
  })
  return {
    internals: { scheduler: run, host, gate, settings, telemetry },
    async handle<C extends Channel>(
      channel: C,
      payload: unknown,
    ): Promise<Reply<ChannelResponse<C>>> {
      const reply = <T>(value: T): Reply<ChannelResponse<C>> => ({
        ok: true,
        value: value as ChannelResponse<C>,
      })
      // A run gets its outcome, a ValidationError included, from the scheduler itself.
      if (channel === METHOD_CHANNELS.run) return reply(await run.submit(payload))
      const spec = CHANNELS[channel]
      if (!spec)
        return {
          ok: false,
          error: { type: 'ValidationError', message: `Unknown channel: ${String(channel)}` },
        }
      const parsedRequest = spec.request.safeParse(payload ?? {})
      if (!parsedRequest.success) {
        return {
          ok: false,
          error: { type: 'ValidationError', message: describeZodError(parsedRequest.error) },
        }
      }
      switch (channel) {
        case METHOD_CHANNELS.stop:
          return reply({ stopped: run.stop((parsedRequest.data as { id: string }).id) })
        case METHOD_CHANNELS.getSettings:
          return reply({ ...settings })
        case METHOD_CHANNELS.updateSettings: {
          const next = settingsSchema.safeParse({
            ...settings,
            ...(parsedRequest.data as Partial<Settings>),
          })
          if (!next.success) {
            return {
              ok: false,
              error: { type: 'ValidationError', message: describeZodError(next.error) },
            }
          }
          await run.updateSettings(next.data, laneMemoryMb(next.data))
          return reply({ ...settings })
        }
        case METHOD_CHANNELS.injectFault:
          try {
            return reply({ injected: run.injectFault(parsedRequest.data as FaultRequest) })
          } catch (error) {
            return {
              ok: false,
              error: { type: 'ValidationError', message: (error as Error).message },
            }
          }
        case METHOD_CHANNELS.startStress: {
          if (
            stress &&
            (stress.state === 'running' ||
              stress.state === 'paused' ||
              stress.state === 'cancelling')
          ) {
            return refuse(
              `A stress run (${stress.id}) is still ${stress.state}: cancel it or wait for it to finish`,
            )
          }
          stress = new StressRun(
            { scheduler: run, gate, settings, telemetry, lanes: settings.lanes },
            parsedRequest.data as StressPlan,
            `stress${++stressCount}`,
          )
          void stress.start()
          return reply({ stressId: stress.id })
        }
        case METHOD_CHANNELS.controlStress: {
          const { stressId, action } = parsedRequest.data as {
            stressId: string
            action: 'pause' | 'resume' | 'cancel'
          }
          if (!stress || stress.id !== stressId) return refuse(`No stress run ${stressId}`)
          return reply({ state: stress[action]() })
        }
        case METHOD_CHANNELS.stressReport: {
          const { stressId } = parsedRequest.data as { stressId: string }
          if (!stress || stress.id !== stressId) return refuse(`No stress run ${stressId}`)
          return reply(stress.report())
        }
        case METHOD_CHANNELS.compareGates:
          return reply(await compareGates())
        case METHOD_CHANNELS.resetStats:
          run.stats.reset()
          return reply({ reset: true })
        case METHOD_CHANNELS.snapshot:
          return reply(run.snapshot())
        default:
          // Files, drafts and window state belong to each edition's host, not the core.
          return {
            ok: false,
            error: { type: 'ValidationError', message: `The core does not handle ${channel}` },
          }
      }
    },
    onTelemetry: (listener) => telemetry.subscribe(listener),
    async shutdown() {
      clearInterval(clock)
      stress?.cancel()
      await run.shutdown()
      await host.stop()
      telemetry.dispose()
      loopDelay.stop()
    },
  }
}
