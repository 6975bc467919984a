import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Workspace } from '../../../src/workspace/workspace'
import { tempFolder } from './helpers'

const posix = process.platform === 'win32' ? it.skip : it

let folder: ReturnType<typeof tempFolder>
let outside: ReturnType<typeof tempFolder>
let workspace: Workspace
beforeEach(async () => {
  folder = tempFolder('gatehouse-ws-')
  outside = tempFolder('gatehouse-outside-')
  workspace = await Workspace.open(folder.root)
})
afterEach(() => {
  folder.remove()
  outside.remove()
})

describe('Workspace.resolveScript', () => {
  it('resolves relative and absolute paths inside the workspace', async () => {
    expect(await workspace.resolveScript('a.js')).toEqual({
      absolute: folder.path('a.js'),
      path: 'a.js',
    })
    expect(await workspace.resolveScript('sub/b.ts')).toEqual({
      absolute: folder.path('sub', 'b.ts'),
      path: 'sub/b.ts',
    })
    expect(await workspace.resolveScript(folder.path('c.js'))).toMatchObject({ path: 'c.js' })
    expect(await workspace.resolveScript('./d.js')).toMatchObject({ path: 'd.js' })
  })

  it('rejects "..", even when it would stay inside', async () => {
    for (const path of ['../x.js', 'sub/../../x.js', 'sub/../x.js', '..\\x.js']) {
      await expect(workspace.resolveScript(path)).rejects.toMatchObject({
        type: 'PathError',
        message: `${path}: paths may not contain ".." segments`,
      })
    }
  })

  it('rejects absolute paths outside the workspace', async () => {
    await expect(workspace.resolveScript(outside.path('x.js'))).rejects.toMatchObject({
      type: 'PathError',
      message: `${outside.path('x.js')} is outside the workspace ${folder.root}`,
    })
    await expect(workspace.resolveScript('/etc/passwd.js')).rejects.toMatchObject({
      type: 'PathError',
    })
  })

  it('rejects empty paths, NUL bytes, non-scripts, sidecars and its own folder', async () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['a\0.js', /NUL/],
      ['notes.txt', /not a script/],
      ['a.js.gatehouse.json', /not a script/],
      ['.gatehouse/settings.js', /Gatehouse keeps for itself/],
    ]
    for (const [path, message] of cases) {
      await expect(workspace.resolveScript(path)).rejects.toMatchObject({
        type: 'PathError',
        message: expect.stringMatching(message) as unknown,
      })
    }
  })

  posix('rejects a symlinked file or folder that leads outside, and a dangling link', async () => {
    outside.write('secret.js', 'return "secret"')
    symlinkSync(outside.path('secret.js'), folder.path('link.js'))
    symlinkSync(outside.root, folder.path('out'))
    symlinkSync(folder.path('nowhere.js'), folder.path('dangling.js'))
    await expect(workspace.resolveScript('link.js')).rejects.toMatchObject({
      type: 'PathError',
      message: expect.stringContaining(
        'leads outside the workspace through a symbolic link',
      ) as unknown,
    })
    await expect(workspace.resolveScript('out/secret.js')).rejects.toMatchObject({
      type: 'PathError',
    })
    await expect(workspace.resolveScript('out/new.js')).rejects.toMatchObject({ type: 'PathError' })
    await expect(workspace.resolveScript('dangling.js')).rejects.toMatchObject({
      type: 'PathError',
      message: 'dangling.js is a symbolic link that leads nowhere',
    })
  })

  posix('accepts a symlink that stays inside', async () => {
    folder.write('real/a.js', 'return 1')
    symlinkSync(folder.path('real'), folder.path('alias'))
    expect(await workspace.resolveScript('alias/a.js')).toMatchObject({ path: 'alias/a.js' })
  })
})

describe('Workspace.open', () => {
  it('refuses a folder that does not exist, or a file', async () => {
    await expect(Workspace.open(folder.path('missing'))).rejects.toMatchObject({
      type: 'NotFoundError',
    })
    folder.write('file.txt', '')
    await expect(Workspace.open(folder.path('file.txt'))).rejects.toMatchObject({
      type: 'PathError',
    })
  })
})

describe('Workspace.listScripts', () => {
  it('lists .js and .ts files, sorted, skipping sidecars, .gatehouse, node_modules and .git', async () => {
    folder.write('b.js', 'return 1')
    folder.write('a.ts', 'return 2')
    folder.write('b.js.gatehouse.json', '{}')
    folder.write('sub/c.js', 'return 3')
    folder.write('notes.md', '')
    folder.write('.gatehouse/x.js', '')
    folder.write('node_modules/pkg/index.js', '')
    folder.write('.git/hooks/a.js', '')
    const { files, truncated } = await workspace.listScripts()
    expect(truncated).toBe(false)
    expect(files.map((file) => file.path)).toEqual(['a.ts', 'b.js', 'sub/c.js'])
    expect(files[1]).toMatchObject({ name: 'b.js', sizeBytes: 8 })
    expect(files[1]?.modifiedAt).toBeGreaterThan(0)
  })

  posix('leaves out symlinks that lead outside', async () => {
    outside.write('secret.js', '')
    symlinkSync(outside.path('secret.js'), folder.path('link.js'))
    mkdirSync(join(folder.root, 'in'))
    symlinkSync(outside.root, folder.path('in', 'out'))
    folder.write('ok.js', '')
    expect((await workspace.listScripts()).files.map((file) => file.path)).toEqual(['ok.js'])
  })
})
