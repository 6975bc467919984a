// @vitest-environment node
// scripts/electron-binary.js, build-if-stale.js and start.js: how `npm start`
// picks the desktop app or the browser edition. None of this loads electron.
import { spawn } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

interface ElectronBinaryModule {
  findElectronBinary(options?: {
    root?: string
    env?: NodeJS.ProcessEnv
    platform?: NodeJS.Platform
  }): string | null
}
interface BuildIfStaleModule {
  staleReason(root?: string): string | null
  buildIfStale(options?: { root?: string; log?: (line: string) => void }): {
    built: boolean
    reason: string | null
  }
  BUILD_OUTPUTS: string[]
}

const require = createRequire(import.meta.url)
const SCRIPTS = resolve(__dirname, '../../../scripts')
const { findElectronBinary } = require(join(SCRIPTS, 'electron-binary.js')) as ElectronBinaryModule
const { staleReason, buildIfStale, BUILD_OUTPUTS } = require(
  join(SCRIPTS, 'build-if-stale.js'),
) as BuildIfStaleModule

const posixOnly = process.platform === 'win32' ? it.skip : it

let root: string

function write(relative: string, text = '', mode?: number): string {
  const file = join(root, relative)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  if (mode !== undefined) chmodSync(file, mode)
  return file
}

function setMtime(relative: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000)
  utimesSync(join(root, relative), when, when)
}

/** A project with a complete, fresh build and no Electron installed. */
function freshProject(): void {
  write('src/engine/a.ts', 'export {}')
  write('electron/main/index.ts', 'export {}')
  write('renderer/index.html', '<!doctype html>')
  for (const source of ['src/engine/a.ts', 'electron/main/index.ts', 'renderer/index.html']) {
    setMtime(source, 120)
  }
  for (const output of BUILD_OUTPUTS) write(output)
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gatehouse-launcher-'))
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('findElectronBinary', () => {
  posixOnly('finds nothing when the binary was never downloaded', () => {
    write('node_modules/electron/package.json', '{"name":"electron"}')
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toBeNull()
  })

  posixOnly('finds node_modules/electron/dist/<path.txt>', () => {
    write('node_modules/electron/package.json', '{"name":"electron"}')
    write('node_modules/electron/path.txt', 'electron')
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toBeNull()
    const binary = write('node_modules/electron/dist/electron', '', 0o755)
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toBe(binary)
  })

  posixOnly('prefers ELECTRON_OVERRIDE_DIST_PATH, then ELECTRON_EXEC_PATH', () => {
    const installed = write('node_modules/electron/dist/electron', '', 0o755)
    write('node_modules/electron/package.json', '{"name":"electron"}')
    write('node_modules/electron/path.txt', 'electron')
    const execPath = write('elsewhere/my-electron', '', 0o755)
    const overridden = write('override/electron', '', 0o755)
    const env = {
      ELECTRON_OVERRIDE_DIST_PATH: join(root, 'override'),
      ELECTRON_EXEC_PATH: execPath,
    }
    expect(findElectronBinary({ root, env, platform: 'linux' })).toBe(overridden)
    expect(
      findElectronBinary({ root, env: { ELECTRON_EXEC_PATH: execPath }, platform: 'linux' }),
    ).toBe(execPath)
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toBe(installed)
  })

  posixOnly('skips variables that point at nothing usable', () => {
    write('not-executable', '', 0o644)
    const env = {
      ELECTRON_OVERRIDE_DIST_PATH: join(root, 'missing'),
      ELECTRON_EXEC_PATH: join(root, 'not-executable'),
    }
    expect(findElectronBinary({ root, env, platform: 'linux' })).toBeNull()
  })
})

describe('staleReason', () => {
  it('is null for a build newer than every source', () => {
    freshProject()
    expect(staleReason(root)).toBeNull()
  })

  it('names a missing output', () => {
    freshProject()
    rmSync(join(root, 'out/preload/index.js'))
    expect(staleReason(root)).toBe('out/preload/index.js is missing')
  })

  it('names a source newer than the build, however deep', () => {
    freshProject()
    for (const output of BUILD_OUTPUTS) setMtime(output, 60)
    write('renderer/components/Editor/index.tsx', 'export {}')
    expect(staleReason(root)).toBe(
      `${join('renderer', 'components', 'Editor', 'index.tsx')} is newer than the build`,
    )
  })

  it('does not build a fresh project', () => {
    freshProject()
    expect(buildIfStale({ root, log: () => undefined })).toEqual({ built: false, reason: null })
  })
})

interface Exit {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a copy of scripts/start.js in `root`, so it launches fakes instead of Gatehouse. */
function runStart(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<Exit> {
  for (const script of ['start.js', 'build-if-stale.js', 'electron-binary.js']) {
    mkdirSync(join(root, 'scripts'), { recursive: true })
    copyFileSync(join(SCRIPTS, script), join(root, 'scripts', script))
  }
  const cleanEnv = { ...process.env }
  delete cleanEnv.ELECTRON_OVERRIDE_DIST_PATH
  delete cleanEnv.ELECTRON_EXEC_PATH
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.js'), ...args], {
    cwd: root,
    env: { ...cleanEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    onStdout?.(stdout, child)
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })))
}

