import { describe, it, expect } from 'vitest'
import type { ParseFailure, RouteDecision } from '../../../src/engine/analyzer'
import { analyze, isParseFailure } from '../../../src/engine/analyzer'

function route(code: string): RouteDecision {
  const result = analyze(code)
  if (isParseFailure(result)) throw new Error(`unexpected parse failure: ${result.message}`)
  return result
}

function failure(code: string): ParseFailure {
  const result = analyze(code)
  if (!isParseFailure(result))
    throw new Error(`expected a parse failure, got route ${result.route}`)
  return result
}

describe('analyze', () => {
  it('sends synchronous code to the pool and says why', () => {
    const decision = route('const total = input.items.reduce((a, b) => a + b, 0)\nreturn { total }')
    expect(decision.route).toBe('pool')
    expect(decision.reason).toMatch(/synchronous/)
    expect(decision.reason).toMatch(/pool/)
  })

  it('sends an empty script to the pool', () => {
    expect(route('').route).toBe('pool')
  })

  it.each([
    ['top-level await', 'const a = 1\nconst b = 2\nreturn await (a + b)', /uses await \(line 3\)/],
    ['await of a promise', 'const a = 1\n\nreturn await Promise.resolve(a)', /\(line 3\)/],
    ['await in an expression', 'let x = 0\nx += await 1\nreturn x', /uses await \(line 2\)/],
    [
      'an async function',
      'const a = 1\nasync function f() { return 1 }\nreturn a',
      /async function \(line 2\)/,
    ],
    ['an async arrow', '\n\n\nconst f = async () => 1\nreturn 1', /async function \(line 4\)/],
    [
      'an async method',
      'const o = {\n  async go() { return 1 }\n}\nreturn 1',
      /async function \(line 2\)/,
    ],
    ['Promise', 'const p = new Promise((r) => r(1))\nreturn 1', /uses Promise \(line 1\)/],
    ['Promise.all', 'return 1 + \n  Promise.all([]).length', /uses Promise \(line 2\)/],
    [
      'setTimeout',
      'let done = false\nsetTimeout(() => { done = true }, 10)\nreturn done',
      /uses setTimeout \(line 2\)/,
    ],
    [
      'setInterval',
      'const id = setInterval(() => {}, 5)\nreturn id',
      /uses setInterval \(line 1\)/,
    ],
    ['queueMicrotask', '\nqueueMicrotask(() => {})', /uses queueMicrotask \(line 2\)/],
    ['.then', 'const thenable = input\n\nthenable.then((v) => v)', /calls \.then \(line 3\)/],
    [
      'for await',
      'const out = []\nfor await (const v of input) out.push(v)\nreturn out',
      /await \(line 2\)/,
    ],
  ])('sends %s to the loop with a reason naming the line', (_, code, reason) => {
    const decision = route(code)
    expect(decision.route).toBe('loop')
    expect(decision.reason).toMatch(reason)
    expect(decision.reason).toMatch(/event loop/)
  })

  it('names the first async construct it meets', () => {
    const decision = route('const a = 1\nsetTimeout(() => {}, 1)\nawait null')
    expect(decision.reason).toMatch(/line 2/)
  })

  it.each([
    ['a string', 'return "new Promise(() => {})"'],
    ['a template literal', 'return `await setTimeout Promise .then`'],
    ['a line comment', '// await Promise.resolve().then(setTimeout)\nreturn 1'],
    ['a block comment', '/* async function f() { await x } */\nreturn 2'],
    [
      'an identifier that only contains the word',
      'const myPromise = 1\nconst thenable = 2\nreturn myPromise + thenable',
    ],
    ['a regular expression', 'return /await Promise/.test("x")'],
    ['a computed then', 'const o = { then: 1 }\nreturn o["then"]'],
  ])('keeps "Promise" and friends in %s on the pool', (_, code) => {
    expect(route(code).route).toBe('pool')
  })

  it('reports a syntax error with its 1-based line and column', () => {
    const error = failure('const a = 1\nlet = = 2')
    expect(error).toEqual({ message: 'Unexpected token', line: 2, column: 7 })
  })

  it('reports an unterminated construct on the line where it is found', () => {
    const error = failure('const a = 1\nconst b = 2\nreturn (a + b')
    expect(error.line).toBe(3)
    expect(error.column).toBeGreaterThan(1)
    expect(error.message).not.toMatch(/\(\d+:\d+\)/)
  })

  it('reports a bad first line with column 1 counting from the user code', () => {
    const error = failure(')')
    expect(error).toMatchObject({ line: 1, column: 1 })
  })

  it('accepts top-level return and await (the script is a function body)', () => {
    expect(isParseFailure(analyze('return 1'))).toBe(false)
    expect(isParseFailure(analyze('await 1'))).toBe(false)
  })
})
