import { describe, expect, it } from 'vitest'
import { ScriptPreparer } from '../../../src/engine/prepare-script'

describe('ScriptPreparer', () => {
  it('strips types, routes, and answers a repeated script from its cache', () => {
    const preparer = new ScriptPreparer()
    const first = preparer.prepare('const n: number = 1\nreturn n', 'ts')
    expect(first).toMatchObject({ ok: true, decision: { route: 'pool' } })
    expect(first.ok && first.code).not.toContain(': number')
    expect(preparer.prepare('const n: number = 1\nreturn n', 'ts')).toBe(first)
    // The same text as JavaScript is another script: a syntax error there.
    expect(preparer.prepare('const n: number = 1\nreturn n', 'js')).toMatchObject({
      ok: false,
      line: 1,
    })
  })

  it('reports syntax errors with their position, and remembers them too', () => {
    const preparer = new ScriptPreparer()
    const failure = preparer.prepare('return (', 'js')
    expect(failure).toMatchObject({ ok: false, message: 'Unexpected token', line: 1 })
    expect(preparer.prepare('return (', 'js')).toBe(failure)
  })

  it('forgets the least recently used script first', () => {
    const preparer = new ScriptPreparer()
    const kept = preparer.prepare('return "kept"')
    for (let i = 0; i < 300; i++) {
      preparer.prepare(`return ${i}`)
      if (i % 100 === 0) preparer.prepare('return "kept"') // used again: stays
    }
    expect(preparer.prepare('return "kept"')).toBe(kept)
    const evicted = preparer.prepare('return 0')
    expect(preparer.prepare('return 0')).toBe(evicted)
  })
})
