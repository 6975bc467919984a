import type { ErrorType } from '../protocol/outcome'
import { ERROR_TYPES } from '../protocol/outcome'
import type { RunLimits } from '../protocol/settings'

/** A lesson: a runnable script that carries what it teaches and what it expects in its header. */
export interface Lesson {
  /** From the file name: `01-infinite-loop`. */
  slug: string
  title: string
  /** `ok`, or the error type the run must end with. */
  expect: 'ok' | ErrorType
  /** For TimeoutError and PanicError: what must have enforced it. */
  cause?: string
  limits: RunLimits
  /** How many times in a row to run it on one lane (isolation lessons run twice). */
  runs: number
  /** `// trace: on`: the lesson runs with the event-loop trace, which it is about. */
  trace: boolean
  /** The explanation, from the header's prose lines. */
  explanation: string
  code: string
}

const LIMIT_KEYS = new Set(['runTimeoutMs', 'memoryMb', 'stackKb'])

/** A script's leading `// key: value` lines (title, expect, cause, limits, runs, trace) and the prose after them. */
function readHeader(source: string): { fields: Map<string, string>; prose: string[] } {
  const fields = new Map<string, string>()
  const prose: string[] = []
  for (const line of source.split('\n')) {
    if (!line.startsWith('//')) break
    const text = line.replace(/^\/\/ ?/, '')
    const field =
      prose.length === 0 ? /^(title|expect|cause|limits|runs|trace):\s*(.*)$/.exec(text) : null
    if (field) fields.set(field[1] as string, (field[2] as string).trim())
    else prose.push(text)
  }
  return { fields, prose }
}

/** Parses `runTimeoutMs=300 memoryMb=16`; calls `fail` with the bad pair. */
function parseLimits(text: string, fail: (problem: string) => never): RunLimits {
  const limits: RunLimits = {}
  for (const pair of text.split(/[\s,]+/).filter(Boolean)) {
    const [key, value] = pair.split('=')
    if (!key || !LIMIT_KEYS.has(key) || !/^\d+$/.test(value ?? '')) fail(`bad limit "${pair}"`)
    limits[key as keyof RunLimits] = Number(value)
  }
  return limits
}

/**
 * The limits a script's header asks for (`// limits: runTimeoutMs=300`, as
 * in a lesson), or undefined without such a line. Throws with `name` and the
 * problem when the line is wrong.
 */
export function headerLimits(name: string, source: string): RunLimits | undefined {
  const text = readHeader(source).fields.get('limits')
  if (text === undefined) return undefined
  return parseLimits(text, (problem) => {
    throw new Error(`${name}: its "// limits:" header has a ${problem}`)
  })
}

/**
 * Reads a lesson file. Its header is the leading `// key: value` lines
 * (title, expect, cause, limits, runs, trace), then `//` prose up to the first line
 * of code. Throws with the file's name and the problem when a header is wrong.
 */
export function parseLesson(slug: string, source: string): Lesson {
  const { fields, prose } = readHeader(source)
  const fail = (problem: string): never => {
    throw new Error(`lesson ${slug}: ${problem}`)
  }
  const title = fields.get('title') ?? fail('no "// title:" line')
  const expect = fields.get('expect') ?? fail('no "// expect:" line')
  if (expect !== 'ok' && !(ERROR_TYPES as readonly string[]).includes(expect)) {
    fail(`"expect: ${expect}" is neither ok nor an error type`)
  }
  const limits = parseLimits(fields.get('limits') ?? '', fail)
  const runs = Number(fields.get('runs') ?? '1')
  if (!Number.isInteger(runs) || runs < 1) fail(`bad "runs: ${fields.get('runs')}"`)
  const trace = fields.get('trace') ?? 'off'
  if (trace !== 'on' && trace !== 'off') fail(`bad "trace: ${trace}" (on or off)`)
  const lesson: Lesson = {
    slug,
    title,
    expect: expect as Lesson['expect'],
    limits,
    runs,
    trace: trace === 'on',
    explanation: prose
      .join('\n')
      .trim()
      .replace(/\n(?!\n)/g, ' '),
    code: source,
  }
  const cause = fields.get('cause')
  if (cause) lesson.cause = cause
  return lesson
}
