import { fork } from 'node:child_process'
import type { HostToMain } from '../protocol/host-messages'
import type { HostProcess, HostSpawner } from './host-process'

/** Starts the sandbox host with Node's child_process.fork (browser edition, CLI, tests). */
export function forkHostSpawner(hostEntry: string): HostSpawner {
  return (): HostProcess => {
    const child = fork(hostEntry, [], {
      serialization: 'json',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    // A send racing the child's death surfaces here; the exit handler deals with it.
    child.on('error', () => undefined)
    return {
      get pid() {
        return child.pid
      },
      postMessage: (message) => {
        if (child.connected) child.send(message)
      },
      kill: () => void child.kill('SIGKILL'),
      onMessage: (listener) => child.on('message', (message) => listener(message as HostToMain)),
      onExit: (listener) => {
        child.once('exit', (code, signal) => listener(code, signal))
      },
    }
  }
}
