import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import { ApiError, isCancelledError } from '../api/errors';
import { isWaitingForApproval, runAgentOnce, type RunOutcome } from '../api/fruxon/run';
import type { ExecutionRecord } from '../api/fruxon/schemas';
import type { RunEvent } from '../api/fruxon/stream';
import type { ConnectionManager } from '../connections/connectionManager';
import { toExecuteRequest } from '../model/runFile';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';
import type { AgentsTreeProvider } from '../views/agentsView';
import { describeError } from '../views/errors';
import { formatDuration } from '../views/format';
import { describeLastRun, type RunTracker } from '../views/runStatus';
import { pickConnection } from './auth';
import { findConnection, loadSpec, normalizeArgs, pickAgent, pickParameterFile, type RunArgs, type RunRecents } from './runInputs';
import type { RunLog, RunLogger } from './runLog';
import { joinSentences, showHidden } from '../shared/text';
import type { ApprovalCommands } from './approvals';

export interface RunDeps {
  connections: ConnectionManager;
  tree: AgentsTreeProvider;
  panels: TracePanels;
  tracker: RunTracker;
  recents: RunRecents;
  output: RunLog;
  log: Logger;
  /** Announces a run that paused at a gate (Approve / Reject / Open). */
  approvals?: ApprovalCommands;
}

/** What `agentlens.runAgent` resolves to (for other extensions and tests); the UI says the same in words. */
export interface RunCommandResult {
  outcome: 'completed' | 'failed' | 'waiting' | 'cancelled' | 'error' | 'invalid' | 'aborted';
  connection?: string;
  agentId?: string;
  executionRecordId?: string;
  humanApprovalRequestId?: string;
  status?: string;
  via?: 'stream' | 'execute';
  /** Event types in the order they arrived (`fallback` when streaming was refused before it started). */
  events: string[];
  message?: string;
  line?: number;
  column?: number;
  unsaved?: boolean;
  traceOpened?: boolean;
  /** From the command starting to the run's answer, and to the trace panel loaded. */
  timings: { runMs?: number; totalMs: number };
}

export function registerRunCommand(deps: RunDeps): vscode.Disposable {
  return registerCommand('agentlens.runAgent', (arg?: unknown) => runAgentCommand(deps, normalizeArgs(arg)));
}

