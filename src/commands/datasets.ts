import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import { ApiError } from '../api/errors';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Logger } from '../util/logger';
import { describeError } from '../views/errors';
import type { TreeNode } from '../views/nodes/base';
import { resolveRecordTarget } from './targets';
import { plural } from '../shared/text';

const RECENT_KEY = 'agentlens.recentDatasets';
const QUALITIES = ['GOOD', 'BAD', 'NEEDS_REVIEW'] as const;

/** Arguments that skip the dialogs (tests, other extensions). */
export interface AddToDatasetsOptions {
  datasetIds: string[];
  quality?: string;
  tags?: string[];
  /** Add even to datasets that already hold a sample of this execution. Default false (at most once). */
  addAgain?: boolean;
}

export interface AddToDatasetsOutcome {
  created: Array<{ id: string; datasetId: string }>;
  skipped: string[];
}

/**
 * Add to datasets, at most once per dataset by default: the API creates a new sample row on every call,
 * so existing samples of this execution are looked up first and those datasets are skipped unless the
 * user chooses to add again. The POST is never retried: it may have reached the server.
 */
export function registerDatasetCommands(connections: ConnectionManager, state: vscode.Memento, selection: () => readonly TreeNode[], log: Logger): vscode.Disposable[] {
  const run = async (arg?: unknown, given?: AddToDatasetsOptions): Promise<AddToDatasetsOutcome | undefined> => {
    const t = await resolveRecordTarget(arg, connections, selection());
    if (!t) return undefined;
    const client = await connections.client(t.connection);
    if (!client) return void vscode.window.showErrorMessage('Sign in to Fruxon first.');
    const options = given ?? (await ask(state));
    if (!options) return undefined;
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Adding to datasets…' }, async () => {
        const existing = new Set((await client.listSamples(t.agentId, t.executionRecordId)).map((s) => s.datasetId));
        const already = options.datasetIds.filter((d) => existing.has(d));
        let addAgain = options.addAgain ?? false;
        if (already.length && !given) {
          const choice = await vscode.window.showWarningMessage(
            `This execution is already a sample in ${already.length === 1 ? 'dataset' : 'datasets'} ${already.join(', ')}.`,
            { modal: true, detail: 'Adding again creates another sample row. By default those datasets are skipped.' },
            'Skip Those',
            'Add Again',
          );
          if (!choice) return undefined;
          addAgain = choice === 'Add Again';
        }
        const targets = addAgain ? options.datasetIds : options.datasetIds.filter((d) => !existing.has(d));
        const skipped = addAgain ? [] : already;
        if (!targets.length) {
          void vscode.window.showInformationMessage(`Already in ${skipped.join(', ')}; nothing was added.`);
          return { created: [], skipped };
        }
        const samples = await client.addToDatasets(t.agentId, t.executionRecordId, {
          datasetIds: targets,
          ...(options.quality ? { quality: options.quality } : {}),
          ...(options.tags?.length ? { tags: options.tags } : {}),
        });
        await remember(state, options.datasetIds);
        const created = samples.map((s) => ({ id: s.id, datasetId: s.datasetId }));
        const skippedNote = skipped.length ? ` Skipped ${skipped.join(', ')} (already there).` : '';
        void vscode.window.showInformationMessage(`Added ${plural(created.length, 'sample')} to ${targets.join(', ')}.${skippedNote}`);
        return { created, skipped };
      });
    } catch (e) {
      log.error(`add to datasets failed for ${t.executionRecordId}`, e);
      connections.reportError(t.connection, e);
      const maybe = e instanceof ApiError && e.mayHaveReachedServer;
      const message = describeError(e).message + (maybe ? ' The request may have reached the server, so it was not retried: check the datasets before adding again.' : '');
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
  return [registerCommand('agentlens.addToDatasets', run)];
}

async function ask(state: vscode.Memento): Promise<AddToDatasetsOptions | undefined> {
  const recent = state.get<string[]>(RECENT_KEY, []);
  let datasetIds: string[] = [];
  if (recent.length) {
    const picks = await vscode.window.showQuickPick(
      [...recent.map((id) => ({ label: id, description: 'recent' })), { label: '$(add) Other dataset IDs…', description: '' }],
      { title: 'Add to datasets (1/3): datasets', canPickMany: true, ignoreFocusOut: true },
    );
    if (!picks) return undefined;
    datasetIds = picks.filter((p) => p.description === 'recent').map((p) => p.label);
    if (picks.some((p) => p.description === '')) {
      const more = await askIds();
      if (more === undefined) return undefined;
      datasetIds.push(...more);
    }
  } else {
    const ids = await askIds();
    if (!ids) return undefined;
    datasetIds = ids;
  }
  datasetIds = [...new Set(datasetIds)];
  if (!datasetIds.length) return undefined;
  const quality = await vscode.window.showQuickPick(
    [...QUALITIES.map((q) => ({ label: q })), { label: 'No quality label' }],
    { title: 'Add to datasets (2/3): quality', ignoreFocusOut: true },
  );
  if (!quality) return undefined;
  const tagText = await vscode.window.showInputBox({ title: 'Add to datasets (3/3): tags (optional, comma-separated)', ignoreFocusOut: true });
  if (tagText === undefined) return undefined;
  const tags = tagText.split(',').map((s) => s.trim()).filter(Boolean);
  return { datasetIds, ...(quality.label !== 'No quality label' ? { quality: quality.label } : {}), tags };
}

async function askIds(): Promise<string[] | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Dataset IDs (comma-separated)',
    ignoreFocusOut: true,
    validateInput: (v) => (v.split(',').some((s) => s.trim()) ? undefined : 'Enter at least one dataset ID'),
  });
  return text?.split(',').map((s) => s.trim()).filter(Boolean);
}

async function remember(state: vscode.Memento, ids: string[]): Promise<void> {
  const recent = [...new Set([...ids, ...state.get<string[]>(RECENT_KEY, [])])].slice(0, 10);
  await state.update(RECENT_KEY, recent);
}

