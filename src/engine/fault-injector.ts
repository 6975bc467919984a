import type { FaultRequest } from '../protocol/faults'
import type { HostJob, SettledReport } from '../protocol/host-messages'
import type { HostSupervisor } from './host-supervisor'

/** Where the scheduler hands admitted runs: the host itself, or the host behind armed faults. */
export interface RunSink {
  run(job: HostJob): Promise<SettledReport>
}

/**
 * Fault injection as a wrapper around the host: while a fault is armed the
 * scheduler's sink is this wrapper, which marks the next runs to fail;
 * otherwise runs go straight to the host and pay nothing for it.
 */
export class FaultInjector implements RunSink {
  #throwNext = 0

  constructor(
    private readonly host: HostSupervisor,
    private readonly laneCount: () => number,
    /** Puts this wrapper in front of the host (`true`) or takes it away. */
    private readonly arm: (armed: boolean) => void,
  ) {}

  run(job: HostJob): Promise<SettledReport> {
    if (this.#throwNext > 0) {
      this.#throwNext--
      job.injectedFault = `Injected fault: this run was made to throw (${this.#throwNext} more to come)`
      if (this.#throwNext === 0) this.arm(false)
    }
    return this.host.run(job)
  }

  /** Applies a fault; says what was done, or throws a RangeError saying why not. */
  inject(fault: FaultRequest): string {
    const { host } = this
    switch (fault.kind) {
      case 'throw-next':
        this.#throwNext += fault.count
        this.arm(this.#throwNext > 0)
        return `The next ${this.#throwNext} runs will throw`
      case 'kill-host': {
        const pid = host.pid
        host.kill()
        return `Killed the sandbox host (pid ${pid ?? '?'})`
      }
      case 'kill-lane':
      case 'hang-lane': {
        const count = this.laneCount()
        if (fault.lane >= count)
          throw new RangeError(`There is no lane ${fault.lane}; lanes are 0 to ${count - 1}`)
        host.injectLaneFault(fault.kind, fault.lane)
        return fault.kind === 'kill-lane'
          ? `Killed lane ${fault.lane}'s thread`
          : `Lane ${fault.lane}'s thread now hangs`
      }
    }
  }
}
