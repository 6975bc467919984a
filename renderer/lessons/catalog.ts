/// <reference types="vite/client" />
// (import.meta.glob: the test typecheck includes this file without the web config's types.)
import type { Lesson } from '../../src/lessons/lesson-file'
import { parseLesson } from '../../src/lessons/lesson-file'

/** The lesson files, bundled at build time: the window ships them, as the CLI reads them. */
const SOURCES = import.meta.glob<string>('../../lessons/*.js', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** Where a lesson sits in the Lessons view's list. */
export type LessonGroupId =
  'limits' | 'event-loop' | 'results' | 'isolation' | 'escapes' | 'semaphores' | 'faults'

export interface LessonGroup {
  id: LessonGroupId
  title: string
  /** One line under the group's heading. */
  summary: string
}

export const LESSON_GROUPS: readonly LessonGroup[] = [
  { id: 'limits', title: 'Limits', summary: 'Time, memory and stack: what fires, and when' },
  { id: 'event-loop', title: 'Event loop', summary: 'Jobs, promises and timers that never end' },
  { id: 'results', title: 'Results', summary: 'What can cross back to the window' },
  { id: 'isolation', title: 'Isolation', summary: 'Nothing of one run reaches the next' },
  { id: 'escapes', title: 'Escapes', summary: 'Tricks that broke other sandboxes' },
  { id: 'semaphores', title: 'Semaphores', summary: 'Permits that leak, and a gate that does not' },
  { id: 'faults', title: 'Faults', summary: 'Crashes injected, and the recovery' },
]

/** The slugs of the lessons that are not script files: the gates comparison, the leak matrix and the faults. */
export const GATES_TOPIC = 'semaphore-leak'
export const FAULTS_TOPIC = 'fault-injection'
export const MATRIX_TOPIC = 'leak-matrix'

/** The group of a lesson file, from its number (the file names keep the order). */
export function lessonGroupOf(slug: string): LessonGroupId {
  const number = Number.parseInt(slug, 10)
  if (number <= 7) return 'limits'
  if (number <= 10) return 'event-loop'
  if (number <= 12) return 'results'
  if (number === 13) return 'isolation'
  if (number <= 17) return 'escapes'
  // 18-20: the event loop again, through the trace.
  return 'event-loop'
}

/** A lesson file with what the view shows beside it. */
export interface LessonEntry extends Lesson {
  group: LessonGroupId
  /** The code after the header, and the file line it starts on (for error lines). */
  body: string
  bodyStartLine: number
}

/** Splits the header's `//` lines from the code that runs. */
export function lessonBody(source: string): { body: string; startLine: number } {
  const lines = source.split('\n')
  let index = 0
  while (index < lines.length && (lines[index] as string).startsWith('//')) index++
  return { body: lines.slice(index).join('\n').trimEnd(), startLine: index + 1 }
}

function loadLessons(): LessonEntry[] {
  return Object.entries(SOURCES)
    .map(([path, source]) => {
      const slug = (path.split('/').pop() ?? path).replace(/\.js$/, '')
      const lesson = parseLesson(slug, source)
      const { body, startLine } = lessonBody(source)
      return { ...lesson, group: lessonGroupOf(slug), body, bodyStartLine: startLine }
    })
    .sort((a, b) => a.slug.localeCompare(b.slug))
}

export const LESSONS: readonly LessonEntry[] = loadLessons()

export function findLesson(slug: string): LessonEntry | undefined {
  return LESSONS.find((lesson) => lesson.slug === slug)
}
