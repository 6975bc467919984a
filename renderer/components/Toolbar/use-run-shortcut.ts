import { useEffect } from 'react'
import { useAppStoreApi } from '../../store/context'
import { isRunShortcut } from './shortcut'

/**
 * Ctrl/Cmd+Enter runs from anywhere in the window. Inside Monaco the editor's
 * own action handles it first (Monaco would otherwise insert a line).
 */
export function useRunShortcut(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isRunShortcut(event)) return
      event.preventDefault()
      void store.getState().startRun()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}
