const isApple = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

/** How the run shortcut is written on this platform. */
export const RUN_SHORTCUT_LABEL = isApple ? '⌘↵' : 'Ctrl+Enter'

/** True for Ctrl+Enter, or Cmd+Enter on a Mac. */
export function isRunShortcut(event: KeyboardEvent): boolean {
  return (
    event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey
  )
}
