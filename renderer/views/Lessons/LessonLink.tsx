import type { RunError } from '../../../src/protocol/outcome'
import { FAULTS_TOPIC, GATES_TOPIC, findLesson } from '../../lessons/catalog'
import { lessonForError } from '../../lessons/error-lessons'
import { useAppStore } from '../../store/context'
import { selectOpenLesson } from '../../store/slices/lessons/selectors'

const TOPIC_TITLES: Record<string, string> = {
  [GATES_TOPIC]: 'Semaphore leaks: the gates compared',
  [FAULTS_TOPIC]: 'Fault injection and recovery',
}

/** A link from an error to the lesson that explains it, in the Lessons view. */
export function LessonLink({ error }: { error: RunError }) {
  const openLesson = useAppStore(selectOpenLesson)
  const slug = lessonForError(error)
  if (!slug) return null
  const title = findLesson(slug)?.title ?? TOPIC_TITLES[slug]
  if (!title) return null
  return (
    <p className="result-error-lesson">
      <span className="result-error-lesson-label">Lesson</span>
      <button
        type="button"
        className="link-button"
        title="Open this lesson in the Lessons view"
        onClick={() => openLesson(slug)}
      >
        {title} →
      </button>
    </p>
  )
}
