import * as vscode from 'vscode';
import { WALKTHROUGH_KEY as KEY, walkthroughContextKey } from './stateKeys';

// The "Get started with AgentLens" walkthrough completes each step on the real event — a connection exists, an
// agent was expanded, a trace loaded, a run finished, a local trace arrived — never on a click inside the
// walkthrough. Each step is a context key (`agentlens.walkthrough.<step>`) its completion event waits for; what
// was done is remembered, so the keys are set again in a new window.

export type WalkthroughStep = 'signIn' | 'browse' | 'openTrace' | 'runAgent' | 'regressionTest' | 'localTraces';

/** The steps done in earlier windows; a value that is not a list of names counts as none. */
function stepsDone(state: vscode.Memento): WalkthroughStep[] {
  const done = state.get<unknown>(KEY);
  return Array.isArray(done) ? done.filter((s): s is WalkthroughStep => typeof s === 'string') : [];
}

/** Sets the context keys of the steps done in earlier windows: at activation, by the shell (src/extension.ts). */
export function restoreWalkthroughContext(state: vscode.Memento): void {
  for (const step of stepsDone(state)) void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
}

export class WalkthroughProgress {
  private readonly done: Set<WalkthroughStep>;

  /** The context keys of steps already done were set at activation (restoreWalkthroughContext). */
  constructor(private readonly state: vscode.Memento) {
    this.done = new Set(stepsDone(state));
  }

  has(step: WalkthroughStep): boolean {
    return this.done.has(step);
  }

  complete(step: WalkthroughStep): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
    void this.state.update(KEY, [...this.done]);
  }
}
