import { GATES_TOPIC, LESSONS, findLesson } from '../../lessons/catalog'
import type { Store } from '../../store/store-types'
import { selectStressControls } from '../../store/slices/stress/selectors'

/**
 * What Ctrl/Cmd+Enter and F5 do: the action of the view on screen, never
 * that of a hidden one. The playground runs its script, the Lessons view runs
 * the lesson it shows (or compares the gates), the Stress lab starts the
 * stress. Returns what it did, or null when the view has nothing to start now.
 */
export function runViewAction(state: Store): 'run' | 'lesson' | 'compare' | 'stress' | null {
  switch (state.view) {
    case 'playground':
      void state.startRun()
      return 'run'
    case 'stress':
      if (!selectStressControls(state).canStart) return null
      void state.startStress()
      return 'stress'
    case 'lessons': {
      if (state.connection.status !== 'open') return null
      // The same lesson the view shows when none was picked yet.
      const slug = state.selectedLesson ?? LESSONS[0]?.slug ?? GATES_TOPIC
      if (slug === GATES_TOPIC) {
        void state.compareGates()
        return 'compare'
      }
      const lesson = findLesson(slug)
      if (!lesson || state.lessonAttempts[slug]?.status === 'running') return null
      void state.runLesson(lesson)
      return 'lesson'
    }
  }
}

/** What Shift+F5 does: stop the playground's runs, only while the playground is on screen. */
export function stopViewAction(state: Store): boolean {
  if (state.view !== 'playground') return false
  void state.stopRuns()
  return true
}
