import type { HostToMain, MainToHost } from '../protocol/host-messages'

/** The sandbox host's line to the main process, whoever started it. */
export interface ParentPort {
  send(message: HostToMain): void
  onMessage(listener: (message: MainToHost) => void): void
  /** Called when the parent goes away. */
  onDisconnect(listener: () => void): void
}

interface ElectronParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

/**
 * Electron's utilityProcess gives the child `process.parentPort`; Node's
 * child_process.fork gives it `process.send`. Both become one ParentPort.
 */
export function connectToParent(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort
  if (electronPort) {
    return {
      send: (message) => electronPort.postMessage(message),
      onMessage: (listener) =>
        electronPort.on('message', (event) => listener(event.data as MainToHost)),
      // A utility process is killed with its parent; nothing to watch.
      onDisconnect: () => undefined,
    }
  }
  const send = process.send?.bind(process)
  if (!send)
    throw new Error('The sandbox host must be started by the main process (no IPC channel)')
  return {
    send: (message) => void send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as MainToHost)),
    onDisconnect: (listener) => process.on('disconnect', listener),
  }
}
