import { join } from 'node:path'
import type { UtilityProcess } from 'electron'
import { utilityProcess } from 'electron'
import type { HostProcess, HostSpawner } from '../../src/engine/host-process'
import type { HostToMain, MainToHost } from '../../src/protocol/host-messages'

/** The sandbox host bundle, emitted beside the main bundle (out/main/sandbox-host.js). */
export const SANDBOX_HOST_PATH = join(__dirname, 'sandbox-host.js')

/**
 * Presents an Electron utility process as the {@link HostProcess} the core
 * expects, the same shape `child_process.fork` gets in the other editions.
 */
export function adaptUtilityProcess(child: UtilityProcess): HostProcess {
  let exit: { code: number | null } | null = null
  const exitListeners: ((code: number | null, signal: string | null) => void)[] = []

  child.once('exit', (code) => {
    exit = { code }
    for (const listener of exitListeners.splice(0)) listener(code, null)
  })
  child.on('error', (type, location) => {
    // An 'exit' always follows; the core recovers from that.
    console.error(`Gatehouse: sandbox host ${type} at ${location}`)
  })

  return {
    get pid() {
      return child.pid
    },
    postMessage(message: MainToHost) {
      // A message to a process that has gone has nobody to read it.
      if (exit === null) child.postMessage(message)
    },
    kill() {
      if (exit !== null) return
      // utilityProcess.kill() is a SIGTERM the host could outlive; the core
      // asks for an immediate end, so send SIGKILL where there is a pid.
      const { pid } = child
      if (pid !== undefined) {
        try {
          process.kill(pid, 'SIGKILL')
          return
        } catch {
          // Already gone, or not ours to signal: fall back to Electron's kill.
        }
      }
      child.kill()
    },
    onMessage(listener: (message: HostToMain) => void) {
      child.on('message', (message: HostToMain) => listener(message))
    },
    onExit(listener) {
      if (exit === null) exitListeners.push(listener)
      else {
        const { code } = exit
        queueMicrotask(() => listener(code, null))
      }
    },
  }
}

/**
 * A {@link HostSpawner} that starts the sandbox host in an Electron utility
 * process (a Node process Chromium's process model knows about, so it is
 * named in the task manager and cleaned up with the app). Call after
 * `app.whenReady()`.
 */
export function createUtilityHostSpawner(modulePath: string = SANDBOX_HOST_PATH): HostSpawner {
  return () =>
    adaptUtilityProcess(
      utilityProcess.fork(modulePath, [], { serviceName: 'Gatehouse sandbox', stdio: 'inherit' }),
    )
}
