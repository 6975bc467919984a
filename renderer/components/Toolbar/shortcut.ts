const isApple =
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
