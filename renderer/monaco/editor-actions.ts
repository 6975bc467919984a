import type { editor } from 'monaco-editor/editor/editor.api'
import { isApple } from '../components/Toolbar/shortcut'
import { runViewAction, stopViewAction } from '../components/Toolbar/view-action'
import type { AppStore } from '../store'
import type { Monaco } from './monaco-api'

/**
 * Run and Stop inside an editor. Monaco sees the keys before the window does
 * (and would insert a line on Ctrl+Enter), so each editor binds them itself;
 * the window's handler skips events Monaco already handled.
 */
export function addRunActions(
  instance: editor.IStandaloneCodeEditor,
  monaco: Pick<Monaco, 'KeyMod' | 'KeyCode'>,
  store: AppStore,
): void {
  const { KeyMod, KeyCode } = monaco
  instance.addAction({
    id: 'gatehouse.run',
    label: 'Gatehouse: Run Script',
    keybindings: [KeyMod.CtrlCmd | KeyCode.Enter, KeyCode.F5],
    run: () => void runViewAction(store.getState()),
  })
  instance.addAction({
    id: 'gatehouse.stop',
    label: 'Gatehouse: Stop Runs',
    keybindings: [KeyMod.Shift | KeyCode.F5],
    run: () => void stopViewAction(store.getState()),
  })
  addTabMovesFocus(instance, monaco, store)
}

/**
 * Tab inside the editor inserts a tab, or moves the focus on (Monaco's
 * tabFocusMode). The store owns the choice, shown by the toolbar's toggle;
 * Ctrl+M (Monaco's own key for it) flips it there, so the toggle, the window
 * shortcut and every editor agree.
 */
function addTabMovesFocus(
  instance: editor.IStandaloneCodeEditor,
  { KeyMod, KeyCode }: Pick<Monaco, 'KeyMod' | 'KeyCode'>,
  store: AppStore,
): void {
  instance.updateOptions({ tabFocusMode: store.getState().tabMovesFocus })
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.tabMovesFocus !== previous.tabMovesFocus)
      instance.updateOptions({ tabFocusMode: state.tabMovesFocus })
  })
  instance.onDidDispose(unsubscribe)
  instance.addAction({
    id: 'gatehouse.toggleTabMovesFocus',
    label: 'Gatehouse: Toggle Tab Moves Focus',
    keybindings: [
      isApple ? KeyMod.WinCtrl | KeyMod.Shift | KeyCode.KeyM : KeyMod.CtrlCmd | KeyCode.KeyM,
    ],
    run: () => {
      const state = store.getState()
      state.setTabMovesFocus(!state.tabMovesFocus)
    },
  })
}
