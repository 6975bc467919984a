// electron-builder.yml: valid for electron-builder's own schema, the three
// platforms' targets, and everything the sandbox needs at run time left out
// of app.asar (the host, the lane worker, their chunks, the QuickJS packages
// the lane worker requires and their dependencies, the .wasm itself).
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const require = createRequire(import.meta.url)

interface BuilderConfig {
  asar?: boolean
  asarUnpack?: string[]
  files?: unknown
  electronFuses?: Record<string, boolean>
  linux?: { target?: string[] }
  mac?: { target?: string[] }
  win?: { target?: string[] }
}

function builderLib(): {
  getConfig(root: string, path: null, options: null): Promise<BuilderConfig>
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>
  DebugLogger: new (enabled: boolean) => unknown
} | null {
  try {
    const config = require(join(ROOT, 'node_modules/app-builder-lib/out/util/config/config.js'))
    const { DebugLogger } = require(join(ROOT, 'node_modules/builder-util')) as {
      DebugLogger: new (enabled: boolean) => unknown
    }
    return { ...config, DebugLogger }
  } catch {
    return null
  }
}

const lib = builderLib()

/** The patterns in electron-builder.yml are exact paths or `folder/**`. */
function unpacked(config: BuilderConfig, file: string): boolean {
  return (config.asarUnpack ?? []).some((pattern) =>
    pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern,
  )
}

/** The bare packages a built bundle requires. */
function requiredPackages(bundle: string): string[] {
  const text = readFileSync(bundle, 'utf8')
  const names = new Set<string>()
  for (const [, name] of text.matchAll(/require\("([^".][^"]*)"\)/g)) {
    if (!name || name.startsWith('node:')) continue
    const parts = name.split('/')
    names.add(name.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? name))
  }
  return [...names]
}

/** `names` and every runtime dependency they pull in, from node_modules. */
function dependencyClosure(names: string[]): string[] {
  const seen = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    const manifest = JSON.parse(
      readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
    ) as {
      dependencies?: Record<string, string>
    }
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency)
  }
  names.forEach(visit)
  return [...seen]
}

describe('electron-builder.yml', () => {
  it.skipIf(!lib)('passes electron-builder’s own validation', async () => {
    if (!lib) return
    const config = await lib.getConfig(ROOT, null, null)
    await expect(
      lib.validateConfiguration(config, new lib.DebugLogger(false)),
    ).resolves.toBeUndefined()
  })

  it.skipIf(!lib)(
    'builds AppImage and deb, dmg and nsis, with asar, and the security fuses',
    async () => {
      if (!lib) return
      const config = await lib.getConfig(ROOT, null, null)
      expect(config.asar).toBe(true)
      expect(config.linux?.target).toEqual(['AppImage', 'deb'])
      expect(config.mac?.target).toEqual(['dmg'])
      expect(config.win?.target).toEqual(['nsis'])
      expect(config.electronFuses).toMatchObject({
        runAsNode: false,
        grantFileProtocolExtraPrivileges: false,
        onlyLoadAppFromAsar: true,
      })
      expect(JSON.stringify(config.files)).toContain('out/**/*')
    },
  )

  it.skipIf(!lib)(
    'leaves the sandbox host, the lane worker and QuickJS (with its .wasm) unpacked',
    async () => {
      if (!lib) return
      const config = await lib.getConfig(ROOT, null, null)
      for (const file of [
        'out/main/sandbox-host.js',
        'out/main/lane-worker.js',
        'out/main/chunks/settings-abc123.js',
        'node_modules/@jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm',
      ]) {
        expect(unpacked(config, file), file).toBe(true)
      }
      expect(unpacked(config, 'out/renderer/index.html')).toBe(false)

      const laneWorker = join(ROOT, 'out/main/lane-worker.js')
      if (existsSync(laneWorker)) {
        // Every package the built lane worker requires, and their dependencies.
        for (const name of dependencyClosure(requiredPackages(laneWorker))) {
          expect(unpacked(config, `node_modules/${name}/package.json`), name).toBe(true)
        }
      }
    },
  )
})
