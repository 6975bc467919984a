/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts
 * the sequences that clear the screen, move the cursor or retitle the
 * window; CR returns to the line start), DEL, C1 controls (0x9B is a
 * one-byte CSI to some terminals), the line and paragraph separators, and
 * the bidirectional overrides that make text read differently from how it
 * is stored. Newline and tab are handled by the caller.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

function visible(char: string): string {
  const code = char.charCodeAt(0)
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`
}

/**
 * Text a script controls (console lines, error messages, values), made safe
 * to print: every unsafe character is shown as an escape (`\x1b`), and each
 * line after the first starts with `indent`, so no script can write at the
 * start of a line of its own and pass it off as Gatehouse's.
 */
export function escapeForTerminal(text: string, indent = ''): string {
  const escaped = text.replace(UNSAFE, visible)
  return indent === '' ? escaped : escaped.split('\n').join(`\n${indent}`)
}
