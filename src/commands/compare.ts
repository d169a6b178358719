import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { ComparePanels } from '../panels/comparePanels';
import type { CompareTarget } from '../panels/comparePanel';
import type { TracePanels } from '../panels/tracePanels';
import { registerCommand } from '../registry';
import type { Logger } from '../util/logger';
import type { TreeNode } from '../views/nodes/base';
import { RecordNode } from '../views/nodes/recordNode';
import { labelOf, resolveCompareTarget } from './compareTargets';
import { pickCompareWith, previousRun } from './comparePick';

/**
 * `agentlens.compareExecutions` (two targets, or two records selected in the Agents view) and
 * `agentlens.compareWith` (one side given or in front, the other picked).
 */
export function registerCompareCommands(
  connections: ConnectionManager,
  view: vscode.TreeView<TreeNode>,
  tracePanels: TracePanels,
  comparePanels: ComparePanels,
  log: Logger,
): vscode.Disposable[] {
  const guarded = (fn: (...args: unknown[]) => Promise<unknown>) => async (...args: unknown[]) => {
    try {
      return await fn(...args);
    } catch (e) {
      log.error('compare failed', e);
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  };

  const compareExecutions = guarded(async (first?: unknown, second?: unknown) => {
    // From a menu on a multi-selection VS Code passes (clicked node, all selected nodes).
    const selected = Array.isArray(second) ? second : first === undefined ? view.selection : undefined;
    if (selected) {
      const records = selected.filter((n): n is RecordNode => n instanceof RecordNode);
      if (records.length !== 2) {
        void vscode.window.showInformationMessage('Select exactly two executions in the Agents view (Ctrl/Cmd+click) to compare them, or use "Compare with…" on one.');
        return undefined;
      }
      // Older run as A, newer as B: "what changed since".
      const [x, y] = [...records].sort((p, q) => p.record.startTime - q.record.startTime || p.record.id.localeCompare(q.record.id));
      return show(await resolveCompareTarget(x, connections), await resolveCompareTarget(y, connections));
    }
    const a = await resolveCompareTarget(first, connections);
    const b = await resolveCompareTarget(second, connections);
    if (!a || !b) throw new Error('agentlens.compareExecutions needs two traces: records ({ connection?, agentId, executionRecordId }), local trace ids or trace file URIs.');
    return show(a, b);
  });

  const show = async (a: CompareTarget | undefined, b: CompareTarget | undefined) => {
    if (!a || !b) return undefined;
    const p = await comparePanels.show(a, b);
    if (p.loadError) void vscode.window.showErrorMessage(`The comparison could not be made. ${p.loadError instanceof Error ? p.loadError.message : String(p.loadError)}`);
    return p;
  };

  const compareWith = guarded(async (arg?: unknown) => {
    let base = await resolveCompareTarget(arg, connections).catch(() => undefined);
    if (!base) {
      const front = tracePanels.active();
      if (front) base = { origin: front.origin, label: labelOf(front.origin) };
    }
    if (!base) {
      const node = view.selection.find((n): n is RecordNode => n instanceof RecordNode);
      if (node) base = await resolveCompareTarget(node, connections);
    }
    if (!base) {
      void vscode.window.showInformationMessage('Open a trace or select an execution in the Agents view first, then "Compare with…".');
      return undefined;
    }
    const other = await pickCompareWith(base, connections);
    return other ? show(other.previousFirst ? other.target : base, other.previousFirst ? base : other.target) : undefined;
  });

  // The run-file CodeLens after a run: that run (B) against the agent's run before it (A).
  const compareWithPrevious = guarded(async (arg?: unknown) => {
    const base = await resolveCompareTarget(arg ?? view.selection.find((n) => n instanceof RecordNode), connections);
    if (!base) {
      void vscode.window.showInformationMessage('Select an execution in the Agents view first, or run a run file.');
      return undefined;
    }
    const previous = await previousRun(base, connections);
    return previous ? show(previous, base) : undefined;
  });

  return [
    registerCommand('agentlens.compareExecutions', compareExecutions),
    registerCommand('agentlens.compareWithPrevious', compareWithPrevious),
    registerCommand('agentlens.compareWith', compareWith),
  ];
}
