import { describe, expect, it } from 'vitest'
import {
  childNodes,
  describeValue,
  initiallyExpanded,
  isContainer,
  readStringMarker,
} from '../../../renderer/json-tree/tree-model'
import { nth } from './events'

describe('the JSON tree model', () => {
  it('types plain JSON values', () => {
    expect(describeValue('hi')).toMatchObject({
      type: 'string',
      typeLabel: 'string',
      preview: '"hi"',
    })
    expect(describeValue(42)).toMatchObject({ type: 'number', preview: '42' })
    expect(describeValue(true)).toMatchObject({ type: 'boolean', preview: 'true' })
    expect(describeValue(null)).toMatchObject({ type: 'null', preview: 'null' })
    expect(describeValue(undefined)).toMatchObject({ type: 'undefined', preview: 'undefined' })
    expect(describeValue([1, 2, 3])).toMatchObject({
      type: 'array',
      preview: 'Array(3)',
      childCount: 3,
    })
    expect(describeValue({ a: 1 })).toMatchObject({
      type: 'object',
      preview: '{1 key}',
      childCount: 1,
    })
    expect(describeValue({})).toMatchObject({ type: 'object', preview: '{0 keys}', childCount: 0 })
  })

  it("reads the sandbox's string markers back", () => {
    expect(readStringMarker('[Circular]')?.type).toBe('circular')
    expect(readStringMarker('[undefined]')).toMatchObject({
      type: 'undefined',
      preview: 'undefined',
    })
    expect(readStringMarker('10n')).toMatchObject({ type: 'bigint', preview: '10n' })
    expect(readStringMarker('-7n')?.type).toBe('bigint')
    expect(readStringMarker('[Function greet]')).toMatchObject({
      type: 'function',
      preview: 'ƒ greet()',
    })
    expect(readStringMarker('[Function anonymous]')?.preview).toBe('ƒ anonymous()')
    expect(readStringMarker('[Symbol(tag)]')).toMatchObject({
      type: 'symbol',
      preview: 'Symbol(tag)',
    })
    expect(readStringMarker('NaN')).toMatchObject({ type: 'number', preview: 'NaN' })
    expect(readStringMarker('-Infinity')?.type).toBe('number')
    expect(readStringMarker('[Invalid Date]')?.typeLabel).toBe('Date')
    expect(readStringMarker('[ArrayBuffer 16 bytes]')).toMatchObject({
      typeLabel: 'ArrayBuffer',
      preview: 'ArrayBuffer (16 bytes)',
    })
    expect(readStringMarker('[Promise]')?.typeLabel).toBe('Promise')
    expect(readStringMarker('[Thrown: nope]')).toMatchObject({
      typeLabel: 'getter threw',
      preview: 'nope',
    })
    expect(readStringMarker('hello')).toBeNull()
    expect(readStringMarker('10 n')).toBeNull()
  })

  it("reads the sandbox's object markers: Map, Set, Error, typed arrays", () => {
    const map = describeValue({
      '[Map]': [
        ['a', 1],
        [{ k: 1 }, 'object key'],
      ],
    })
    expect(map).toMatchObject({ type: 'map', typeLabel: 'Map', preview: 'Map(2)', childCount: 2 })
    expect(childNodes(map).map((child) => [child.key, child.preview])).toEqual([
      ['"a" →', '1'],
      ['{1 key} →', '"object key"'],
    ])

    const set = describeValue({ '[Set]': ['x', 'y'] })
    expect(set).toMatchObject({ type: 'set', preview: 'Set(2)' })
    expect(childNodes(set).map((child) => child.preview)).toEqual(['"x"', '"y"'])

    const error = describeValue({
      '[Error]': { name: 'RangeError', message: 'out of range', stack: 'at x' },
    })
    expect(error).toMatchObject({
      type: 'error',
      typeLabel: 'RangeError',
      preview: 'RangeError: out of range',
    })
    expect(childNodes(error).map((child) => child.key)).toEqual(['name', 'message', 'stack'])

    const bytes = describeValue({ '[Uint8Array]': [1, 2, 3] })
    expect(bytes).toMatchObject({
      type: 'typed-array',
      typeLabel: 'Uint8Array',
      preview: 'Uint8Array(3)',
    })

    // A real object that merely has one bracketed key of another shape stays an object.
    expect(describeValue({ '[Map]': 'not entries' }).type).toBe('object')
    expect(describeValue({ '[note]': 1, other: 2 }).type).toBe('object')
  })

  it('gives children stable paths and keys', () => {
    const root = describeValue({ items: [{ 'odd key': 1 }], ok: true })
    const items = nth(childNodes(root), 0)
    expect(items).toMatchObject({ path: '$.items', key: 'items', depth: 1 })
    expect(nth(childNodes(root), 1)).toMatchObject({ path: '$.ok', key: 'ok', type: 'boolean' })
    const first = nth(childNodes(items), 0)
    expect(first).toMatchObject({ path: '$.items[0]', key: '0', depth: 2 })
    expect(childNodes(first)[0]).toMatchObject({ path: '$.items[0]["odd key"]', key: 'odd key' })
  })

  it('pages long containers instead of building every child', () => {
    const big = describeValue(Array.from({ length: 10_000 }, (_, i) => i))
    expect(big.childCount).toBe(10_000)
    const page = childNodes(big, 100, 100)
    expect(page).toHaveLength(100)
    expect(page[0]?.key).toBe('100')
    expect(childNodes(big, 9_990, 100)).toHaveLength(10)
  })

  it('opens the root and small first-level containers, and treats empty ones as leaves', () => {
    const root = describeValue({ small: [1], big: Array.from({ length: 50 }, () => 0), none: [] })
    expect(initiallyExpanded(root)).toBe(true)
    const children = childNodes(root)
    const small = nth(children, 0)
    expect(initiallyExpanded(small)).toBe(true)
    expect(initiallyExpanded(nth(children, 1))).toBe(false)
    expect(isContainer(nth(children, 2))).toBe(false)
    expect(isContainer(small)).toBe(true)
  })
})
