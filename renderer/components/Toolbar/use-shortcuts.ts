import { useEffect } from 'react'
import { useAppStoreApi } from '../../store/context'
import { shortcutAction } from './shortcut'

/**
 * Run (Ctrl/Cmd+Enter, F5) and Stop (Shift+F5) from anywhere in the window;
 * F5 would otherwise reload the page. Inside Monaco the editor's own actions
 * handle the keys first and mark the event handled.
 */
export function useShortcuts(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const action = shortcutAction(event)
      if (!action) return
      event.preventDefault()
      if (action === 'run') void store.getState().startRun()
      else void store.getState().stopRuns()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}
