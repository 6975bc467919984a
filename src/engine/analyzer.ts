import { parse } from 'acorn'
import type { Node } from 'acorn'
import { full } from 'acorn-walk'
import type { Route } from '../protocol/outcome'

export interface RouteDecision {
  route: Route
  /** Why, in words a user reads next to the result. */
  reason: string
  /**
   * Whether the code may throw null on purpose (a `throw` of anything but a
   * new object). Without one, a null thrown from a run means the engine ran
   * out of memory while building the error itself.
   */
  mayThrowNull: boolean
}

export interface ParseFailure {
  message: string
  line: number
  column: number
}

const TIMER_NAMES = new Set(['setTimeout', 'setInterval', 'queueMicrotask'])

/**
 * Reads the script with a real parser and picks its route: `loop` for code
 * that uses await, async functions, promises or timers, `pool` otherwise.
 * Strings and comments never count: only syntax does.
 */
export function analyze(code: string): RouteDecision | ParseFailure {
  let ast: Node
  try {
    ast = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      locations: true,
    })
  } catch (error) {
    const e = error as SyntaxError & { loc?: { line: number; column: number } }
    return {
      message: e.message.replace(/\s*\(\d+:\d+\)$/, ''),
      line: e.loc?.line ?? 1,
      column: (e.loc?.column ?? 0) + 1,
    }
  }

  let reason: string | undefined
  const found = (why: string, node: Node): void => {
    reason ??= `${why} (line ${node.loc?.start.line ?? '?'})`
  }
  let mayThrowNull = false
  full(ast, (node) => {
    if (node.type === 'ThrowStatement') {
      const argument = (node as Node & { argument: Node }).argument
      if (argument.type !== 'NewExpression' && argument.type !== 'ObjectExpression')
        mayThrowNull = true
    }
    if (reason) return
    switch (node.type) {
      case 'AwaitExpression':
        return found('uses await', node)
      case 'ForOfStatement':
        if ((node as Node & { await?: boolean }).await) found('uses for await', node)
        return
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if ((node as Node & { async?: boolean }).async) found('declares an async function', node)
        return
      case 'Identifier': {
        const name = (node as Node & { name: string }).name
        if (name === 'Promise') found('uses Promise', node)
        else if (TIMER_NAMES.has(name)) found(`uses ${name}`, node)
        return
      }
      case 'MemberExpression': {
        const member = node as Node & { computed: boolean; property: Node & { name?: string } }
        if (!member.computed && member.property.name === 'then') found('calls .then', node)
        return
      }
    }
  })
  return reason
    ? { route: 'loop', reason: `${reason}: runs on the event loop`, mayThrowNull }
    : {
        route: 'pool',
        reason: 'synchronous code (no await, async function, promise or timer): runs on the pool',
        mayThrowNull,
      }
}

export function isParseFailure(result: RouteDecision | ParseFailure): result is ParseFailure {
  return 'message' in result
}
