import { readFileSync, rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DraftStore } from '../../../src/workspace/draft-store'
import { RecentFiles } from '../../../src/workspace/recent-files'
import { tempFolder } from './helpers'

let folder: ReturnType<typeof tempFolder>
beforeEach(() => {
  folder = tempFolder()
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  folder.remove()
  vi.restoreAllMocks()
})

describe('RecentFiles', () => {
  it('keeps the newest first, once each, at most 10, and leaves out missing files', async () => {
    let clock = 0
    const present = new Set<string>()
    const recent = new RecentFiles(
      folder.path('state', 'recent-files.json'),
      async (path) => present.has(path),
      () => ++clock,
    )
    for (let i = 0; i < 12; i++) {
      present.add(`f${i}.js`)
      await recent.add(`f${i}.js`)
    }
    await recent.add('f5.js')
    const listed = await recent.list()
    expect(listed.map((file) => file.path)).toEqual([
      'f5.js',
      'f11.js',
      'f10.js',
      'f9.js',
      'f8.js',
      'f7.js',
      'f6.js',
      'f4.js',
      'f3.js',
      'f2.js',
    ])
    expect(listed[0]).toEqual({ path: 'f5.js', name: 'f5.js', usedAt: 13 })

    present.delete('f11.js')
    expect((await recent.list()).map((file) => file.path)).not.toContain('f11.js')
  })

  it('treats a corrupt list as empty and replaces it on the next add', async () => {
    const file = folder.write('recent-files.json', '{ not json')
    const recent = new RecentFiles(file, async () => true)
    expect(await recent.list()).toEqual([])
    await recent.add('/x/a.js')
    expect(JSON.parse(readFileSync(file, 'utf8')).files).toHaveLength(1)
  })

  it('does not lose an entry when adds race', async () => {
    const recent = new RecentFiles(folder.path('recent-files.json'), async () => true)
    await Promise.all(['a.js', 'b.js', 'c.js', 'd.js'].map((path) => recent.add(path)))
    expect((await recent.list()).map((file) => file.path).sort()).toEqual([
      'a.js',
      'b.js',
      'c.js',
      'd.js',
    ])
  })
})

describe('DraftStore', () => {
  it('keeps one draft per tab: saves, loads oldest first, clears one or all', async () => {
    let clock = 1000
    const drafts = new DraftStore(folder.path('.gatehouse', 'drafts'), () => clock++)
    expect(await drafts.load()).toEqual([])
    const first = {
      tabId: 'tab-a',
      content: 'return 1',
      input: '{"a"',
      path: 'sum.js',
      language: 'js' as const,
    }
    const second = { tabId: 'tab-b', content: 'return 2', path: null }
    expect(await drafts.save(first)).toEqual({ savedAt: 1000 })
    expect(await drafts.save(second)).toEqual({ savedAt: 1001 })
    // A later save of one tab replaces only that tab's draft.
    expect(await drafts.save({ ...first, content: 'return 11' })).toEqual({ savedAt: 1002 })
    expect(await drafts.load()).toEqual([
      { ...second, savedAt: 1001 },
      { ...first, content: 'return 11', savedAt: 1002 },
    ])
    expect(await drafts.clear('tab-a')).toBe(true)
    expect(await drafts.clear('tab-a')).toBe(false)
    expect(await drafts.load()).toEqual([{ ...second, savedAt: 1001 }])
    await drafts.save(first)
    expect(await drafts.clear()).toBe(true)
    expect(await drafts.load()).toEqual([])
    expect(await drafts.clear()).toBe(false)
  })

  it('skips a damaged, foreign or misnamed draft file instead of failing', async () => {
    const drafts = new DraftStore(folder.path('drafts'), () => 5)
    await drafts.save({ tabId: 'good', content: 'return 1' })
    folder.write('drafts/bad.json', '{"version": 1, "savedAt": 1, "draft": {"content": 5}}')
    folder.write('drafts/garbage.json', 'garbage')
    // A valid draft under another tab's name is not that tab's.
    folder.write(
      'drafts/other.json',
      '{"version": 1, "savedAt": 1, "draft": {"tabId": "good", "content": "x"}}',
    )
    expect(await drafts.load()).toEqual([{ tabId: 'good', content: 'return 1', savedAt: 5 }])
    rmSync(folder.path('drafts'), { recursive: true })
    expect(await drafts.load()).toEqual([])
  })
})
