// Monaco first: it must be configured before anything renders an editor.
import './monaco/setup'
import './styles/app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connectBridge } from './bridge'
import { App } from './components/App'
import { createAppStore } from './store'
import { syncStoreWithBridge } from './store/bridge-sync'
import { StoreProvider } from './store/context'

const bridge = connectBridge()
const store = createAppStore({ api: bridge.api, now: () => Date.now() }, bridge.connection.get())
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
