import { FAULTS_TOPIC, GATES_TOPIC, LESSONS, MATRIX_TOPIC, findLesson } from '../../lessons/catalog'
import { useAppStore } from '../../store/context'
import { selectSelectLesson, selectSelectedLesson } from '../../store/slices/lessons/selectors'
import { FaultsLesson } from './FaultsLesson'
import { GatesLesson } from './GatesLesson'
import { LeakMatrixLesson } from './LeakMatrixLesson'
import { LessonDetail } from './LessonDetail'
import { LessonList } from './LessonList'

/**
 * The lessons: what the sandbox stops, run by run. Each lesson is a script
 * from lessons/ with its expectation in its header; running it shows the
 * outcome beside the expectation and what the core did inside.
 */
export function Lessons() {
  const selectedSlug = useAppStore(selectSelectedLesson)
  const selectLesson = useAppStore(selectSelectLesson)
  const selected = selectedSlug ?? LESSONS[0]?.slug ?? GATES_TOPIC
  const lesson = findLesson(selected)

  let detail
  if (selected === GATES_TOPIC) detail = <GatesLesson />
  else if (selected === MATRIX_TOPIC) detail = <LeakMatrixLesson />
  else if (selected === FAULTS_TOPIC) detail = <FaultsLesson />
  else if (lesson) detail = <LessonDetail key={lesson.slug} lesson={lesson} />
  else detail = <p className="placeholder">There is no lesson “{selected}”.</p>

  return (
    <main className="lessons" aria-label="Lessons">
      <LessonList selected={selected} onSelect={selectLesson} />
      <div className="lessons-main">{detail}</div>
    </main>
  )
}
