export const isApple =
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

/** How the run shortcut is written on this platform. */
export const RUN_SHORTCUT_LABEL = isApple ? '⌘↵' : 'Ctrl+Enter'
export const STOP_SHORTCUT_LABEL = 'Shift+F5'

/** For aria-keyshortcuts. */
export const RUN_KEYSHORTCUTS = 'Control+Enter Meta+Enter F5'
export const STOP_KEYSHORTCUTS = 'Shift+F5'

export type ShortcutAction = 'run' | 'stop'

/** Ctrl/Cmd+Enter or F5 run; Shift+F5 stops. */
export function shortcutAction(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): ShortcutAction | null {
  if (event.altKey) return null
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.shiftKey) return 'run'
  if (event.key === 'F5' && !event.ctrlKey && !event.metaKey) return event.shiftKey ? 'stop' : 'run'
  return null
}

/** How the Tab-moves-focus shortcut is written (Monaco's own key for tabFocusMode). */
export const TAB_FOCUS_SHORTCUT_LABEL = isApple ? '⌃⇧M' : 'Ctrl+M'
export const TAB_FOCUS_KEYSHORTCUTS = isApple ? 'Control+Shift+M' : 'Control+M'

/** Ctrl+M (Ctrl+Shift+M on a Mac, as in Monaco and VS Code): Tab moves focus, or inserts a tab. */
export function isTabFocusToggle(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): boolean {
  if (event.altKey || event.metaKey || !event.ctrlKey) return false
  if (event.key.toLowerCase() !== 'm') return false
  return isApple ? event.shiftKey : !event.shiftKey
}
