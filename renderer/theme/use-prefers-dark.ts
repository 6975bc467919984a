import { useSyncExternalStore } from 'react'

const query = () => window.matchMedia('(prefers-color-scheme: light)')

const subscribe = (onChange: () => void) => {
  const media = query()
  media.addEventListener('change', onChange)
  return () => media.removeEventListener('change', onChange)
}

/** Dark unless the system asks for light: a developer tool is dark by default. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(subscribe, () => !query().matches)
}
