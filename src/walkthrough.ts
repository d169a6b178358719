import * as vscode from 'vscode';
import { WALKTHROUGH_KEY as KEY, walkthroughContextKey } from './stateKeys';

// The "Get started with AgentLens" walkthrough completes each step on the real event — a connection exists, an
// agent was expanded, a trace loaded, a run finished, a local trace arrived — never on a click inside the
// walkthrough. Each step is a context key (`agentlens.walkthrough.<step>`) its completion event waits for; what
// was done is remembered, so the keys are set again in a new window.

export type WalkthroughStep = 'signIn' | 'browse' | 'openTrace' | 'runAgent' | 'localTraces';


export class WalkthroughProgress {
  private readonly done: Set<WalkthroughStep>;

  constructor(private readonly state: vscode.Memento) {
    this.done = new Set(state.get<WalkthroughStep[]>(KEY, []));
    for (const step of this.done) void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
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
