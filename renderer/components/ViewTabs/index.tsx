import { useAppStore } from '../../store/context'
import { selectSetView, selectView } from '../../store/slices/ui/selectors'
import type { AppView } from '../../store/slices/ui/types'

const VIEWS: { view: AppView; label: string; title: string }[] = [
  { view: 'playground', label: 'Playground', title: 'Write a script, run it, watch the gate' },
  {
    view: 'stress',
    label: 'Stress lab',
    title: 'Thousands of runs, faults mixed in, live charts and an audit',
  },
  { view: 'lessons', label: 'Lessons', title: 'What the sandbox stops, and how' },
]

/** Switches between the window's views; the gate and the runs go on underneath. */
export function ViewTabs() {
  const view = useAppStore(selectView)
  const setView = useAppStore(selectSetView)
  return (
    <nav aria-label="Views" className="view-tabs">
      {VIEWS.map((v) => (
        <button
          key={v.view}
          type="button"
          className="view-tab"
          aria-current={view === v.view ? 'page' : undefined}
          title={v.title}
          onClick={() => setView(v.view)}
        >
          {v.label}
        </button>
      ))}
    </nav>
  )
}
