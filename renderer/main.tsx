// Monaco first: it must be configured before anything renders an editor.
import './monaco/setup'
import './styles/app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connectBridge } from './bridge'
import { App } from './components/App'
import { EventLog } from './event-log/event-log'
import { browserStorage } from './persistence/storage'
import { createAppStore } from './store'
import { syncStoreWithBridge } from './store/bridge-sync'
import { StoreProvider } from './store/context'
import { systemPrefersLight } from './theme/system-theme'
import { resolveTheme } from './theme/theme'
import { applyThemeToDocument } from './theme/use-theme'

const bridge = connectBridge()
const store = createAppStore(
  { api: bridge.api, now: () => Date.now(), storage: browserStorage(), eventLog: new EventLog() },
  bridge.connection.get(),
)
// Before the first paint, so a light-theme window never flashes dark.
applyThemeToDocument(resolveTheme(store.getState().themePreference, systemPrefersLight()))
syncStoreWithBridge(store, bridge)

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
)
