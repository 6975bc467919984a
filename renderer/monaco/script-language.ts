import type * as Monaco from 'monaco-editor'

/**
 * TypeScript diagnostics a Gatehouse script triggers although it is valid: the
 * script is a function body, so a top-level `return` and `await` are allowed.
 */
const FUNCTION_BODY_DIAGNOSTICS = [
  1108, // A 'return' statement can only be used within a function body.
  1375, // 'await' expressions are only allowed at the top level of a file when that file is a module...
  1378, // Top-level 'await' expressions are only allowed when the 'module' option is set to...
]

/** What the sandbox provides besides the language built-ins, for hovers and completion. */
const SANDBOX_GLOBALS = `
/** The run's input: the Input panel's JSON, parsed. \`undefined\` when the panel is empty. */
declare const input: any
`

/** Teaches Monaco's JavaScript service the shape of a Gatehouse script. */
export function configureScriptLanguage(monaco: typeof Monaco): void {
  const defaults = monaco.typescript.javascriptDefaults
  defaults.setDiagnosticsOptions({
    ...defaults.getDiagnosticsOptions(),
    diagnosticCodesToIgnore: FUNCTION_BODY_DIAGNOSTICS,
  })
  defaults.addExtraLib(SANDBOX_GLOBALS, 'file:///gatehouse/sandbox-globals.d.ts')
}
