import { useSyncExternalStore } from 'react'

const query = () => window.matchMedia('(prefers-color-scheme: light)')

const subscribe = (onChange: () => void) => {
  const media = query()
  media.addEventListener('change', onChange)
  return () => media.removeEventListener('change', onChange)
}

/** Whether the operating system asks for a light theme; follows changes live. */
export function useSystemPrefersLight(): boolean {
  return useSyncExternalStore(subscribe, () => query().matches)
}

export function systemPrefersLight(): boolean {
  return query().matches
}
