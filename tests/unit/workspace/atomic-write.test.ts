import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../../src/workspace/atomic-write'
import { tempFolder } from './helpers'

let folder: ReturnType<typeof tempFolder>
beforeEach(() => {
  folder = tempFolder()
})
afterEach(() => folder.remove())

describe('writeFileAtomic', () => {
  it('creates a file and replaces it, leaving no temporary file behind', async () => {
    const file = folder.path('script.js')
    await writeFileAtomic(file, 'return 1')
    expect(readFileSync(file, 'utf8')).toBe('return 1')
    await writeFileAtomic(file, 'return 2')
    expect(readFileSync(file, 'utf8')).toBe('return 2')
    expect(readdirSync(folder.root)).toEqual(['script.js'])
  })

  it.skipIf(process.platform === 'win32')(
    'keeps the permission bits of the file it replaces',
    async () => {
      const file = folder.write('script.js', 'old')
      chmodSync(file, 0o600)
      await writeFileAtomic(file, 'new')
      expect(statSync(file).mode & 0o777).toBe(0o600)
    },
  )

  it('leaves the old file whole and removes its temporary file when the rename fails', async () => {
    // A non-empty folder where the file should go: the rename over it fails.
    const target = folder.path('taken.js')
    mkdirSync(target)
    folder.write('taken.js/inside.txt', 'keep me')
    await expect(writeFileAtomic(target, 'return 1')).rejects.toThrow()
    expect(readdirSync(folder.root)).toEqual(['taken.js'])
    expect(readFileSync(folder.path('taken.js', 'inside.txt'), 'utf8')).toBe('keep me')
  })

  it('never shows a reader a partly written file', async () => {
    const file = folder.write('big.js', 'a'.repeat(1_000_000))
    const writes = Array.from({ length: 20 }, (_, i) =>
      writeFileAtomic(file, String.fromCharCode(98 + (i % 20)).repeat(1_000_000)),
    )
    const reads: string[] = []
    for (let i = 0; i < 40; i++) {
      reads.push(readFileSync(file, 'utf8'))
      await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(writes)
    for (const text of [...reads, readFileSync(file, 'utf8')]) {
      expect(text).toHaveLength(1_000_000)
      expect(new Set(text).size).toBe(1)
    }
    expect(readdirSync(folder.root)).toEqual(['big.js'])
  })

  it('fails without touching anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(folder.path('missing', 'x.js'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    })
  })
})