describe('scripts/start.js', () => {
  posixOnly(
    'launches `<electron> .` when a binary is installed and exits with its code',
    async () => {
      freshProject()
      const electron = write('fake-electron', '#!/bin/sh\necho "electron $*"\nexit 7\n', 0o755)
      const result = await runStart({ ELECTRON_EXEC_PATH: electron }, ['--inspect'])
      expect(result.stdout.trim()).toBe('electron . --inspect')
      expect(result.code).toBe(7)
      expect(result.stderr).not.toContain('not installed')
    },
  )

  it('explains once and starts the browser edition when no binary is installed', async () => {
    freshProject()
    write(
      'bin/gatehouse.js',
      'console.log("gatehouse " + process.argv.slice(2).join(" ")); process.exit(3)\n',
    )
    // A HOME of its own: the browser edition's default workspace is HOME/Gatehouse.
    const home = join(root, 'home')
    const result = await runStart({ HOME: home, GATEHOUSE_WORKSPACE: '' }, ['--port', '0'])
    expect(result.stdout.trim()).toBe(
      `gatehouse serve --workspace ${join(home, 'Gatehouse')} --port 0`,
    )
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('Electron binary is not installed')
    expect(result.stderr).toContain('npx electron .')
    expect(result.stderr.match(/not installed/g)).toHaveLength(1)
  })

  posixOnly('forwards SIGTERM to the browser edition and exits with its code', async () => {
    freshProject()
    write(
      'bin/gatehouse.js',
      [
        'process.on("SIGTERM", () => { console.log("child got SIGTERM"); process.exit(0) })',
        'console.log("listening")',
        'setInterval(() => undefined, 1000)',
      ].join('\n'),
    )
    const result = await runStart({}, [], (stdout, child) => {
      if (stdout.includes('listening') && !stdout.includes('SIGTERM')) child.kill('SIGTERM')
    })
    expect(result.stdout).toContain('child got SIGTERM')
    expect(result.code).toBe(0)
  })

  posixOnly('delivers a burst of SIGINTs (terminal + npm) to the edition once', async () => {
    freshProject()
    write(
      'bin/gatehouse.js',
      [
        'let count = 0',
        'process.on("SIGINT", () => {',
        '  count++',
        '  setTimeout(() => { console.log("SIGINT x" + count); process.exit(130) }, 300)',
        '})',
        'console.log("listening")',
        'setInterval(() => undefined, 1000)',
      ].join('\n'),
    )
    let sent = false
    const result = await runStart({}, [], (stdout, child) => {
      if (sent || !stdout.includes('listening')) return
      sent = true
      child.kill('SIGINT')
      child.kill('SIGINT')
      child.kill('SIGINT')
    })
    expect(result.stdout).toContain('SIGINT x1')
    expect(result.code).toBe(130)
  })
})
