import * as vscode from 'vscode';
import { InsightsCache } from '../../model/insights/cache';
import { InsightsPanel, type InsightsDeps } from './insightsPanel';
import { targetKey, type InsightsTarget } from './target';

export const INSIGHTS_VIEW_TYPE = 'agentlens.insights';

/** One insights panel per agent: showing it again reveals the open one. The record cache is shared. */
export class InsightsPanels implements vscode.Disposable {
  private readonly open = new Map<string, InsightsPanel>();
  private readonly deps: InsightsDeps;

  constructor(deps: Omit<InsightsDeps, 'cache'>) {
    this.deps = { ...deps, cache: new InsightsCache() };
  }

  show(target: InsightsTarget): InsightsPanel {
    const key = targetKey(target);
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, `Insights: ${target.label}`, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false });
    const p = new InsightsPanel(panel, target, this.deps, () => this.open.delete(key));
    this.open.set(key, p);
    return p;
  }

  /** The open panels, for tests. */
  list(): InsightsPanel[] {
    return [...this.open.values()];
  }

  dispose(): void {
    for (const p of this.open.values()) p.panel.dispose();
    this.open.clear();
    this.deps.cache.clear();
  }
}
