import { useAppStore } from '../../store/context'
import { selectConnection } from '../../store/slices/connection/selectors'

/** Says, loudly, that nothing will run: the core is unreachable, and why. */
export function ConnectionBanner() {
  const connection = useAppStore(selectConnection)
  if (connection.status !== 'closed') return null
  return (
    <div className="banner banner-error" role="alert">
      <strong className="banner-title">Not connected to the Gatehouse core.</strong>{' '}
      <span className="banner-message">{connection.message ?? 'The connection closed.'}</span>
    </div>
  )
}
