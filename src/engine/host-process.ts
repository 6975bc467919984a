import type { HostToMain, MainToHost } from '../protocol/host-messages'

/**
 * One shape for the sandbox host process, whether Electron's
 * `utilityProcess.fork` or Node's `child_process.fork` started it, so the
 * scheduler never knows which.
 */
export interface HostProcess {
  readonly pid: number | undefined
  postMessage(message: MainToHost): void
  /** Ends the process at once (SIGKILL where the platform has it). */
  kill(): void
  onMessage(listener: (message: HostToMain) => void): void
  /** Called once, when the process has gone, whatever the reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): void
}

/** Starts a sandbox host process; each edition supplies its own. */
export type HostSpawner = () => HostProcess
