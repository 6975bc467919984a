import { describe, it, expect } from 'vitest'
import { validateRunRequest } from '../../../src/engine/validation'
import { defaultSettings, LIMITS } from '../../../src/protocol/settings'

const settings = defaultSettings(2)

function rejection(payload: unknown): string {
  const result = validateRunRequest(payload, settings)
  if (result.ok) throw new Error('expected the request to be rejected')
  return result.message
}

describe('validateRunRequest', () => {
  it('accepts a minimal request and fills the limits from the settings', () => {
    const result = validateRunRequest({ id: 'run-1', code: 'return 1' }, settings)
    expect(result).toEqual({
      ok: true,
      request: { id: 'run-1', code: 'return 1' },
      limits: {
        runTimeoutMs: settings.runTimeoutMs,
        memoryMb: settings.memoryMb,
        stackKb: settings.stackKb,
      },
    })
  })

  it('keeps the limits a run asks for within the settings', () => {
    const result = validateRunRequest(
      {
        id: 'r',
        code: '',
        input: '{"a":1}',
        language: 'ts',
        limits: { runTimeoutMs: 200, memoryMb: 16, stackKb: 256 },
      },
      settings,
    )
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.limits).toEqual({ runTimeoutMs: 200, memoryMb: 16, stackKb: 256 })
  })

  it.each([null, undefined, 42, 'return 1', [], [{ id: 'a', code: '' }]])(
    'rejects %j: not an object',
    (payload) => {
      expect(rejection(payload)).toBe('The request must be an object with id and code')
    },
  )

  it('rejects a missing or non-string code', () => {
    expect(rejection({ id: 'a' })).toBe('code is required')
    expect(rejection({ id: 'a', code: 42 })).toBe('code must be a string')
    expect(rejection({ id: 'a', code: { text: 'return 1' } })).toBe('code must be a string')
  })

  it('rejects a bad id and answers with the fallback id', () => {
    const result = validateRunRequest({ id: 'has spaces', code: '' }, settings)
    expect(result).toMatchObject({ ok: false, id: 'has spaces' })
    expect(rejection({ code: '' })).toBe('id must be a string')
    expect(validateRunRequest({ code: '' }, settings)).toMatchObject({ ok: false, id: 'invalid' })
  })

  it('rejects code over 65535 bytes, counting bytes, not characters', () => {
    expect(
      validateRunRequest({ id: 'a', code: 'x'.repeat(LIMITS.maxCodeBytes) }, settings).ok,
    ).toBe(true)
    expect(rejection({ id: 'a', code: 'x'.repeat(LIMITS.maxCodeBytes + 1) })).toBe(
      'code is at least 64.0 KiB; the limit is 65535 bytes',
    )
    // 30000 characters, 90000 bytes of UTF-8.
    expect(rejection({ id: 'a', code: '€'.repeat(30_000) })).toMatch(
      /^code is 87\.9 KiB; the limit is 65535 bytes$/,
    )
  })

  it('rejects 100 MB of code quickly, without parsing it', () => {
    const code = `${'('.repeat(1000)}${'x'.repeat(100 * 1024 * 1024)}`
    const started = performance.now()
    const message = rejection({ id: 'huge', code })
    const elapsedMs = performance.now() - started
    expect(message).toBe('code is at least 100.0 MiB; the limit is 65535 bytes')
    // A parse of this much text would take seconds; a size check is a memory scan.
    expect(elapsedMs).toBeLessThan(1500)
  })

  it('rejects input that is not JSON, saying why', () => {
    expect(rejection({ id: 'a', code: '', input: '{' })).toMatch(/^input is not valid JSON: .+/)
    expect(rejection({ id: 'a', code: '', input: "{'a': 1}" })).toMatch(
      /^input is not valid JSON: /,
    )
    expect(rejection({ id: 'a', code: '', input: { a: 1 } })).toBe('input must be JSON text')
  })

  it('accepts blank input as no input', () => {
    expect(validateRunRequest({ id: 'a', code: '', input: '   ' }, settings).ok).toBe(true)
  })

  it('rejects input over 2 MiB before parsing it, and the message tells the sizes apart', () => {
    const atLimit = `"${'a'.repeat(LIMITS.maxInputBytes - 2)}"`
    expect(validateRunRequest({ id: 'a', code: '', input: atLimit }, settings).ok).toBe(true)
    const overByOne = `"${'a'.repeat(LIMITS.maxInputBytes - 1)}"`
    const message = rejection({ id: 'a', code: '', input: overByOne })
    expect(message).toMatch(/^input is /)
    expect(message).toContain(String(LIMITS.maxInputBytes + 1))
    expect(message).toContain(String(LIMITS.maxInputBytes))
    // Not JSON, and too big: the size is what is reported (nothing parsed it).
    expect(rejection({ id: 'a', code: '', input: '{'.repeat(3 * 1024 * 1024) })).toMatch(
      /^input is .*3145728 bytes/,
    )
  })

  it.each([
    [Number.NaN, 'runTimeoutMs must be a number'],
    [5, 'runTimeoutMs must be at least 10'],
    [1e9, 'runTimeoutMs must be at most 600000'],
    [1.5, 'runTimeoutMs must be a whole number'],
    ['100', 'runTimeoutMs must be a number'],
  ])('rejects runTimeoutMs %s', (runTimeoutMs, message) => {
    expect(rejection({ id: 'a', code: '', limits: { runTimeoutMs } })).toBe(message)
  })

  it('rejects stackKb and memoryMb out of range', () => {
    expect(rejection({ id: 'a', code: '', limits: { stackKb: 8 } })).toBe(
      'stackKb must be at least 64',
    )
    expect(rejection({ id: 'a', code: '', limits: { memoryMb: 4 } })).toBe(
      'memoryMb must be at least 8',
    )
  })

  it('rejects unknown fields by name', () => {
    expect(rejection({ id: 'a', code: '', timeout: 5 })).toBe('Unknown field: timeout')
    expect(rejection({ id: 'a', code: '', x: 1, y: 2 })).toBe('Unknown fields: x, y')
    expect(rejection({ id: 'a', code: '', limits: { cpu: 1 } })).toBe('Unknown field: cpu')
  })

  it('rejects an unknown language', () => {
    expect(rejection({ id: 'a', code: '', language: 'py' })).toBe('language must be "js" or "ts"')
  })

  it('takes trace as a boolean, off when absent', () => {
    expect(rejection({ id: 'a', code: '', trace: 'yes' })).toBe('trace must be true or false')
    const traced = validateRunRequest({ id: 'a', code: '', trace: true }, settings)
    expect(traced.ok && traced.request.trace).toBe(true)
  })

  it('rejects a memoryMb above the memoryMb setting, which caps the lanes', () => {
    expect(rejection({ id: 'a', code: '', limits: { memoryMb: settings.memoryMb + 1 } })).toBe(
      `limits.memoryMb is ${settings.memoryMb + 1}; lanes are capped at ${settings.memoryMb} MB (raise the memoryMb setting)`,
    )
    const roomy = { ...settings, memoryMb: 512 }
    expect(validateRunRequest({ id: 'a', code: '', limits: { memoryMb: 256 } }, roomy).ok).toBe(
      true,
    )
  })
})
