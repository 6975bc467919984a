// @vitest-environment node
import { electronFake, resetElectronFake } from '../../setup-electron-mock'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createUtilityHostSpawner } from '../../../electron/main/utility-host'
import type { HostToMain } from '../../../src/protocol/host-messages'

function spawnHost() {
  const host = createUtilityHostSpawner()()
  const child = electronFake.utilityProcesses.at(-1)
  if (!child) throw new Error('no utility process forked')
  return { host, child }
}

beforeEach(() => {
  resetElectronFake()
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('createUtilityHostSpawner', () => {
  it('forks the sandbox host bundle as a named utility process', () => {
    const { host, child } = spawnHost()
    expect(child.modulePath.endsWith(join('main', 'sandbox-host.js'))).toBe(true)
    expect(child.args).toEqual([])
    expect(child.options).toEqual({ serviceName: 'Gatehouse sandbox', stdio: 'inherit' })
    expect(host.pid).toBe(child.pid)
  })

  it('carries messages both ways', () => {
    const { host, child } = spawnHost()
    host.postMessage({ type: 'ping', seq: 1 })
    expect(child.postMessage).toHaveBeenCalledExactlyOnceWith({ type: 'ping', seq: 1 })

    const received: HostToMain[] = []
    host.onMessage((message) => received.push(message))
    child.emit('message', { type: 'pong', seq: 1 })
    expect(received).toEqual([{ type: 'pong', seq: 1 }])
  })

  it('reports the exit once, to listeners added before or after it', async () => {
    const { host, child } = spawnHost()
    const before = vi.fn()
    host.onExit(before)
    child.emit('exit', 3)
    child.emit('exit', 3)
    expect(before).toHaveBeenCalledExactlyOnceWith(3, null)

    const after = vi.fn()
    host.onExit(after)
    await Promise.resolve()
    expect(after).toHaveBeenCalledExactlyOnceWith(3, null)
  })

  it('drops messages to a host that has exited', () => {
    const { host, child } = spawnHost()
    child.emit('exit', 0)
    host.postMessage({ type: 'shutdown' })
    expect(child.postMessage).not.toHaveBeenCalled()
  })

  it('kills with SIGKILL by pid, falling back to Electron when there is no pid', () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true)
    const { host, child } = spawnHost()
    host.kill()
    expect(kill).toHaveBeenCalledExactlyOnceWith(child.pid, 'SIGKILL')
    expect(child.kill).not.toHaveBeenCalled()

    const second = spawnHost()
    second.child.pid = undefined
    second.host.kill()
    expect(second.child.kill).toHaveBeenCalledOnce()
    expect(kill).toHaveBeenCalledOnce()
  })

  it('does not signal a pid after the host has exited', () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true)
    const { host, child } = spawnHost()
    child.emit('exit', 0)
    host.kill()
    expect(kill).not.toHaveBeenCalled()
    expect(child.kill).not.toHaveBeenCalled()
  })
})