async function runAgentCommand(deps: RunDeps, args: RunArgs): Promise<RunCommandResult> {
  const t0 = Date.now();
  const events: string[] = [];
  const done = (r: Omit<RunCommandResult, 'events' | 'timings'> & { timings?: Partial<RunCommandResult['timings']> }): RunCommandResult =>
    ({ ...r, events, timings: { ...r.timings, totalMs: Date.now() - t0 } });

  const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri, true) : args.uri ?? (await pickParameterFile(deps.recents));
  if (!uri) return done({ outcome: 'aborted' });
  const loaded = await loadSpec(uri);
  if (!loaded.ok) return done({ outcome: 'invalid', message: loaded.message, ...(loaded.line !== undefined ? { line: loaded.line, column: loaded.column } : {}) });
  const { spec, unsaved } = loaded;

  const named = spec.connection ?? args.connection;
  let connection: string | undefined;
  if (named) {
    connection = findConnection(deps.connections, named);
    if (!connection) {
      const message = `No AgentLens connection "${named}" (named in ${uri.path.split('/').pop()}). Sign in to it, or remove "connection" from the file.`;
      void vscode.window.showErrorMessage(message, 'Sign In').then((c) => c && vscode.commands.executeCommand('agentlens.signIn'));
      return done({ outcome: 'invalid', message });
    }
  } else {
    connection = await pickConnection(deps.connections, 'Run the agent on which connection?', 'fruxon');
  }
  const client = connection ? await deps.connections.client(connection) : undefined;
  if (!connection || !client) {
    const message = 'Sign in to Fruxon before running an agent.';
    void vscode.window.showErrorMessage(message, 'Sign In').then((c) => c && vscode.commands.executeCommand('agentlens.signIn'));
    return done({ outcome: 'aborted', message });
  }
  let agentId = args.pickAgent ? undefined : spec.agent ?? args.agentId;
  if (!agentId) {
    try {
      agentId = await pickAgent(client, deps.recents, connection);
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not list agents: ${describeError(e).message}`);
      return done({ outcome: 'error', message: describeError(e).message });
    }
  }
  if (!agentId) return done({ outcome: 'aborted' });
  await deps.recents.used(uri.scheme === 'untitled' ? undefined : uri, connection, agentId);

  const mode = args.mode ?? spec.mode;
  const again: RunArgs = { uri, connection, agentId, ...(mode ? { mode } : {}) };
  const runAgain = (): Thenable<unknown> => vscode.commands.executeCommand('agentlens.runAgent', again);
  const body = toExecuteRequest(spec, mode ? { mode } : {});
  const stream = vscode.workspace.getConfiguration('agentlens').get<boolean>('run.stream', true);
  const fileName = uri.path.split('/').pop() ?? uri.path;
  const label = `${agentId}${mode === 'SANDBOX' ? ' (sandbox)' : ''}`;
  const log = deps.output.begin(label, fileName, unsaved);

  const ac = new AbortController();
  const active = deps.tracker.start(label, () => ac.abort(), uri.toString());
  let outcome: RunOutcome | undefined;
  let failure: unknown;
  let runMs = 0;
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Running ${label}${unsaved ? ` with the unsaved contents of ${fileName}` : ''}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => ac.abort());
        let last = 'sending…';
        const tick = (): void => progress.report({ message: `${formatDuration(Date.now() - t0)} · ${last}` });
        tick();
        const timer = setInterval(tick, 1000);
        const onEvent = (e: RunEvent): void => {
          events.push(e.type === 'unknown' ? `unknown:${e.event}` : e.type);
          log.event(e);
          const step = progressText(e);
          if (step) { last = step; tick(); }
        };
        try {
          outcome = await runAgentOnce(client, { agentId: agentId as string, body, stream, ...(spec.revision !== undefined ? { revision: spec.revision } : {}) },
            { signal: ac.signal, onEvent, onFallback: (why) => { events.push('fallback'); log.note(`streaming unavailable (${why}); using :execute`); last = 'waiting for the result…'; tick(); } });
        } finally {
          clearInterval(timer);
        }
      },
    );
  } catch (e) {
    failure = e;
  }
  runMs = Date.now() - t0;

  const agent = agentId;
  const refresh = (): void => {
    const node = deps.tree.findAgent(connection as string, agent);
    if (node) deps.tree.reload(node);
    else deps.tree.refresh();
  };

  if (!outcome) {
    deps.tracker.finish(active);
    return done({ ...reportFailure(failure, deps, { connection, agentId, label, runAgain, refresh, log, unsaved, again }), connection, agentId, unsaved, timings: { runMs } });
  }

  if (outcome.humanApprovalRequestId) deps.approvals?.expect(connection, outcome.humanApprovalRequestId);
  // The run is over (or paused); what it cost comes from the record, which the tree and the lens need anyway.
  const record = outcome.executionRecordId ? await client.getExecutionRecord(agentId, outcome.executionRecordId).catch(() => undefined) : undefined;
  const status = outcome.status ?? record?.status ?? 'COMPLETED';
  const waiting = isWaitingForApproval(outcome);
  const failed = !waiting && (/FAIL|ERROR|REJECT|CANCEL/i.test(status) || outcome.errors.length > 0);
  const summary = summarize(runMs, outcome, record);
  log.finish(outcome, summary);
  deps.tracker.finish(active, {
    connection, agentId, status, durationMs: summary.durationMs, at: Date.now(),
    ...(outcome.executionRecordId ? { executionRecordId: outcome.executionRecordId } : {}),
    ...(summary.tokens !== undefined ? { tokens: summary.tokens } : {}), ...(summary.cost !== undefined ? { cost: summary.cost } : {}),
  });
  refresh();

  const traceOpened = await openResult(deps, connection, agentId, outcome);
  const timings = { runMs };
  const result = (o: RunCommandResult['outcome'], message: string): RunCommandResult => done({
    outcome: o, connection, agentId: agent, status, via: outcome?.via, message: message + note, unsaved, traceOpened, timings,
    ...(outcome?.executionRecordId ? { executionRecordId: outcome.executionRecordId } : {}),
    ...(outcome?.humanApprovalRequestId ? { humanApprovalRequestId: outcome.humanApprovalRequestId } : {}),
  });
  const target = outcome.executionRecordId ? { connection, agentId, executionRecordId: outcome.executionRecordId } : undefined;
  // Say what was run when it is not what is on disk.
  const note = unsaved ? ` (Ran the unsaved contents of ${fileName}.)` : '';
  const openTrace = (): Thenable<unknown> => vscode.commands.executeCommand('agentlens.openExecution', target);

  if (waiting && outcome.humanApprovalRequestId && deps.approvals) {
    // "<agent> waits for approval: <proposal>" with Approve / Reject / Open (commands/approvals.ts).
    const notice = await deps.approvals.runPaused(connection, agentId, outcome.humanApprovalRequestId, outcome.executionRecordId);
    return result('waiting', notice.text);
  }
  if (waiting) {
    const id = outcome.humanApprovalRequestId;
    const message = `${label} is waiting for a human approval${id ? ` (request ${id})` : ''}. It continues when someone approves or rejects it.`;
    const actions = [...(target ? ['View Pending Approval'] : []), ...(id ? ['Copy Request ID'] : [])];
    void vscode.window.showWarningMessage(showHidden(message + note, true), ...actions).then((c) => {
      if (c === 'View Pending Approval') return openTrace();
      if (c === 'Copy Request ID' && id) return vscode.env.clipboard.writeText(id);
      return undefined;
    });
    return result('waiting', message);
  }
  if (failed) {
    const why = outcome.errors[0];
    const message = `${label} ${status.toLowerCase()} after ${formatDuration(summary.durationMs)}${why ? `: ${why}` : '.'}`;
    void vscode.window.showErrorMessage(showHidden(message + note, true), ...(target && !traceOpened ? ['Open Trace'] : []), 'Run Again', 'Show Output').then((c) => {
      if (c === 'Open Trace') return openTrace();
      if (c === 'Run Again') return runAgain();
      if (c === 'Show Output') deps.output.show();
      return undefined;
    });
    return result('failed', message);
  }
  const message = `${label} finished: ${describeLastRun({ status, durationMs: summary.durationMs, ...(summary.tokens !== undefined ? { tokens: summary.tokens } : {}), ...(summary.cost !== undefined ? { cost: summary.cost } : {}) })}.`;
  void vscode.window.showInformationMessage(showHidden(message + note, true), ...(target && !traceOpened ? ['Open Trace'] : []), 'Run Again', 'Show Output').then((c) => {
    if (c === 'Open Trace') return openTrace();
    if (c === 'Run Again') return runAgain();
    if (c === 'Show Output') deps.output.show();
    return undefined;
  });
  return result('completed', message);
}

function progressText(e: RunEvent): string | undefined {
  switch (e.type) {
    case 'start': return 'started';
    case 'tool_call': return `calling ${e.name}`;
    case 'tool_result': return `${e.name ?? 'tool'} ${e.status === 'ERROR' ? 'failed' : 'returned'}`;
    case 'text': return 'answering…';
    case 'status': return /WAITING/i.test(e.status) ? 'waiting for approval' : e.status.toLowerCase().replace(/_/g, ' ');
    case 'error': return `error: ${e.message}`;
    default: return undefined;
  }
}

interface Summary { durationMs: number; tokens?: number; cost?: number }

function summarize(elapsedMs: number, o: RunOutcome, record: ExecutionRecord | undefined): Summary {
  const out: Summary = { durationMs: elapsedMs };
  if (record && record.endTime > 0 && record.endTime >= record.startTime) out.durationMs = record.endTime - record.startTime;
  const tokens = record ? record.inputTokens + record.outputTokens : o.usage?.inputTokens !== undefined ? o.usage.inputTokens + (o.usage.outputTokens ?? 0) : undefined;
  if (tokens !== undefined && Number.isFinite(tokens)) out.tokens = tokens;
  const cost = record?.totalCost ?? o.usage?.totalCost;
  if (typeof cost === 'number') out.cost = cost;
  return out;
}

/** The trace panel for the new record; when the trace cannot be loaded (yet), the response as JSON. */
async function openResult(deps: RunDeps, connection: string, agentId: string, o: RunOutcome): Promise<boolean> {
  if (o.executionRecordId) {
    try {
      const panel = await deps.panels.show({ kind: 'fruxon', connection, agentId, executionRecordId: o.executionRecordId });
      if (panel.loadError === undefined) return true;
      deps.log.warn(`the trace of ${o.executionRecordId} is not available yet; showing the response`, panel.loadError);
      panel.panel.dispose();
    } catch (e) {
      deps.log.warn('opening the trace failed; showing the response', e);
    }
  }
  const content = JSON.stringify({
    agent: agentId, executionRecordId: o.executionRecordId ?? null, status: o.status ?? null, response: o.response ?? null,
    humanApprovalRequestId: o.humanApprovalRequestId ?? null, usage: o.usage ?? null, errors: o.errors, via: o.via,
  }, null, 2);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content }), { preview: true });
  return false;
}

interface FailureCtx {
  connection: string;
  agentId: string;
  label: string;
  unsaved: boolean;
  runAgain: () => Thenable<unknown>;
  refresh: () => void;
  log: RunLogger;
  again: RunArgs;
}

/** Words and next steps for a run that did not come back. Nothing is ever re-sent by itself. */
function reportFailure(e: unknown, deps: RunDeps, c: FailureCtx): Pick<RunCommandResult, 'outcome' | 'message'> {
  const then = (choice: string | undefined): unknown => {
    if (choice === 'Run Again') return c.runAgain();
    if (choice === 'Refresh Records') return c.refresh();
    if (choice === 'Sign In') return vscode.commands.executeCommand('agentlens.signIn');
    if (choice === 'Pick Another Agent') return vscode.commands.executeCommand('agentlens.runAgent', { uri: c.again.uri, connection: c.connection, mode: c.again.mode, pickAgent: true });
    if (choice === 'Show Output') deps.output.show();
    return undefined;
  };
  deps.connections.reportError(c.connection, e);
  if (isCancelledError(e)) {
    const message = `Stopped waiting for ${c.label}. The run may continue on the server; refresh the agent's records to see it.`;
    c.log.note('cancelled locally; the run may continue on the server');
    void vscode.window.showInformationMessage(showHidden(message, true), 'Refresh Records', 'Run Again').then(then);
    return { outcome: 'cancelled', message };
  }
  deps.log.error(`run of ${c.agentId} failed`, e);
  const api = e instanceof ApiError ? e : undefined;
  let message: string;
  let actions: string[];
  if (api?.kind === 'http' && (api.status === 401 || api.status === 403)) {
    message = api.userMessage;
    actions = ['Sign In'];
  } else if (api?.kind === 'http' && api.status === 404) {
    message = joinSentences(api.userMessage, 'Nothing was run.');
    actions = ['Pick Another Agent'];
  } else if (api?.kind === 'http' && api.status >= 400 && api.status < 500) {
    const words = [api.title, api.detail].filter(Boolean).join(' — ');
    message = `Fruxon refused to run ${c.label} (${api.status})${words ? `: ${words}` : '.'}`;
    actions = ['Show Output'];
  } else if (api?.kind === 'http' && api.status >= 500) {
    message = joinSentences(
      `Fruxon failed while running ${c.label} (${api.status}${api.title ? ` ${api.title}` : ''})${api.detail ? `: ${api.detail}` : ''}`,
      'Nothing was retried; the run may or may not have started.',
    );
    actions = ['Refresh Records', 'Run Again'];
  } else if (api?.mayHaveReachedServer) {
    message = joinSentences(api.userMessage, 'The run may have started on the server; nothing was retried.');
    actions = ['Refresh Records', 'Run Again'];
  } else {
    message = joinSentences(describeError(e).message, 'Nothing was sent.');
    actions = ['Run Again'];
  }
  c.log.note(`failed: ${message}`);
  void vscode.window.showErrorMessage(showHidden(message, true), ...actions).then(then);
  return { outcome: 'error', message };
}
