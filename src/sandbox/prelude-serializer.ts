import { BUILTINS_HEADER } from './prelude-builtins'
import { MAX_DEPTH } from './prelude-limits'

/**
 * The sandbox part that turns any value into JSON text (see prelude.ts),
 * compiled the first time a run logs or returns an object. What JSON cannot
 * hold becomes a marker: "[Function f]", "[Circular]", "10n", "[undefined]",
 * {"[Map]": [[k, v]...]}, {"[Set]": [...]}, {"[Error]": {name, message, stack}},
 * {"[Uint8Array]": [...]}; the renderer reads them back (renderer/json-tree).
 * `serialize` returns undefined when the value nests deeper than MAX_DEPTH.
 */
export const SERIALIZER_PART = String.raw`(function (B) {
  'use strict'
  ${BUILTINS_HEADER}
  var TOO_DEEP = {}

  function isProtoOf(proto, v) {
    for (var p = getProto(v); p !== null; p = getProto(p)) if (p === proto) return true
    return false
  }
  function dataString(o, key) {
    var d = ownDescriptor(o, key)
    return d && typeof d.value === 'string' ? d.value : undefined
  }
  function box(key, value) {
    var o = { __proto__: null }
    o[key] = value
    return o
  }

  function jsonSafe(value) {
    var ancestors = setProto([], null), open = 0
    function walk(v, depth) {
      switch (typeof v) {
        case 'undefined': return '[undefined]'
        case 'boolean': case 'string': return v
        case 'number': return v === v && v !== 1 / 0 && v !== -1 / 0 ? v : String_(v)
        case 'bigint': return String_(v) + 'n'
        case 'symbol': return '[' + String_(v) + ']'
        case 'function': return '[Function ' + (dataString(v, 'name') || 'anonymous') + ']'
      }
      if (v === null) return null
      if (depth > ${MAX_DEPTH}) throw TOO_DEEP
      for (var a = 0; a < open; a++) if (ancestors[a] === v) return '[Circular]'
      ancestors[open++] = v
      try {
        var tag = apply(strSlice, apply(toStr, v, []), [8, -1])
        var out, n
        if (tag === 'Date') {
          var t = apply(dateTime, v, [])
          return t === t ? apply(dateIso, v, []) : '[Invalid Date]'
        }
        if (isError(v)) {
          var e = { __proto__: null, name: String_(v.name), message: String_(v.message) }
          var stack = dataString(v, 'stack')
          if (stack) e.stack = stack
          return box('[Error]', e)
        }
        if (isProtoOf(mapProto, v)) {
          // forEach hands over key and value: no entry array, whose making a setter on Array.prototype could see.
          out = setProto([], null), n = 0
          apply(mapForEach, v, [function (item, key) { out[n++] = setProto([walk(key, depth + 1), walk(item, depth + 1)], null) }])
          return box('[Map]', out)
        }
        if (isProtoOf(setProto_, v)) {
          out = setProto([], null), n = 0
          apply(setForEach, v, [function (item) { out[n++] = walk(item, depth + 1) }])
          return box('[Set]', out)
        }
        if (tag === 'ArrayBuffer' || tag === 'SharedArrayBuffer') return '[' + tag + ' ' + v.byteLength + ' bytes]'
        if (tag.length > 5 && apply(strSlice, tag, [-5]) === 'Array' && !isArray(v) && typeof v.length === 'number')
          return box('[' + tag + ']', setProto(arrayFrom(v, function (x) { return walk(x, depth + 1) }), null))
        if (tag === 'Promise' || tag === 'WeakMap' || tag === 'WeakSet' || tag === 'WeakRef') return '[' + tag + ']'
        var toJSON = v.toJSON
        if (typeof toJSON === 'function') return walk(apply(toJSON, v, []), depth + 1)
        if (isArray(v)) {
          out = setProto([], null)
          for (var i = 0, length = v.length; i < length; i++) out[i] = walk(v[i], depth + 1)
          return out
        }
        out = { __proto__: null }
        var ks = keys(v)
        for (var k = 0; k < ks.length; k++) {
          var key = ks[k], item
          try { item = v[key] } catch (err) { item = '[Thrown: ' + (err && err.message) + ']' }
          out[key] = walk(item, depth + 1)
        }
        return out
      } finally {
        ancestors[--open] = undefined
      }
    }
    return walk(value, 0)
  }

  function serialize(value) {
    try {
      return stringify(jsonSafe(value))
    } catch (err) {
      if (err === TOO_DEEP) return undefined
      throw err
    }
  }
  return {
    __proto__: null,
    serialize: serialize,
    // One console argument as text; a marker such as "[Function f]" reads better without its quotes.
    text: function (value) {
      var json
      try { json = serialize(value) } catch (err) { return '[unprintable]' }
      if (json === undefined) return '[too deep]'
      return apply(charCodeAt, json, [0]) === 34 ? parse(json) : json
    },
  }
})`
