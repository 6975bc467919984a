import { useAppStore } from '../../store/context'
import { selectSetTabMovesFocus, selectTabMovesFocus } from '../../store/slices/ui/selectors'
import { TAB_FOCUS_KEYSHORTCUTS, TAB_FOCUS_SHORTCUT_LABEL } from './shortcut'

/**
 * What Tab does in the editors: insert a tab, or move the focus on (so a
 * keyboard user is never trapped in Monaco). Its state is on the button, and
 * Ctrl+M flips it from anywhere, inside the editors too.
 */
export function TabFocusToggle() {
  const on = useAppStore(selectTabMovesFocus)
  const setOn = useAppStore(selectSetTabMovesFocus)
  return (
    <button
      type="button"
      className={`button button-toggle${on ? ' is-on' : ''}`}
      aria-pressed={on}
      aria-keyshortcuts={TAB_FOCUS_KEYSHORTCUTS}
      title={
        on
          ? `Tab moves the focus out of the editors; press ${TAB_FOCUS_SHORTCUT_LABEL} to make Tab indent again`
          : `Tab indents in the editors; press ${TAB_FOCUS_SHORTCUT_LABEL} to make Tab move the focus`
      }
      onClick={() => setOn(!on)}
    >
      Tab moves focus
      <span className="toggle-state" aria-hidden="true">
        {on ? 'on' : 'off'}
      </span>
      <kbd className="button-kbd" aria-hidden="true">
        {TAB_FOCUS_SHORTCUT_LABEL}
      </kbd>
    </button>
  )
}
