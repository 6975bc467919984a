import type { LessonGroupId } from '../../lessons/catalog'
import {
  FAULTS_TOPIC,
  GATES_TOPIC,
  LESSON_GROUPS,
  LESSONS,
  MATRIX_TOPIC,
} from '../../lessons/catalog'
import { lessonVerdict } from '../../lessons/expectation'
import { comparisonMeets } from '../../lessons/gate-verdicts'
import { matrixVerdict } from '../../lessons/matrix-verdict'
import type { Verdict } from '../../lessons/expectation'
import { useAppStore } from '../../store/context'
import {
  selectGateComparison,
  selectLeakMatrix,
  selectLessonAttempts,
} from '../../store/slices/lessons/selectors'

interface ListItem {
  slug: string
  title: string
  verdict: Verdict | null
}

const MARK: Record<Verdict, { text: string; label: string }> = {
  met: { text: '✓', label: 'expectation met' },
  'not-met': { text: '✗', label: 'expectation not met' },
  pending: { text: '…', label: 'running' },
}

interface LessonListProps {
  selected: string
  onSelect: (slug: string) => void
}

/** Every lesson by topic, each marked once it ran: met, not met, or running. */
export function LessonList({ selected, onSelect }: LessonListProps) {
  const attempts = useAppStore(selectLessonAttempts)
  const comparison = useAppStore(selectGateComparison)
  const matrix = useAppStore(selectLeakMatrix)

  const itemsOf = (group: LessonGroupId): ListItem[] => {
    if (group === 'semaphores')
      return [
        {
          slug: GATES_TOPIC,
          title: 'Semaphore leaks: the gates compared',
          verdict:
            comparison.status === 'running'
              ? 'pending'
              : comparison.verdicts.length > 0
                ? comparisonMeets(comparison.verdicts)
                  ? 'met'
                  : 'not-met'
                : null,
        },
        {
          slug: MATRIX_TOPIC,
          title: 'The leak matrix: every path a run can take',
          verdict: matrixVerdict(matrix),
        },
      ]
    if (group === 'faults')
      return [{ slug: FAULTS_TOPIC, title: 'Fault injection and recovery', verdict: null }]
    return LESSONS.filter((lesson) => lesson.group === group).map((lesson) => {
      const attempt = attempts[lesson.slug]
      return {
        slug: lesson.slug,
        title: lesson.title,
        verdict: attempt
          ? lessonVerdict(
              lesson,
              attempt.runs.map((run) => run.outcome),
            )
          : null,
      }
    })
  }

  return (
    <nav className="lessons-nav" aria-label="Lesson list">
      {LESSON_GROUPS.map((group) => (
        // "Faults lessons", not "Faults": the gate beside the lessons has a Faults region too.
        <section key={group.id} className="lessons-group" aria-label={`${group.title} lessons`}>
          <h2 className="lessons-group-title" title={group.summary}>
            {group.title}
          </h2>
          <ul className="lessons-items">
            {itemsOf(group.id).map((item) => (
              <li key={item.slug}>
                <button
                  type="button"
                  className="lessons-item"
                  aria-current={item.slug === selected ? 'page' : undefined}
                  onClick={() => onSelect(item.slug)}
                >
                  <span className="lessons-item-title">{item.title}</span>
                  {item.verdict && (
                    <span
                      className={`lessons-item-mark mark-${item.verdict}`}
                      aria-label={MARK[item.verdict].label}
                      title={MARK[item.verdict].label}
                    >
                      {MARK[item.verdict].text}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  )
}
