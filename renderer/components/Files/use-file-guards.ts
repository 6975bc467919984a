import { useEffect } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/context'
import { selectAnyTabDirty } from '../../store/slices/documents/selectors'
import { pasteTooLarge } from '../../store/slices/file/document'
import type { PasteTarget } from '../../store/slices/file/document'
import { selectFileDirty, selectFileName } from '../../store/slices/file/selectors'
import { fileShortcutAction } from '../FilesMenu/file-shortcuts'

/** `● sum.js — Gatehouse` while there are unsaved changes, `sum.js — Gatehouse` after. */
export function useDocumentTitle(): void {
  const name = useAppStore(selectFileName)
  const dirty = useAppStore(selectFileDirty)
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name} — Gatehouse`
  }, [name, dirty])
}

/**
 * Ctrl/Cmd+N, O, S and Shift+S in the browser edition, while the page has
 * the focus (the desktop app's menu owns them there, and sends commands).
 */
export function useFileShortcuts(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    if (store.getState().desktopMenu) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !document.hasFocus()) return
      const action = fileShortcutAction(event)
      if (!action) return
      event.preventDefault()
      const state = store.getState()
      // Another dialog is up (the picker, a question, the settings): it has the keyboard.
      if (state.picker || state.filePrompt || state.settingsOpen) return
      if (action === 'new') state.newFile()
      else if (action === 'open') void state.openFile()
      else if (action === 'save') void state.saveFile()
      else void state.saveFileAs()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}

/** The browser asks before leaving a page with unsaved changes in any tab (the desktop app asks on close itself). */
export function useBeforeUnloadGuard(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    if (store.getState().desktopMenu) return
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!selectAnyTabDirty(store.getState())) return
      event.preventDefault()
      // Older Chromium asks only when returnValue is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [store])
}

function pasteTarget(target: EventTarget | null): PasteTarget | null {
  if (!(target instanceof Element)) return null
  if (target.closest('.panel-editor')) return 'script'
  if (target.closest('.panel-input')) return 'input'
  return null
}

/**
 * Refuses a paste into the script or the input that could never be saved or
 * run (a 100 MB log pasted by mistake) before the editor takes it in, and
 * says why. Listens in the capture phase, ahead of Monaco.
 */
export function usePasteGuard(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const target = pasteTarget(event.target)
      if (!target) return
      const text = event.clipboardData?.getData('text/plain') ?? ''
      const problem = pasteTooLarge(target, text)
      if (!problem) return
      event.preventDefault()
      event.stopImmediatePropagation()
      store.getState().showFileNotice({
        tone: 'error',
        title: target === 'script' ? 'Paste refused' : 'Paste into the input refused',
        message: problem,
      })
    }
    window.addEventListener('paste', onPaste, true)
    return () => window.removeEventListener('paste', onPaste, true)
  }, [store])
}
