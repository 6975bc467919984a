/**
 * The Result panel's tree, as data. A run's value arrives as plain JSON in
 * which the sandbox encoded what JSON cannot hold (src/sandbox/prelude.ts):
 * `"[Circular]"`, `"[Function f]"`, `"10n"`, `"[undefined]"`, `{"[Map]": [[k, v]]}`,
 * `{"[Set]": [...]}`, `{"[Error]": {name, message, stack}}`, `{"[Uint8Array]": [...]}`.
 * This module reads those markers back into typed nodes. Children are built
 * only when a node is expanded, so a 5 MB result costs nothing until opened.
 */

export type JsonNodeType =
  | 'object'
  | 'array'
  | 'map'
  | 'set'
  | 'error'
  | 'typed-array'
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | 'undefined'
  | 'bigint'
  | 'function'
  | 'symbol'
  | 'circular'
  | 'date'
  | 'opaque'
  /** An error's stack: shown as its lines, not as one escaped string. */
  | 'stack'

export interface JsonNode {
  /** Stable identity within the tree: `$`, `$.items`, `$.items[3]`. */
  path: string
  /** The property name, index or map key shown before the value; null for the root. */
  key: string | null
  depth: number
  type: JsonNodeType
  /** The type as shown in the badge: `object`, `array`, `Map`, `Uint8Array`, `bigint`... */
  typeLabel: string
  /** One line: the value of a leaf, a summary of a container. */
  preview: string
  /** How many children it has when expanded; 0 for a leaf. */
  childCount: number
  /** The raw JSON value the node stands for (the marker's payload for markers). */
  value: unknown
}

type Marker = { type: JsonNodeType; typeLabel: string; preview: string }

const CONTAINER_TYPES: ReadonlySet<JsonNodeType> = new Set([
  'object',
  'array',
  'map',
  'set',
  'error',
  'typed-array',
])

