import type { Language } from '../../../src/protocol/request'
import { useAppStore } from '../../store/context'
import { selectLanguage, selectSetLanguage } from '../../store/slices/editor/selectors'

const OPTIONS: { value: Language; label: string; title: string }[] = [
  { value: 'js', label: 'JS', title: 'JavaScript' },
  { value: 'ts', label: 'TS', title: 'TypeScript: types are stripped before the run' },
]

/** JavaScript or TypeScript, as two radio buttons drawn as a segmented control. */
export function LanguageSwitch() {
  const language = useAppStore(selectLanguage)
  const setLanguage = useAppStore(selectSetLanguage)
  return (
    <fieldset className="segmented" aria-label="Language">
      <legend className="visually-hidden">Language</legend>
      {OPTIONS.map((option) => (
        <label key={option.value} className="segmented-option" title={option.title}>
          <input
            type="radio"
            name="language"
            value={option.value}
            checked={language === option.value}
            onChange={() => setLanguage(option.value)}
            aria-label={option.title.split(':')[0]}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  )
}
