import { cpus, totalmem } from 'node:os'
import { Semaphore } from '../gate/semaphore'
import type { ChannelResponse, Reply } from '../protocol/api'
import type { Channel } from '../protocol/channel-names'
import { CHANNELS } from '../protocol/api'
import { METHOD_CHANNELS } from '../protocol/channel-names'
import type { MemoryBudget, Settings } from '../protocol/settings'
import {
  LANE_OVERHEAD_MB,
  defaultSettings,
  memoryBudgetFor,
  memoryBudgetProblem,
  settingsSchema,
} from '../protocol/settings'
import { parseChannelRequest } from '../protocol/channel-request'
import { coreHandlers, RequestRefused } from './core-channels'
import type { Core } from './core-api'
import type { HostSpawner } from './host-process'
import type { HeartbeatOptions } from './host-supervisor'
import { HostSupervisor } from './host-supervisor'
import { EventLoopDelayMonitor } from './event-loop-delay'
import { DispatchMirror } from './dispatch-mirror'
import { LiveSettings } from './live-settings'
import { Scheduler } from './scheduler'
import { TelemetryHub } from './telemetry'
import { describeZodError } from './validation'

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
  /** What lanes x lane memory may add up to; half of the machine's memory unless given (tests). */
  memoryBudget?: MemoryBudget
  /** How the sandbox host's liveness is checked; tests shorten it. */
  heartbeat?: HeartbeatOptions
}

export interface CoreInternals {
  scheduler: Scheduler
  host: HostSupervisor
  gate: Semaphore
  settings: LiveSettings
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
  const memoryBudget = options.memoryBudget ?? memoryBudgetFor(totalmem())
  const overBudget = memoryBudgetProblem(settings, memoryBudget)
  if (overBudget) throw new TypeError(`Invalid settings: ${overBudget}`)

  const live = new LiveSettings(settings)
  const gate = new Semaphore(settings.permits)
  const mirror = new DispatchMirror(settings.lanes)
  // The hub asks the scheduler for snapshots; the scheduler emits through the hub.
  const scheduler: { current?: Scheduler } = {}
  const telemetry = new TelemetryHub(() => (scheduler.current as Scheduler).snapshot())

  let firstLaneReady: () => void = () => undefined
  const started = new Promise<void>((resolve) => (firstLaneReady = resolve))
  const host = new HostSupervisor(
    options.spawnHost,
    { lanes: settings.lanes, laneMemoryMb: laneMemoryMb(settings) },
    {
      lane: (report) => {
        mirror.lane(report)
        switch (report.kind) {
          case 'ready':
            telemetry.emit({ kind: 'lane.spawned', lane: report.lane })
            firstLaneReady()
            break
          case 'replaced':
            telemetry.emit({
              kind: 'lane.recycled',
              lane: report.lane,
              cause: `thread replaced: ${report.cause}`,
            })
            // A crash between runs is a panic that took no run with it.
            if (!report.planned)
              telemetry.emit({
                kind: 'panic.recovered',
                cause: report.cause,
                lane: report.lane,
                runIds: [],
              })
            break
          case 'unresponsive':
            // No event of its own (its replacement brings one): the snapshot shows the lane as such.
            telemetry.touch()
            break
          case 'recycled':
            telemetry.emit({
              kind: 'lane.recycled',
              lane: report.lane,
              cause: `runtime recycled: ${report.cause}`,
            })
            break
        }
      },
      dispatched: (report, job) => {
        mirror.dispatched(report)
        telemetry.emit({
          kind: 'run.dispatched',
          runId: report.runId,
          lane: report.lane,
          route: job.route,
        })
      },
      settled: (report) => {
        mirror.settled(report)
        const { result, replacing } = report
        if (replacing) {
          telemetry.emit({
            kind: 'lane.recycled',
            lane: result.lane,
            cause: `thread replaced: ${replacing}`,
          })
        }
        const cause = result.error?.cause
        const hostLost = cause === 'host-exit' || cause === 'host-unresponsive'
        if (
          !hostLost &&
          result.lane >= 0 &&
          (result.error?.type === 'PanicError' || replacing === 'lane-abort')
        )
          telemetry.emit({
            kind: 'panic.recovered',
            cause: cause ?? replacing ?? 'unknown',
            lane: result.lane,
            runIds: [result.runId],
          })
      },
      logs: (chunk) => telemetry.runLogs(chunk),
      hostLost: (cause, _detail, runIds) => {
        mirror.hostLost(runIds)
        telemetry.emit({ kind: 'panic.recovered', cause, runIds })
      },
      hostStarted: () => telemetry.touch(),
    },
    options.heartbeat,
    () => live.current().runTimeoutMs,
  )
  const loopDelay = new EventLoopDelayMonitor()
  loopDelay.start()
  scheduler.current = new Scheduler({
    settings: live,
    gate,
    mirror,
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
  const { handlers, cancelStress } = coreHandlers({
    scheduler: run,
    gate,
    settings: live,
    telemetry,
    laneMemoryMb,
    memoryBudget,
  })
  const refuse = (message: string): Reply<never> => ({
    ok: false,
    error: { type: 'ValidationError', message },
  })
  return {
    internals: { scheduler: run, host, gate, settings: live, telemetry },
    async handle<C extends Channel>(
      channel: C,
      payload: unknown,
    ): Promise<Reply<ChannelResponse<C>>> {
      // A run gets its outcome, a ValidationError included, from the scheduler itself.
      if (channel === METHOD_CHANNELS.run) {
        return { ok: true, value: (await run.submit(payload)) as ChannelResponse<C> }
      }
      const spec = CHANNELS[channel]
      if (!spec) return refuse(`Unknown channel: ${String(channel)}`)
      const handler = handlers[channel] as ((request: unknown) => unknown) | undefined
      // Files, drafts and window state belong to each edition's host, not the core.
      if (!handler) return refuse(`The core does not handle ${channel}`)
      const request = parseChannelRequest(channel, payload)
      if (!request.ok) return request.reply
      try {
        return { ok: true, value: (await handler(request.request)) as ChannelResponse<C> }
      } catch (error) {
        if (error instanceof RequestRefused) return refuse(error.message)
        throw error
      }
    },
    onTelemetry: (listener) => telemetry.subscribe(listener),
    async shutdown() {
      clearInterval(clock)
      cancelStress()
      await run.shutdown()
      await host.stop()
      telemetry.dispose()
      loopDelay.stop()
    },
  }
}
