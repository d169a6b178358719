// Approve / Reject / Cancel on a gate that still waits. The buttons only ask: the host confirms with the
// person, sends the answer once, and the trace refreshes live with the decision.
import type { TraceSource } from '../../../src/model/types';
import type { GateAction } from '../../../src/shared/protocol';
import { useHost } from '../../vscodeApi';

/** Executions served by Fruxon (projected, stored or from :execute) can be answered from here. */
const ANSWERABLE: readonly TraceSource[] = ['projected', 'stored', 'execute'];

export function GateActions({ requestId, source, open }: { requestId: string | undefined; source: TraceSource; open: boolean }) {
  const host = useHost();
  if (!requestId || !open || !ANSWERABLE.includes(source)) return null;
  const ask = (action: GateAction) => () => host.post({ type: 'answerGate', requestId, action });
  return (
    <div class="gate-actions" role="group" aria-label="Answer this approval request">
      <button type="button" class="gate-button primary" onClick={ask('APPROVE')}>
        <span class="codicon codicon-check" aria-hidden="true" /> Approve…
      </button>
      <button type="button" class="gate-button" onClick={ask('REJECT')}>
        <span class="codicon codicon-close" aria-hidden="true" /> Reject…
      </button>
      <button type="button" class="gate-button" onClick={ask('CANCEL')}>
        <span class="codicon codicon-circle-slash" aria-hidden="true" /> Cancel request…
      </button>
    </div>
  );
}
