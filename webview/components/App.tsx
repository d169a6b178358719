// The panel's root: waits for the host's trace (posting `ready` once it listens), then shows it.
import { useEffect, useState } from 'preact/hooks';
import type { HostToWebview } from '../../src/shared/protocol';
import { isPackedOutline, outlineView, type OutlineView } from '../../src/shared/outlineWire';
import { useHost } from '../vscodeApi';
import { TraceView } from './TraceView';

type Status = { kind: 'loading'; message: string } | { kind: 'error'; message: string } | { kind: 'shown' };

export function App() {
  const host = useHost();
  const [outline, setOutline] = useState<OutlineView | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading', message: 'Waiting for the trace…' });
  // A step the host asked to show (a chat answer's button); `seq` makes asking twice for one step count twice.
  const [revealStep, setRevealStep] = useState<{ stepId: string; seq: number } | null>(null);

  useEffect(() => {
    host.onMessage((msg: HostToWebview) => {
      switch (msg.type) {
        case 'trace':
        case 'live': {
          // A trace worker's outline arrives packed (typed arrays and one string): the tree reads its columns as they are.
          const shown: OutlineView = isPackedOutline(msg.outline) ? outlineView(msg.outline) : msg.outline;
          // Persisted view state belongs to one trace; another trace starts fresh.
          const saved = host.api.getState();
          if (saved?.traceId !== shown.header.id) host.api.setState({ traceId: shown.header.id });
          setOutline(shown);
          setStatus({ kind: 'shown' });
          break;
        }
        case 'reveal':
          setRevealStep((r) => ({ stepId: msg.stepId, seq: (r?.seq ?? 0) + 1 }));
          break;
        case 'loading':
          setStatus({ kind: 'loading', message: msg.message });
          break;
        case 'error':
          setStatus({ kind: 'error', message: msg.message });
          break;
        default:
          break;
      }
    });
    const onMessage = (e: MessageEvent) => host.dispatch(e.data);
    window.addEventListener('message', onMessage);
    host.post({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, [host]);

  return (
    <main class="agentlens-app">
      {status.kind !== 'shown' && (
        <div class={`banner banner-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          <span
            class={`codicon ${status.kind === 'error' ? 'codicon-error' : 'codicon-loading codicon-modifier-spin'}`}
            aria-hidden="true"
          />
          <span>{status.message}</span>
        </div>
      )}
      {outline && <TraceView key={outline.header.id} o={outline} revealStep={revealStep} />}
    </main>
  );
}
