import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

/**
 * `npm start` as a user runs it, with real processes: without an Electron
 * binary (none here) it starts the browser edition. Linux only: the process
 * tree is read from /proc.
 */
const REPO_ROOT = resolve(__dirname, '../..')
const onLinux = process.platform === 'linux' && existsSync('/proc/self/stat')

/** Every live descendant of `pid`, from /proc (parent pid is field 4 of stat). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (fields[0] === 'Z') continue
      const parent = Number(fields[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
    } catch {
      // Gone while listing.
    }
  }
  const found: number[] = []
  const walk = (p: number) => {
    for (const child of children.get(p) ?? []) {
      found.push(child)
      walk(child)
    }
  }
  walk(pid)
  return found
}

const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return false
  }
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.skipIf(!onLinux)('npm start', () => {
  let home: string
  let npm: ChildProcess | null = null
  let pids: number[] = []

  afterEach(() => {
    // Whatever the test left (it failed): end it by pid.
    for (const pid of [npm?.pid, ...pids]) {
      if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL')
    }
    rmSync(home, { recursive: true, force: true })
  })

  /** Starts `npm start` with a fresh home; resolves with its output once the server is up. */
  async function start(): Promise<{ output: () => string }> {
    home = realpathSync(mkdtempSync(join(tmpdir(), 'gatehouse-home-')))
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home }
    delete env.GATEHOUSE_WORKSPACE
    // A process group of its own, as a terminal gives a command.
    npm = spawn('npm', ['start', '--silent'], {
      cwd: REPO_ROOT,
      env,
      stdio: 'pipe',
      detached: true,
    })
    let output = ''
    npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await waitFor(() => /Workspace: /.test(output), 90_000, 'the server to start')
    const pid = npm.pid as number
    // The server forks its sandbox host once it is listening.
    await waitFor(
      () => descendants(pid).length >= 4,
      30_000,
      'npm, its shell, start.js, the server and the sandbox host',
    )
    pids = descendants(pid)
    return { output: () => output }
  }

  // SIGTERM to npm alone, as a service manager or `kill` sends it; SIGINT to the
  // whole group, as a terminal's Ctrl+C does.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the server and the sandbox host on ${signal}, and uses a workspace of its own`, async () => {
      const { output } = await start()
      // A folder in the user's home, not the repository.
      expect(output()).toContain(`Workspace: ${join(home, 'Gatehouse')}`)
      expect(pids.length).toBeGreaterThanOrEqual(4)
      const pid = npm?.pid as number
      if (signal === 'SIGINT') process.kill(-pid, signal)
      else process.kill(pid, signal)
      await waitFor(
        () => pids.every((pid) => !alive(pid)),
        20_000,
        `every child to end after ${signal}`,
      )
      expect(pids.filter(alive)).toEqual([])
    }, 150_000)
  }
})
