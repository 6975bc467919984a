// Every lesson runs through the CLI, as a learner's copy would, and meets the
// expectation in its header.
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseLesson } from '../../src/lessons/lesson-file'
import type { RunOutcome } from '../../src/protocol/outcome'

const ROOT = resolve(__dirname, '../..')
const LESSONS_DIR = join(ROOT, 'lessons')
const run = promisify(execFile)

const LIMIT_FLAGS = {
  runTimeoutMs: '--timeout-ms',
  memoryMb: '--memory-mb',
  stackKb: '--stack-kb',
} as const

const lessons = readdirSync(LESSONS_DIR)
  .filter((name) => name.endsWith('.js'))
  .sort()
  .map((name) => ({
    file: join(LESSONS_DIR, name),
    lesson: parseLesson(name.replace(/\.js$/, ''), readFileSync(join(LESSONS_DIR, name), 'utf8')),
  }))

async function cli(args: string[]): Promise<string> {
  try {
    return (
      await run(process.execPath, [join(ROOT, 'bin/gatehouse.js'), ...args], {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      })
    ).stdout
  } catch (error) {
    // Exit status 1 (an error outcome) still prints the outcome.
    const { stdout, code } = error as { stdout: string; code: number }
    if (code === 1 && stdout) return stdout
    throw error
  }
}

describe('lessons', () => {
  it('there are lessons, each with a title and an explanation', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(16)
    for (const { lesson } of lessons) {
      expect(lesson.title.length).toBeGreaterThan(5)
      expect(lesson.explanation.length).toBeGreaterThan(80)
    }
  })

  it.each(lessons.map((l) => [l.lesson.slug, l] as const))(
    '%s meets its expectation',
    async (_, { file, lesson }) => {
      const limitArgs = Object.entries(lesson.limits).flatMap(([key, value]) => [
        LIMIT_FLAGS[key as keyof typeof LIMIT_FLAGS],
        String(value),
      ])
      if (lesson.runs > 1) {
        const timeout = lesson.limits.runTimeoutMs
          ? ['--timeout-ms', String(lesson.limits.runTimeoutMs)]
          : []
        const report = JSON.parse(
          await cli([
            'stress',
            file,
            '--runs',
            String(lesson.runs),
            '--permits',
            '1',
            '--lanes',
            '1',
            '--json',
            ...timeout,
          ]),
        ) as { outcomes: { ok: number; error: Record<string, number> } }
        if (lesson.expect === 'ok') expect(report.outcomes).toEqual({ ok: lesson.runs, error: {} })
        else expect(report.outcomes.error[lesson.expect]).toBe(lesson.runs)
        return
      }
      const traceArgs = lesson.trace ? ['--trace'] : []
      const outcome = JSON.parse(
        await cli(['run', file, '--json', ...limitArgs, ...traceArgs]),
      ) as RunOutcome
      // A traced lesson shows its trace, which ends with how the run settled.
      if (lesson.trace) expect(outcome.trace?.events.at(-1)?.kind).toBe('settled')
      else expect(outcome.trace).toBeUndefined()
      if (lesson.expect === 'ok') {
        expect(outcome.error).toBeUndefined()
        expect(outcome.status).toBe('ok')
      } else {
        expect(outcome.error?.type).toBe(lesson.expect)
        if (lesson.cause) expect(outcome.error?.cause).toBe(lesson.cause)
      }
    },
  )
})
