// The compare panel's root: waits for the host's comparison (posting `ready` once it listens), then shows it.
import { useEffect, useState } from 'preact/hooks';
import type { CompareOutline, HostToCompare } from '../../src/shared/compareProtocol';
import { useCompareHost } from './compareHost';
import { CompareView } from './CompareView';

type Status = { kind: 'loading'; message: string } | { kind: 'error'; message: string } | { kind: 'shown' };

export function CompareApp() {
  const host = useCompareHost();
  const [outline, setOutline] = useState<CompareOutline | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading', message: 'Waiting for the comparison…' });

  useEffect(() => {
    host.onMessage((msg: HostToCompare) => {
      if (msg.type === 'compare') {
        host.persist(msg.restore);
        setOutline(msg.outline);
        setStatus({ kind: 'shown' });
      } else if (msg.type === 'loading') setStatus({ kind: 'loading', message: msg.message });
      else if (msg.type === 'error') setStatus({ kind: 'error', message: msg.message });
    });
    const onMessage = (e: MessageEvent) => host.dispatch(e.data);
    window.addEventListener('message', onMessage);
    host.post({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, [host]);

  return (
    <main class="agentlens-app compare-app">
      {status.kind !== 'shown' && (
        <div class={`banner banner-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          <span class={`codicon ${status.kind === 'error' ? 'codicon-error' : 'codicon-loading codicon-modifier-spin'}`} aria-hidden="true" />
          <span class="banner-text">{status.message}</span>
        </div>
      )}
      {outline && <CompareView o={outline} />}
    </main>
  );
}
