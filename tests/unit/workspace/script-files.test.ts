import { existsSync, readFileSync, truncateSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readScript, writeScript } from '../../../src/workspace/script-files'
import { FileError } from '../../../src/workspace/file-error'
import { tempFolder } from './helpers'

let folder: ReturnType<typeof tempFolder>
beforeEach(() => {
  folder = tempFolder()
})
afterEach(() => folder.remove())

const at = (name: string) => ({ absolute: folder.path(name), path: name })
/** The workspace's rules: the folder is the root. */
const OPEN = {
  get root() {
    return folder.root
  },
}

describe('script files and their sidecars', () => {
  it('saves a script with its input and limits, and opens them again', async () => {
    const document = {
      content: 'const total = input.items.reduce((a, b) => a + b, 0)\nreturn { total }\n',
      input: '{\n  "items": [\n    1,\n    2,\n    3\n  ]\n}',
      limits: { runTimeoutMs: 2000, memoryMb: 32 },
    }
    await writeScript(at('sum.js'), document, OPEN)
    expect(readFileSync(folder.path('sum.js'), 'utf8')).toBe(document.content)
    expect(JSON.parse(readFileSync(folder.path('sum.js.gatehouse.json'), 'utf8'))).toEqual({
      gatehouse: 1,
      input: { items: [1, 2, 3] },
      limits: { runTimeoutMs: 2000, memoryMb: 32 },
    })

    const opened = await readScript(at('sum.js'), OPEN)
    expect(opened).toMatchObject({ path: 'sum.js', name: 'sum.js', language: 'js', ...document })
    expect(opened.sidecarError).toBeUndefined()
  })

  it('gives sum.js and sum.ts sidecars of their own', async () => {
    await writeScript(at('sum.js'), { content: 'return 1', input: '1' }, OPEN)
    await writeScript(at('sum.ts'), { content: 'return 2', input: '2' }, OPEN)
    expect((await readScript(at('sum.js'), OPEN)).input).toBe('1')
    expect((await readScript(at('sum.ts'), OPEN)).input).toBe('2')
    expect((await readScript(at('sum.ts'), OPEN)).language).toBe('ts')
  })

  it('opens a script without a sidecar, and removes a stale sidecar on save', async () => {
    folder.write('plain.js', 'return 42')
    const opened = await readScript(at('plain.js'), OPEN)
    expect(opened.input).toBeUndefined()
    expect(opened.limits).toBeUndefined()

    await writeScript(at('plain.js'), { content: 'return 1', input: '{"a": 1}' }, OPEN)
    expect(existsSync(folder.path('plain.js.gatehouse.json'))).toBe(true)
    await writeScript(at('plain.js'), { content: 'return 1' }, OPEN)
    expect(existsSync(folder.path('plain.js.gatehouse.json'))).toBe(false)
  })

  it('reports a sidecar that is not JSON, and still opens the script', async () => {
    folder.write('bad.js', 'return input')
    folder.write('bad.js.gatehouse.json', '{ "gatehouse": 1, "input": ')
    const opened = await readScript(at('bad.js'), OPEN)
    expect(opened.content).toBe('return input')
    expect(opened.input).toBeUndefined()
    expect(opened.sidecarError).toMatch(/^bad\.js\.gatehouse\.json: it is not valid JSON/)
    expect(opened.sidecarError).toContain('input and limits were not loaded')
  })

  it('reports sidecar limits out of range, keeping its input', async () => {
    folder.write('x.js', 'return 1')
    folder.write(
      'x.js.gatehouse.json',
      JSON.stringify({ gatehouse: 1, input: [1], limits: { memoryMb: 99999 } }),
    )
    const opened = await readScript(at('x.js'), OPEN)
    expect(opened.input).toBe('[\n  1\n]')
    expect(opened.limits).toBeUndefined()
    expect(opened.sidecarError).toContain('memoryMb must be at most 1024')
  })

  it('refuses to open a file larger than 1 MiB, saying how large it is', async () => {
    const file = folder.write('huge.js', '')
    truncateSync(file, 100 * 1024 * 1024)
    const error = await readScript(at('huge.js'), OPEN).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(FileError)
    expect(error).toMatchObject({
      type: 'TooLargeError',
      message: 'huge.js is 100.0 MiB; Gatehouse opens scripts of at most 1.0 MiB',
    })
  })

  it('refuses to save 100 MB of content, and writes nothing', async () => {
    const content = 'x'.repeat(100 * 1024 * 1024)
    await expect(writeScript(at('huge.js'), { content }, OPEN)).rejects.toMatchObject({
      type: 'ValidationError',
      message: 'content is at least 100.0 MiB; a script can be at most 1.0 MiB',
    })
    expect(existsSync(folder.path('huge.js'))).toBe(false)
  })

  it('names a missing file, a folder, and a name that is not a script', async () => {
    await expect(readScript(at('nope.js'), OPEN)).rejects.toMatchObject({
      type: 'NotFoundError',
      message: 'Could not open nope.js: it does not exist',
    })
    folder.write('dir.js/inner.txt', '')
    await expect(readScript(at('dir.js'), OPEN)).rejects.toMatchObject({ type: 'FileSystemError' })
    folder.write('notes.txt', '')
    await expect(readScript(at('notes.txt'), OPEN)).rejects.toMatchObject({ type: 'PathError' })
    await expect(writeScript(at('notes.txt'), { content: '' }, OPEN)).rejects.toMatchObject({
      type: 'PathError',
    })
  })
})
