import { useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import type { editor } from 'monaco-editor/editor/editor.api'
import type { AppStore } from '../../store'
import { useAppStore } from '../../store/context'

/**
 * One editor serves every tab (one model per language, so the TypeScript
 * service never sees two tabs' top-level names clash). When another tab
 * comes to the front, the tab leaving keeps its cursor and scroll, the one
 * arriving gets its own back, and its undo history starts afresh: Ctrl+Z
 * never brings back another tab's text.
 */
export function useTabSwitch(
  editorRef: RefObject<editor.IStandaloneCodeEditor | null>,
  store: AppStore,
): void {
  const activeTabId = useAppStore((state) => state.activeTabId)
  const viewStates = useRef(new Map<string, editor.ICodeEditorViewState | null>())
  const shownTabId = useRef(activeTabId)

  // Before the switch renders: the store calls this synchronously, while the editor still shows the old tab.
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.activeTabId === previous.activeTabId) return
        const instance = editorRef.current
        if (instance) viewStates.current.set(previous.activeTabId, instance.saveViewState())
        // A closed tab's view state goes with it.
        for (const id of viewStates.current.keys())
          if (!state.tabs.some((tab) => tab.id === id)) viewStates.current.delete(id)
      }),
    [store, editorRef],
  )

  // After the editor took the new tab's text (its own effect runs first).
  useEffect(() => {
    if (shownTabId.current === activeTabId) return
    shownTabId.current = activeTabId
    const instance = editorRef.current
    const model = instance?.getModel()
    if (!instance || !model) return
    // setValue resets the undo stack; the text is already the new tab's.
    model.setValue(store.getState().code)
    const saved = viewStates.current.get(activeTabId)
    if (saved) instance.restoreViewState(saved)
    else instance.setPosition({ lineNumber: 1, column: 1 })
  }, [activeTabId, editorRef, store])
}
