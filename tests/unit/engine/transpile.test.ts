import { describe, it, expect } from 'vitest'
import { stripTypes, typeScriptErrorPosition } from '../../../src/engine/transpile'

describe('stripTypes', () => {
  it('removes type annotations, interfaces, generics and assertions', () => {
    const code = [
      'interface Item {',
      '  price: number',
      '}',
      'type Pair<T> = [T, T]',
      'const items: Item[] = input.items as Item[]',
      'function first<T>(list: T[]): T | undefined { return list[0] }',
      'const pair: Pair<number> = [1, 2]',
      'return { first: first<Item>(items)!, pair }',
    ].join('\n')
    const out = stripTypes(code)
    expect(out).not.toMatch(/interface|: Item|<T>|<Item>|as Item|Pair<|: number/)
    expect(out).toContain('const items = input.items')
    expect(out).toContain('function first(list) { return list[0] }')
    expect(out).toContain('return { first: first(items), pair }')
  })

  it('keeps every line where it was', () => {
    const code = [
      'interface A {',
      '  x: number',
      '  y: string',
      '}',
      'const a: A = { x: 1, y: "b" }',
      'enum Color { Red, Green }',
      'const marker: string = "line seven"',
      'throw new Error(marker)',
    ].join('\n')
    const out = stripTypes(code).split('\n')
    expect(out).toHaveLength(8)
    expect(out[4]).toContain('const a = { x: 1, y: "b" }')
    expect(out[6]).toContain('const marker = "line seven"')
    expect(out[7]).toBe('throw new Error(marker)')
  })

  it('leaves plain JavaScript alone, top-level return and await included', () => {
    const code = 'const v = await Promise.resolve(input)\nreturn v'
    expect(stripTypes(code)).toBe(code)
  })

  it('throws on invalid TypeScript with a position that maps to the user line', () => {
    let message = ''
    try {
      stripTypes('const a = 1\nconst x: = 2')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/\(\d+:\d+\)/)
    expect(typeScriptErrorPosition(message)).toEqual({ line: 2, column: 11 })
  })
})

describe('typeScriptErrorPosition', () => {
  it('maps positions in the wrapped text to the user lines, 1-based columns', () => {
    expect(typeScriptErrorPosition('Unexpected token (5:3)')).toEqual({ line: 4, column: 4 })
    expect(typeScriptErrorPosition('Unexpected token (1:0)')).toEqual({ line: 1, column: 1 })
  })

  it('returns nothing for a message without a position', () => {
    expect(typeScriptErrorPosition('Something broke')).toEqual({})
  })
})
