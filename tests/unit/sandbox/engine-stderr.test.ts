// The engine's own stderr: an abort's "Aborted(Assertion failed …)" goes to
// the lane's printErr, never to the process's stderr, and the thrown error
// still carries the same text, so nothing the engine said is lost.
import releaseSync from '@jitl/quickjs-wasmfile-release-sync'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadLaneModule } from '../../../src/sandbox/quickjs-runner'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the engine’s stderr', () => {
  it('an abort on dispose goes to printErr and to the thrown error, not to stderr', async () => {
    const lines: string[] = []
    const consoleError = vi.spyOn(console, 'error')
    const stderrWrite = vi.spyOn(process.stderr, 'write')
    const { module } = await loadLaneModule({
      laneMemoryMb: 32,
      variant: releaseSync,
      printErr: (text) => lines.push(text),
    })
    const runtime = module.newRuntime()
    const context = runtime.newContext()
    // A handle never disposed: freeing the runtime trips QuickJS's own assertion.
    context.newObject()
    let thrown: unknown
    try {
      context.dispose()
      runtime.dispose()
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    expect((thrown as Error).message).toMatch(/^Aborted\(Assertion failed/)
    expect(lines).toHaveLength(1)
    expect((thrown as Error).message).toContain(lines[0])
    expect(consoleError).not.toHaveBeenCalled()
    expect(stderrWrite).not.toHaveBeenCalled()
  })

  it('without printErr the module writes the abort to console.error (what the lanes avoid)', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { module } = await loadLaneModule({ laneMemoryMb: 32, variant: releaseSync })
    const runtime = module.newRuntime()
    const context = runtime.newContext()
    context.newObject()
    expect(() => {
      context.dispose()
      runtime.dispose()
    }).toThrow(/Aborted\(Assertion failed/)
    expect(consoleError.mock.calls.flat().join('\n')).toMatch(/Aborted\(Assertion failed/)
  })
})
