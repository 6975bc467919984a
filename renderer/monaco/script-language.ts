import type { Language } from '../../src/protocol/request'
import type { Monaco } from './monaco-api'
import { SANDBOX_GLOBALS_DTS } from './sandbox-globals'

/** One model per language: the TypeScript service reads the file's extension. */
export const SCRIPT_PATHS: Record<Language, string> = {
  js: 'file:///gatehouse/script.js',
  ts: 'file:///gatehouse/script.ts',
}

export const INPUT_PATH = 'file:///gatehouse/input.json'

/**
 * TypeScript diagnostics a Gatehouse script triggers although it is valid: the
 * script is a function body, so a top-level `return` and `await` are allowed.
 */
const FUNCTION_BODY_DIAGNOSTICS = [
  1108, // A 'return' statement can only be used within a function body.
  1375, // 'await' expressions are only allowed at the top level of a file when that file is a module...
  1378, // Top-level 'await' expressions are only allowed when the 'module' option is set to...
]

/**
 * Teaches Monaco's JavaScript and TypeScript services the shape of a Gatehouse
 * script: the language built-ins without the DOM, the sandbox's own globals,
 * and a function body's top-level return and await. The input is strict JSON,
 * as the core parses it.
 */
export function configureScriptLanguage(monaco: Monaco): void {
  const { typescript } = monaco
  for (const defaults of [typescript.javascriptDefaults, typescript.typescriptDefaults]) {
    defaults.setCompilerOptions({
      ...defaults.getCompilerOptions(),
      target: typescript.ScriptTarget.ESNext,
      lib: ['esnext'],
      allowNonTsExtensions: true,
      noEmit: true,
    })
    defaults.setDiagnosticsOptions({
      ...defaults.getDiagnosticsOptions(),
      diagnosticCodesToIgnore: FUNCTION_BODY_DIAGNOSTICS,
    })
    defaults.addExtraLib(SANDBOX_GLOBALS_DTS, 'file:///gatehouse/sandbox-globals.d.ts')
  }
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    comments: 'error',
    schemas: [],
    enableSchemaRequest: false,
  })
}
