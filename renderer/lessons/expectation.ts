import type { Lesson } from '../../src/lessons/lesson-file'
import type { RunOutcome } from '../../src/protocol/outcome'

/** `TimeoutError (interrupt)`, `ok`: an expectation or an outcome in the same words. */
export function describeExpectation(lesson: Pick<Lesson, 'expect' | 'cause'>): string {
  return lesson.cause ? `${lesson.expect} (${lesson.cause})` : lesson.expect
}

export function describeOutcome(outcome: RunOutcome): string {
  if (outcome.status === 'ok' || !outcome.error) return 'ok'
  const { type, cause, name } = outcome.error
  // A script's own error name says something (RangeError); the engine's behind a limit does not.
  const detail = cause ?? (type === 'ScriptError' && name ? name : undefined)
  return detail ? `${type} (${detail})` : type
}

/** Whether one run ended as the lesson says it must: the same status or error type, and cause. */
export function outcomeMeets(
  lesson: Pick<Lesson, 'expect' | 'cause'>,
  outcome: RunOutcome,
): boolean {
  if (lesson.expect === 'ok') return outcome.status === 'ok'
  if (outcome.status !== 'error' || outcome.error?.type !== lesson.expect) return false
  return lesson.cause === undefined || outcome.error.cause === lesson.cause
}

export type Verdict = 'met' | 'not-met' | 'pending'

/** Met when every run (a lesson may run twice) meets the expectation. */
export function lessonVerdict(
  lesson: Pick<Lesson, 'expect' | 'cause' | 'runs'>,
  outcomes: readonly (RunOutcome | null)[],
): Verdict {
  if (outcomes.length < lesson.runs || outcomes.some((outcome) => outcome === null))
    return 'pending'
  return outcomes.every((outcome) => outcome !== null && outcomeMeets(lesson, outcome))
    ? 'met'
    : 'not-met'
}
