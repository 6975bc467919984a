import type { Settings } from '../../protocol/settings'
import type {
  StressCompareRequest,
  StressPolicy,
  StressReportFull,
  StressState,
} from '../../protocol/stress'
import { randomSeed } from './fault-plan'
import type { StressDeps } from './stress-run'
import { StressRun } from './stress-run'

export interface ComparisonDeps extends Omit<StressDeps, 'lanes' | 'comparison' | 'beforeFinish'> {
  /** Applies a settings change the way the settings channel does. */
  applySettings(change: Partial<Settings>): Promise<void>
  /** Resolves once `lanes` lanes are up (after a lane count change). */
  lanesReady(lanes: number): Promise<void>
}

const POLICY_KEYS = ['permits', 'lanes', 'waitTimeoutMs', 'runTimeoutMs'] as const

function policyOf(settings: Settings): StressPolicy {
  return {
    permits: settings.permits,
    lanes: settings.lanes,
    waitTimeoutMs: settings.waitTimeoutMs,
    runTimeoutMs: settings.runTimeoutMs,
  }
}

/**
 * Two gate policies on one workload, one after the other on this core:
 * apply A's settings, run the plan, apply B's, run the same plan (same
 * seed: run i is the same script, input and fault in both), then put the
 * user's settings back. Sequential on purpose: run side by side, each
 * policy would measure the other's load. Cancelling stops the run going
 * and B never starts (it reports itself cancelled with no runs).
 */
export class StressComparison {
  readonly a: StressRun
  readonly b: StressRun
  readonly seed: number
  #cancelled = false
  #finished: Promise<{ a: StressReportFull; b: StressReportFull }> | undefined

  constructor(
    private readonly deps: ComparisonDeps,
    private readonly request: StressCompareRequest,
    readonly id: string,
  ) {
    this.seed = request.plan.seed ?? randomSeed()
    const side = (role: 'a' | 'b', policy: StressPolicy, extra: Partial<StressDeps> = {}) =>
      new StressRun(
        {
          ...deps,
          // One count across both halves: B's runs follow A's.
          ...(deps.onSettled
            ? {
                onSettled: (n: number) =>
                  deps.onSettled?.(role === 'a' ? n : request.plan.runs + n),
              }
            : {}),
          lanes: policy.lanes,
          comparison: { comparisonId: id, role, mode: 'sequential' },
          ...extra,
        },
        { ...request.plan, seed: this.seed, runTimeoutMs: policy.runTimeoutMs },
        `${id}${role}`,
      )
    const userSettings = policyOf(deps.settings)
    this.a = side('a', request.a)
    // The user's settings come back before B is reported finished.
    this.b = side('b', request.b, { beforeFinish: () => this.#apply(userSettings) })
  }

  /** The run going now (or the last one): what pause, resume and cancel act on. */
  get current(): StressRun {
    return this.a.state === 'done' || this.a.state === 'cancelled' ? this.b : this.a
  }

  /** Whether the comparison, the restoring of the user's settings included, is over. */
  get finished(): boolean {
    return this.b.state === 'done' || this.b.state === 'cancelled'
  }

  start(): Promise<{ a: StressReportFull; b: StressReportFull }> {
    this.#finished ??= this.#run()
    return this.#finished
  }

  /** Pause and resume act on the run going; cancel also keeps B from starting. */
  control(action: 'pause' | 'resume' | 'cancel'): StressState {
    if (action === 'cancel') {
      this.#cancelled = true
      // B may not have started: cancelled before its start, it ends at once with no runs.
      if (this.current === this.a) this.b.cancel()
    }
    return this.current[action]()
  }

  async #run(): Promise<{ a: StressReportFull; b: StressReportFull }> {
    const a = await this.#side(this.a, this.request.a)
    if (a.state === 'cancelled') this.b.cancel()
    // B is always started, cancelled or not: its beforeFinish puts the user's settings back.
    const b = await this.#side(this.b, this.request.b)
    return { a, b }
  }

  /** Applies a policy and runs one side; a policy the gate refuses cancels the side. */
  async #side(run: StressRun, policy: StressPolicy): Promise<StressReportFull> {
    if (!this.#cancelled && run.state === 'running') {
      try {
        await this.#apply(policy)
      } catch (error) {
        run.noteComparisonError(`Could not apply the policy: ${(error as Error).message}`)
        this.#cancelled = true
        run.cancel()
        if (run === this.a) this.b.cancel()
      }
    }
    return run.start()
  }

  async #apply(policy: StressPolicy): Promise<void> {
    const { settings } = this.deps
    const change: Partial<Settings> = {}
    for (const key of POLICY_KEYS) if (settings[key] !== policy[key]) change[key] = policy[key]
    if (Object.keys(change).length > 0) await this.deps.applySettings(change)
    await this.deps.lanesReady(policy.lanes)
  }
}
