import { render } from 'preact';
import { App } from './components/App';
import { getVsCodeApi, HostClient, HostContext } from './vscodeApi';
import './styles/main.css';
import './styles/text.css';
import './styles/tree.css';
import './styles/detail.css';

// The trace panel's Preact app. The host sends a compact outline after `ready`; details and search are
// requests (see src/shared/protocol.ts).
const host = new HostClient(getVsCodeApi());
const root = document.getElementById('root');
if (root) {
  render(
    <HostContext.Provider value={host}>
      <App />
    </HostContext.Provider>,
    root,
  );
}
