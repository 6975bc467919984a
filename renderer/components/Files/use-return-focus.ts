import { useEffect } from 'react'
import { focusActiveDocumentTab } from '../DocumentTabs'

/**
 * Gives the focus back when a dialog goes: to the control that had it when
 * the dialog opened (the File button, the editor), or, when that control is
 * gone (the tab it belonged to was closed), to the tab now in front.
 */
export function useReturnFocus(): void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    return () => {
      // After the dialog's own close, which may move the focus itself.
      requestAnimationFrame(() => {
        // Another dialog (Save As after "Save?") or the browser already placed it.
        if (document.activeElement && document.activeElement !== document.body) return
        if (opener?.isConnected && opener !== document.body) opener.focus()
        else focusActiveDocumentTab()
      })
    }
  }, [])
}
