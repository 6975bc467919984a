/**
 * Monaco with only what the playground uses: the editor core, the editing
 * features people expect, and the JavaScript, TypeScript and JSON languages.
 * `import * as monaco from 'monaco-editor'` would also bundle some eighty other
 * languages, the HTML and CSS services and an LSP client nobody here calls.
 *
 * The features are monaco-editor's own modular entry points (`features/<name>/register`);
 * the list is editor/editor.main.js's, minus what a script editor does not need
 * (diff editor, GPU rendering, colour picker, sticky scroll, inline completions,
 * code lens, high-contrast toggle, token inspector, iPad keyboard).
 * codicon-modifiers.css cannot be imported through the package's exports: its
 * two rules live in styles/app.css.
 */
import 'monaco-editor/features/codicon/register'
import 'monaco-editor/features/codeEditor/register'
import 'monaco-editor/editor/browser/coreCommands'
import 'monaco-editor/editor/common/standaloneStrings'
import 'monaco-editor/features/anchorSelect/register'
import 'monaco-editor/features/bracketMatching/register'
import 'monaco-editor/features/caretOperations/register'
import 'monaco-editor/editor/contrib/caretOperations/browser/caretOperations'
import 'monaco-editor/features/clipboard/register'
import 'monaco-editor/features/codeAction/register'
import 'monaco-editor/features/comment/register'
import 'monaco-editor/features/contextmenu/register'
import 'monaco-editor/features/cursorUndo/register'
import 'monaco-editor/features/documentSymbols/register'
import 'monaco-editor/features/find/register'
import 'monaco-editor/editor/contrib/find/browser/findController'
import 'monaco-editor/features/folding/register'
import 'monaco-editor/features/fontZoom/register'
import 'monaco-editor/features/format/register'
import 'monaco-editor/features/gotoError/register'
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus'
import 'monaco-editor/features/gotoLine/register'
import 'monaco-editor/features/gotoSymbol/register'
import 'monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands'
import 'monaco-editor/features/hover/register'
import 'monaco-editor/features/indentation/register'
import 'monaco-editor/features/inlayHints/register'
import 'monaco-editor/features/lineSelection/register'
import 'monaco-editor/features/linesOperations/register'
import 'monaco-editor/features/links/register'
import 'monaco-editor/features/multicursor/register'
import 'monaco-editor/features/parameterHints/register'
import 'monaco-editor/features/placeholderText/register'
import 'monaco-editor/features/quickCommand/register'
import 'monaco-editor/features/quickHelp/register'
import 'monaco-editor/features/quickOutline/register'
import 'monaco-editor/features/readOnlyMessage/register'
import 'monaco-editor/features/referenceSearch/register'
import 'monaco-editor/features/rename/register'
import 'monaco-editor/features/semanticTokens/register'
import 'monaco-editor/editor/contrib/semanticTokens/browser/documentSemanticTokens'
import 'monaco-editor/features/smartSelect/register'
import 'monaco-editor/features/snippet/register'
import 'monaco-editor/features/suggest/register'
import 'monaco-editor/editor/contrib/suggest/browser/suggestController'
import 'monaco-editor/features/toggleTabFocusMode/register'
import 'monaco-editor/features/tokenization/register'
import 'monaco-editor/features/unicodeHighlighter/register'
import 'monaco-editor/features/unusualLineTerminators/register'
import 'monaco-editor/features/wordHighlighter/register'
import 'monaco-editor/features/wordOperations/register'
import 'monaco-editor/features/wordPartOperations/register'
import 'monaco-editor/languages/definitions/javascript/register'
import 'monaco-editor/languages/definitions/typescript/register'
import * as editorApi from 'monaco-editor/editor/editor.api'
import * as json from 'monaco-editor/languages/features/json/register'
import * as typescript from 'monaco-editor/languages/features/typescript/register'

/** The trimmed Monaco: the editor api plus the `json` and `typescript` language services. */
export const monaco = { ...editorApi, json, typescript }
export type Monaco = typeof monaco
