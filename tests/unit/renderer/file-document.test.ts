import { describe, expect, it } from 'vitest'
import { FILE_LIMITS } from '../../../src/protocol/files'
import {
  baseName,
  documentTooLarge,
  draftFromLimits,
  limitsFromDraft,
  pasteTooLarge,
  sameDocument,
  scriptDocument,
  swapExtension,
  withScriptExtension,
} from '../../../renderer/store/slices/file/document'
import type { EditorDocument } from '../../../renderer/store/slices/file/document'
import { fileErrorOf } from '../../../renderer/store/slices/file/file-error'
import { fileShortcutAction } from '../../../renderer/components/FilesMenu/file-shortcuts'

const DOCUMENT: EditorDocument = {
  code: 'return input.a',
  language: 'js',
  inputText: '{"a": 1}',
  limitsDraft: { runTimeoutMs: '2000', memoryMb: '', stackKb: '' },
}

describe('the document as a file holds it', () => {
  it('is the same with the same code, language, input and limits (spaces in a limit aside)', () => {
    expect(sameDocument(DOCUMENT, { ...DOCUMENT })).toBe(true)
    expect(
      sameDocument(DOCUMENT, {
        ...DOCUMENT,
        limitsDraft: { ...DOCUMENT.limitsDraft, runTimeoutMs: ' 2000 ' },
      }),
    ).toBe(true)
    expect(sameDocument(DOCUMENT, { ...DOCUMENT, code: 'return 1' })).toBe(false)
    expect(sameDocument(DOCUMENT, { ...DOCUMENT, language: 'ts' })).toBe(false)
    expect(sameDocument(DOCUMENT, { ...DOCUMENT, inputText: '' })).toBe(false)
  })

  it('sends input and limits only when there are some, and only limits within range', () => {
    expect(scriptDocument(DOCUMENT)).toEqual({
      content: 'return input.a',
      input: '{"a": 1}',
      limits: { runTimeoutMs: 2000 },
    })
    expect(
      scriptDocument({
        ...DOCUMENT,
        inputText: '  \n',
        limitsDraft: { runTimeoutMs: '', memoryMb: 'lots', stackKb: '1' },
      }),
    ).toEqual({ content: 'return input.a' })
    expect(limitsFromDraft(draftFromLimits({ memoryMb: 32, stackKb: 512 }))).toEqual({
      memoryMb: 32,
      stackKb: 512,
    })
  })

  it('refuses a script or input too large to save, with the sizes', () => {
    expect(documentTooLarge(DOCUMENT)).toBeNull()
    const big = 'x'.repeat(FILE_LIMITS.maxScriptBytes + 1)
    expect(documentTooLarge({ ...DOCUMENT, code: big })).toBe(
      'The script is 1.0 MiB; a script file can be at most 1.0 MiB.',
    )
    // Multi-byte characters count in UTF-8 bytes, not characters.
    const wide = 'é'.repeat(FILE_LIMITS.maxScriptBytes / 2 + 1)
    expect(documentTooLarge({ ...DOCUMENT, code: wide })).toMatch(/^The script is 1\.0 MiB/)
    expect(documentTooLarge({ ...DOCUMENT, inputText: 'x'.repeat(3 * 1024 * 1024) })).toBe(
      'The input is 3.0 MiB; input can be at most 2.0 MiB.',
    )
  })

  it('refuses a paste that could never be saved or run, and says how large it was', () => {
    expect(pasteTooLarge('script', 'return 1')).toBeNull()
    expect(pasteTooLarge('script', 'x'.repeat(100 * 1024 * 1024))).toBe(
      'The pasted text is 100.0 MiB; a script can be at most 1.0 MiB (and a run 64.0 KiB).',
    )
    expect(pasteTooLarge('input', 'x'.repeat(2 * 1024 * 1024))).toBeNull()
    expect(pasteTooLarge('input', 'x'.repeat(2 * 1024 * 1024 + 1))).toMatch(
      /input can be at most 2\.0 MiB/,
    )
  })

  it('names: the extension of the language when none is typed, the other one after a switch', () => {
    expect(withScriptExtension('sum', 'ts')).toBe('sum.ts')
    expect(withScriptExtension(' sum.js ', 'ts')).toBe('sum.js')
    expect(withScriptExtension('', 'js')).toBe('')
    expect(swapExtension('dir/sum.js', 'ts')).toBe('dir/sum.ts')
    expect(baseName('C:\\scripts\\sum.ts')).toBe('sum.ts')
    expect(baseName('dir/sum.js')).toBe('sum.js')
  })
})

describe('file errors and shortcuts', () => {
  it('keeps the error type a bridge gives, and calls anything else Error', () => {
    const pathError = Object.assign(new Error('../x.js: paths may not contain ".." segments'), {
      name: 'PathError',
    })
    expect(fileErrorOf(pathError)).toEqual({
      type: 'PathError',
      message: '../x.js: paths may not contain ".." segments',
    })
    expect(fileErrorOf(new TypeError('boom'))).toEqual({ type: 'Error', message: 'boom' })
    expect(fileErrorOf('lost')).toEqual({ type: 'Error', message: 'lost' })
  })

  it('reads Ctrl/Cmd+N, O, S and Shift+S', () => {
    const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({
      key: k,
      ctrlKey: true,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      ...extra,
    })
    expect(fileShortcutAction(key('s'))).toBe('save')
    expect(fileShortcutAction(key('S', { shiftKey: true }))).toBe('save-as')
    expect(fileShortcutAction(key('o', { ctrlKey: false, metaKey: true }))).toBe('open')
    expect(fileShortcutAction(key('n'))).toBe('new')
    expect(fileShortcutAction(key('s', { ctrlKey: false }))).toBeNull()
    expect(fileShortcutAction(key('s', { altKey: true }))).toBeNull()
    expect(fileShortcutAction(key('Enter'))).toBeNull()
  })
})
