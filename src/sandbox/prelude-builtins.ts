/**
 * The built-ins the prelude captures before the user's code runs, in the
 * order of its array `B` (prelude.ts). A part starts with
 * {@link BUILTINS_HEADER} and so names them as local variables.
 */
export const BUILTIN_NAMES = [
  'apply',
  'stringify',
  'parse',
  'define',
  'getProto',
  'ownDescriptor',
  'isError',
  'now',
  'String_',
  'strSlice',
  'charCodeAt',
  'regexpExec',
  'setProto',
  'isArray',
  'keys',
  'toStr',
  'dateIso',
  'dateTime',
  'mapProto',
  'setProto_',
  'mapForEach',
  'setForEach',
  'arrayFrom',
  'TypeError_',
  'RangeError_',
  'IEP',
  'geval',
  'load',
  'host',
  'trace',
] as const

export const BUILTINS_HEADER = `var ${BUILTIN_NAMES.map((name, i) => `${name} = B[${i}]`).join(', ')}`
