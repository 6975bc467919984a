import type { Route } from '../protocol/outcome'

/** The file name QuickJS reports in stack frames of the user's code. */
export const SCRIPT_FILE = 'script.js'

/**
 * Wraps the user's code as the body of a function that receives `input`.
 * The prefix sits on the first line so that line numbers stay the user's own;
 * only columns on line 1 shift, by {@link wrapperColumnOffset}.
 */
export function wrapScript(code: string, route: Route): string {
  return `${prefixFor(route)}${code}\n})`
}

export function wrapperColumnOffset(route: Route): number {
  return prefixFor(route).length
}

function prefixFor(route: Route): string {
  return route === 'loop' ? '(async function (input) {' : '(function (input) {'
}
