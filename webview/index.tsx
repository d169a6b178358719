import { render } from 'preact';
import { App } from './components/App';
import { getVsCodeApi, HostClient, HostContext } from './vscodeApi';
import { CompareApp } from './compare/CompareApp';
import { CompareHost, CompareHostContext } from './compare/compareHost';
import './styles/main.css';
import './styles/text.css';
import './styles/tree.css';
import './styles/detail.css';
import './styles/compare.css';

// The trace panel's Preact app. The host sends a compact outline after `ready`; details and search are
// requests (see src/shared/protocol.ts).
// One bundle, two apps: the page says which (src/panels/html.ts), so both share components, styles and CSP.
const root = document.getElementById('root');
if (root?.dataset.view === 'compare') {
  render(
    <CompareHostContext.Provider value={new CompareHost(getVsCodeApi())}>
      <CompareApp />
    </CompareHostContext.Provider>,
    root,
  );
} else if (root) {
  const host = new HostClient(getVsCodeApi());
  render(
    <HostContext.Provider value={host}>
      <App />
    </HostContext.Provider>,
    root,
  );
}
