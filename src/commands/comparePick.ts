import * as vscode from 'vscode';
import type { ExecutionRecord } from '../api/fruxon/schemas';
import type { FruxonClient } from '../api/fruxon/client';
import type { ConnectionManager } from '../connections/connectionManager';
import { stableJson } from '../model/traceDiff/signature';
import type { CompareTarget } from '../panels/comparePanel';
import { localTraces } from '../panels/traceSources';
import { formatRelativeTime } from '../views/format';
import { fileTarget, localTarget, recordTarget } from './compareTargets';

/** How far back "previous run" and "previous run with the same parameters" look. */
const MAX_RECORDS = 500;
const MAX_RESULTS = 30;

type Choice = 'previous' | 'sameParameters' | 'record' | 'local' | 'file';

/** The other side of "Compare with…"; `previousFirst`: it ran before the base, so it is shown as A. */
export async function pickCompareWith(base: CompareTarget, connections: ConnectionManager): Promise<{ target: CompareTarget; previousFirst: boolean } | undefined> {
  const o = base.origin;
  const fruxon = o.kind === 'fruxon' || o.kind === 'fruxonOtlp' ? o : undefined;
  const items: (vscode.QuickPickItem & { choice: Choice })[] = [];
  if (fruxon) {
    items.push(
      { choice: 'previous', label: '$(history) Previous run of this agent', detail: 'The execution that started just before this one' },
      { choice: 'sameParameters', label: '$(symbol-parameter) Previous run with the same parameters', detail: `Looks back through up to ${MAX_RESULTS} earlier executions` },
      { choice: 'record', label: '$(list-flat) Another execution of this agent…' },
    );
  }
  const local = localTraces()?.summaries() ?? [];
  if (local.length > 0) items.push({ choice: 'local', label: '$(radio-tower) A local trace…', detail: `${local.length} held by the local receiver` });
  items.push({ choice: 'file', label: '$(file) A trace file…', detail: 'OTLP/JSON or a saved AgentLens trace' });
  const picked = await vscode.window.showQuickPick(items, { title: `Compare ${base.label} with…`, placeHolder: 'Pick the other run' });
  if (!picked) return undefined;

  switch (picked.choice) {
    case 'local': {
      const pick = await vscode.window.showQuickPick(
        local.map((s) => ({ label: s.name, description: `${s.spanCount} spans · ${formatRelativeTime(s.start, Date.now())}`, detail: s.traceId, traceId: s.traceId })),
        { title: 'Compare with which local trace?', matchOnDetail: true },
      );
      return pick ? { target: localTarget(pick.traceId), previousFirst: false } : undefined;
    }
    case 'file': {
      const uris = await vscode.window.showOpenDialog({ title: 'Compare with a trace file', canSelectMany: false, filters: { 'Trace files': ['json', 'jsonl'], 'All files': ['*'] } });
      return uris?.[0] ? { target: fileTarget(uris[0]), previousFirst: false } : undefined;
    }
    default:
      break;
  }
  if (!fruxon) return undefined;
  const client = await connections.client(fruxon.connection);
  if (!client) throw new Error('Not signed in to this execution\'s connection. Sign in and try again.');
  const { agentId, executionRecordId } = fruxon;
  if (picked.choice === 'record') {
    const r = await pickRecord(client, agentId, executionRecordId);
    return r ? { target: recordTarget(fruxon.connection, agentId, r.id), previousFirst: false } : undefined;
  }
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Finding the run to compare with', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return findPrevious(client, agentId, executionRecordId, picked.choice === 'sameParameters', abort.signal, (m) => progress.report({ message: m }));
    },
  );
  if (found === undefined) return undefined;
  if (found === null) {
    void vscode.window.showInformationMessage(picked.choice === 'sameParameters'
      ? `No earlier execution of this agent with the same parameters among the last ${MAX_RESULTS}. Pick "Another execution of this agent…" instead.`
      : 'This is the agent\'s earliest execution: there is no previous run to compare with.');
    return undefined;
  }
  return { target: recordTarget(fruxon.connection, agentId, found.id), previousFirst: true };
}

/** The run of the same agent that started just before `base` (the run-file CodeLens's "Compare with previous run"). */
export async function previousRun(base: CompareTarget, connections: ConnectionManager): Promise<CompareTarget | undefined> {
  const o = base.origin;
  if (o.kind !== 'fruxon') return undefined;
  const client = await connections.client(o.connection);
  if (!client) throw new Error('Not signed in to this execution\'s connection. Sign in and try again.');
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Finding the previous run', cancellable: true },
    (_, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return findPrevious(client, o.agentId, o.executionRecordId, false, abort.signal, () => undefined);
    },
  );
  if (found === null) void vscode.window.showInformationMessage('This is the agent\'s earliest execution: there is no previous run to compare with.');
  return found ? recordTarget(o.connection, o.agentId, found.id) : undefined;
}

/** Undefined when cancelled, null when there is none. */
async function findPrevious(client: FruxonClient, agentId: string, baseId: string, sameParameters: boolean, signal: AbortSignal, report: (m: string) => void): Promise<ExecutionRecord | null | undefined> {
  let seenBase = false;
  let scanned = 0;
  let compared = 0;
  const baseParams = sameParameters ? stableJson((await client.getResult(agentId, baseId, { signal })).parameters ?? null) : '';
  for await (const r of client.iterateExecutionRecords(agentId, { pageSize: 50 }, { signal })) {
    if (signal.aborted) return undefined;
    if (++scanned > MAX_RECORDS) return null;
    if (r.id === baseId) {
      seenBase = true;
      continue;
    }
    if (!seenBase) continue;
    if (!sameParameters) return r;
    if (++compared > MAX_RESULTS) return null;
    report(`checking ${compared} of up to ${MAX_RESULTS} earlier runs…`);
    const params = stableJson((await client.getResult(agentId, r.id, { signal }).catch(() => ({ parameters: undefined }))).parameters ?? null);
    if (params === baseParams) return r;
  }
  return signal.aborted ? undefined : null;
}

async function pickRecord(client: FruxonClient, agentId: string, baseId: string): Promise<ExecutionRecord | undefined> {
  const page = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Reading this agent\'s executions', cancellable: true },
    (_, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return client.listExecutionRecords(agentId, { pageSize: 100 }, { signal: abort.signal });
    },
  );
  const now = Date.now();
  const pick = await vscode.window.showQuickPick(
    page.items.filter((r) => r.id !== baseId).map((r) => ({
      label: formatRelativeTime(r.startTime, now),
      description: [String(r.status), `rev ${r.agentRevision}`, r.environmentSlug].filter(Boolean).join(' · '),
      detail: r.id,
      record: r,
    })),
    { title: 'Compare with which execution?', matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.record;
}