export function isContainer(node: JsonNode): boolean {
  return CONTAINER_TYPES.has(node.type) && node.childCount > 0
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The single key of a marker object such as `{"[Map]": ...}`, or null. */
function markerKey(value: Record<string, unknown>): string | null {
  const keys = Object.keys(value)
  if (keys.length !== 1) return null
  const key = keys[0] as string
  return /^\[[A-Za-z0-9]+\]$/.test(key) ? key.slice(1, -1) : null
}

/** A string the sandbox wrote in place of something JSON cannot hold, or null for a real string. */
export function readStringMarker(text: string): Marker | null {
  if (text === '[Circular]')
    return { type: 'circular', typeLabel: 'circular', preview: '[Circular]' }
  if (text === '[undefined]')
    return { type: 'undefined', typeLabel: 'undefined', preview: 'undefined' }
  if (/^-?\d+n$/.test(text)) return { type: 'bigint', typeLabel: 'bigint', preview: text }
  const fn = /^\[Function (.*)\]$/s.exec(text)
  if (fn) return { type: 'function', typeLabel: 'function', preview: `ƒ ${fn[1]}()` }
  if (/^\[Symbol\(.*\)\]$/s.test(text))
    return { type: 'symbol', typeLabel: 'symbol', preview: text.slice(1, -1) }
  if (text === 'NaN' || text === 'Infinity' || text === '-Infinity')
    return { type: 'number', typeLabel: 'number', preview: text }
  if (text === '[Invalid Date]') return { type: 'date', typeLabel: 'Date', preview: 'Invalid Date' }
  const opaque =
    /^\[(Promise|WeakMap|WeakSet|WeakRef|ArrayBuffer|SharedArrayBuffer)(?: (\d+) bytes)?\]$/.exec(
      text,
    )
  if (opaque) {
    const bytes = opaque[2] !== undefined ? ` (${opaque[2]} bytes)` : ''
    return { type: 'opaque', typeLabel: opaque[1] as string, preview: `${opaque[1]}${bytes}` }
  }
  const thrown = /^\[Thrown: (.*)\]$/s.exec(text)
  if (thrown) return { type: 'opaque', typeLabel: 'getter threw', preview: thrown[1] as string }
  return null
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`

/** Builds the node for `value`; children come from {@link childNodes}. */
export function describeValue(
  value: unknown,
  key: string | null = null,
  path = '$',
  depth = 0,
): JsonNode {
  const node = (
    type: JsonNodeType,
    typeLabel: string,
    preview: string,
    childCount = 0,
    raw = value,
  ) => ({ path, key, depth, type, typeLabel, preview, childCount, value: raw }) satisfies JsonNode

  if (value === undefined) return node('undefined', 'undefined', 'undefined')
  if (value === null) return node('null', 'null', 'null')
  switch (typeof value) {
    case 'string': {
      const marker = readStringMarker(value)
      if (marker) return node(marker.type, marker.typeLabel, marker.preview)
      return node('string', 'string', JSON.stringify(value))
    }
    case 'number':
      return node('number', 'number', String(value))
    case 'boolean':
      return node('boolean', 'boolean', String(value))
  }
  if (Array.isArray(value)) return node('array', 'array', `Array(${value.length})`, value.length)
  if (!isPlainObject(value)) return node('opaque', typeof value, String(value))

  const marker = markerKey(value)
  const payload = marker ? value[`[${marker}]`] : undefined
  if (marker === 'Map' && Array.isArray(payload))
    return node('map', 'Map', `Map(${payload.length})`, payload.length, payload)
  if (marker === 'Set' && Array.isArray(payload))
    return node('set', 'Set', `Set(${payload.length})`, payload.length, payload)
  if (marker === 'Error' && isPlainObject(payload)) {
    const name = typeof payload.name === 'string' ? payload.name : 'Error'
    const message = typeof payload.message === 'string' ? payload.message : ''
    return node(
      'error',
      name,
      message ? `${name}: ${message}` : name,
      Object.keys(payload).length,
      payload,
    )
  }
  if (marker && /Array$/.test(marker) && Array.isArray(payload))
    return node('typed-array', marker, `${marker}(${payload.length})`, payload.length, payload)

  const keys = Object.keys(value)
  return node('object', 'object', `{${plural(keys.length, 'key')}}`, keys.length)
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`
}

/** A map key as a label: primitives as themselves, anything else by its summary. */
function mapKeyLabel(key: unknown): string {
  const described = describeValue(key)
  return described.preview
}

/**
 * The children of a container node, `offset` to `offset + limit`: a long
 * array shows its first hundred items and a "show more", never ten thousand rows.
 */
export function childNodes(node: JsonNode, offset = 0, limit = Infinity): JsonNode[] {
  const depth = node.depth + 1
  const end = (length: number) => Math.min(length, offset + limit)
  const out: JsonNode[] = []
  switch (node.type) {
    case 'array':
    case 'set':
    case 'typed-array': {
      const items = node.value as unknown[]
      for (let i = offset; i < end(items.length); i++)
        out.push(describeValue(items[i], String(i), childPath(node.path, i), depth))
      return out
    }
    case 'map': {
      const entries = node.value as unknown[]
      for (let i = offset; i < end(entries.length); i++) {
        const entry = entries[i]
        const [k, v] = Array.isArray(entry) ? entry : [entry, undefined]
        out.push(describeValue(v, `${mapKeyLabel(k)} →`, `${node.path}[${i}]`, depth))
      }
      return out
    }
    case 'object':
    case 'error': {
      const record = node.value as Record<string, unknown>
      const keys = Object.keys(record)
      for (let i = offset; i < end(keys.length); i++) {
        const key = keys[i] as string
        const value = record[key]
        const path = childPath(node.path, key)
        if (node.type === 'error' && key === 'stack' && typeof value === 'string')
          out.push({
            path,
            key,
            depth,
            type: 'stack',
            typeLabel: 'stack',
            // One frame a line, without the engine's indent.
            preview: value
              .split('\n')
              .map((frame) => frame.trim())
              .filter((frame) => frame !== '')
              .join('\n'),
            childCount: 0,
            value,
          })
        else out.push(describeValue(value, key, path, depth))
      }
      return out
    }
    default:
      return out
  }
}

/** Which nodes start expanded: the root and its direct children, when small. */
export function initiallyExpanded(node: JsonNode): boolean {
  return node.depth === 0 || (node.depth === 1 && node.childCount <= 20)
}
