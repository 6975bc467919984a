import { createRequire } from 'node:module'
import type { Contender } from './contenders'
import { check, eventLoopTurns } from './contenders'
import type { BenchScript } from './scripts'
import { BENCH_SCRIPTS } from './scripts'

/** The slice of @sebastianwessel/quickjs 3.x the bench uses (it is optional, so typed here). */
interface SandboxLibrary {
  loadQuickJs(variant: unknown): Promise<{
    runSandboxed<T>(
      run: (sandbox: { evalCode(code: string): Promise<EvalResult> }) => Promise<T>,
      options?: { executionTimeout?: number; memoryLimit?: number },
    ): Promise<T>
  }>
}

type EvalResult =
  { ok: true; data: unknown } | { ok: false; error: { name: string; message: string } }

/** The engine builds the library can load: the one it documents, and the one Gatehouse uses. */
export const SANDBOX_LIBRARY_VARIANTS = [
  { engine: 'quickjs-ng', variant: '@jitl/quickjs-ng-wasmfile-release-sync' },
  { engine: 'quickjs', variant: '@jitl/quickjs-wasmfile-release-sync' },
] as const

const LIBRARY = '@sebastianwessel/quickjs'

/** The script as an ES module whose default export is the result, with its input inline. */
function asModule(script: BenchScript): string {
  const { code, input } = BENCH_SCRIPTS[script]
  return `export default (function (input) {${code}\n})(${JSON.stringify(input)})`
}

const firstLine = (error: unknown): string => (error as Error).message.split('\n')[0] ?? ''

/**
 * @sebastianwessel/quickjs, the QuickJS sandbox library people pick instead,
 * used as its documentation shows: `loadQuickJs(variant)` once, then one
 * `runSandboxed(({ evalCode }) => evalCode(code), options)` per run, with
 * the same timeout and memory limit as the other contenders. Each run gets
 * a new runtime, its virtual file system and its Node compatibility globals:
 * that is the library's cost per run, so it runs a tenth of each trivial
 * batch (the rate is still runs per second). The variant's WebAssembly is
 * read from node_modules: nothing is fetched.
 */
export async function sebastianwesselQuickjs(
  engine: (typeof SANDBOX_LIBRARY_VARIANTS)[number]['engine'],
): Promise<Contender | { missing: string }> {
  const entry = SANDBOX_LIBRARY_VARIANTS.find((v) => v.engine === engine)
  if (!entry) throw new Error(`Unknown engine for ${LIBRARY}: ${engine}`)
  const require = createRequire(__filename)
  let library: SandboxLibrary
  let variant: unknown
  try {
    library = require(LIBRARY) as SandboxLibrary
  } catch (error) {
    return { missing: `${LIBRARY} is not installed (${firstLine(error)})` }
  }
  try {
    const loaded = require(entry.variant) as { default?: unknown }
    variant = loaded.default ?? loaded
  } catch (error) {
    return {
      missing: `${LIBRARY} on ${engine}: ${entry.variant} is not installed (${firstLine(error)})`,
    }
  }
  const { runSandboxed } = await library.loadQuickJs(variant)
  const name = `${LIBRARY} (${engine})`
  return {
    name,
    batchFraction: { trivial: 0.1 },
    async runBatch(script, count) {
      const source = asModule(script)
      // Its promises settle in microtasks: without this a batch never lets timers run.
      const turn = eventLoopTurns()
      for (let i = 0; i < count; i++) {
        await turn()
        const result = await runSandboxed(({ evalCode }) => evalCode(source), {
          executionTimeout: 5000,
          memoryLimit: 64 * 1024 * 1024,
        })
        if (!result.ok) throw new Error(`${name}: ${result.error.name}: ${result.error.message}`)
        check(name, script, result.data)
      }
    },
    async close() {},
  }
}
