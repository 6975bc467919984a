import { useEffect } from 'react'
import { useAppStoreApi } from '../../store/context'
import { shortcutAction, isTabFocusToggle } from './shortcut'
import { runViewAction, stopViewAction } from './view-action'

/**
 * The window's keys, from anywhere: Ctrl/Cmd+Enter and F5 do the current
 * view's action (F5 would otherwise reload the page), Shift+F5 stops the
 * playground's runs, Ctrl+M switches what Tab does in the editors. Inside
 * Monaco the editor's own actions handle the keys first and mark the event
 * handled.
 */
export function useShortcuts(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      if (isTabFocusToggle(event)) {
        event.preventDefault()
        const state = store.getState()
        state.setTabMovesFocus(!state.tabMovesFocus)
        return
      }
      const action = shortcutAction(event)
      if (!action) return
      event.preventDefault()
      if (action === 'run') runViewAction(store.getState())
      else stopViewAction(store.getState())
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}
