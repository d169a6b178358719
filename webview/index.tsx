import { render } from 'preact';
import './styles/main.css';

// The trace panel's Preact app. The trace viewer itself arrives with the trace-panel issue; this entry
// point keeps the second bundle, its CSP and its styling path exercised from the start.
function App() {
  return (
    <main class="agentlens-app">
      <p>
        <span class="codicon codicon-telescope" aria-hidden="true" /> AgentLens trace viewer
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) render(<App />, root);
