/**
 * Monaco, fully offline: the editor and its workers come from this bundle,
 * never from a CDN (the CSP would refuse it anyway). Import this module once,
 * before anything renders an editor.
 */
import { loader } from '@monaco-editor/react'
import { monaco } from './monaco-api'
import editorWorker from 'monaco-editor/editor/editor.worker?worker'
import jsonWorker from 'monaco-editor/language/json/json.worker?worker'
import tsWorker from 'monaco-editor/language/typescript/ts.worker?worker'
import { configureScriptLanguage } from './script-language'
import { defineGatehouseThemes } from './themes'

self.MonacoEnvironment = {
  getWorker(_workerId, label) {
    if (label === 'json') return new jsonWorker()
    if (label === 'typescript' || label === 'javascript') return new tsWorker()
    return new editorWorker()
  },
}

loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] })
configureScriptLanguage(monaco)
defineGatehouseThemes(monaco)
