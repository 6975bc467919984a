import { useEffect } from 'react'
import { useAppStoreApi } from '../../store/context'
import type { Store } from '../../store/store-types'

/** The dialogs whose opener gets the focus back when they close. */
const DIALOG_OPEN: readonly ((state: Store) => boolean)[] = [
  (state) => state.settingsOpen,
  (state) => state.picker !== null,
]

/**
 * Focus goes back to the control that opened a dialog (Settings, the Open
 * picker) when it closes. The store flips a dialog open inside the opener's
 * own event handler, before React renders the dialog and moves the focus into
 * it, so the element focused at that moment is the opener; a shortcut or a
 * menu leaves the editor focused, which gets it back the same way.
 */
export function useDialogFocusReturn(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const openers: (Element | null)[] = DIALOG_OPEN.map(() => null)
    return store.subscribe((state, previous) => {
      DIALOG_OPEN.forEach((isOpen, index) => {
        const now = isOpen(state)
        if (now === isOpen(previous)) return
        if (now) {
          openers[index] = document.activeElement
          return
        }
        const opener = openers[index]
        openers[index] = null
        // After React has removed the dialog, or the focus would be taken back by it.
        requestAnimationFrame(() => {
          if (opener instanceof HTMLElement && opener.isConnected) opener.focus()
        })
      })
    })
  }, [store])
}
