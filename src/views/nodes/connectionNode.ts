import * as vscode from 'vscode';
import { isZaiaProfile, type ConnectionProfile } from '../../connections/profiles';
import { describeError } from '../errors';
import type { TreeContext } from '../treeContext';
import { AgentNode } from './agentNode';
import { ApprovalsNode } from './approvalsNode';
import { actionNode, MessageNode, TreeNode } from './base';
import { ZaiaConnectionContent } from './zaiaConnection';

/** A signed-in backend (tenant at a base URL) and its agents. */
export class ConnectionNode extends TreeNode {
  private agents: AgentNode[] | undefined;
  private approvalsNode: ApprovalsNode | undefined;
  private error: unknown;
  private loading: Promise<void> | undefined;
  /** Set for a Zaia profile: its responders and states live there. */
  readonly zaia: ZaiaConnectionContent | undefined;

  constructor(
    private readonly ctx: TreeContext,
    readonly profile: ConnectionProfile,
  ) {
    super(undefined);
    if (isZaiaProfile(profile)) this.zaia = new ZaiaConnectionContent(this, ctx, profile);
  }

  get agentNodes(): readonly AgentNode[] {
    return this.agents ?? [];
  }

  /** The tenant-wide "Approvals" node, once the agents have loaded. */
  get approvals(): ApprovalsNode | undefined {
    return this.approvalsNode;
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.profile;
    const state = this.ctx.connections.state(p.id);
    const item = new vscode.TreeItem(p.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = p.id;
    const host = new URL(p.baseUrl).host;
    if (!p.label.includes(host)) item.description = host;
    item.iconPath =
      state.kind === 'ready'
        ? new vscode.ThemeIcon(p.fromEnvironment ? 'symbol-variable' : 'plug')
        : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = `Fruxon tenant "${p.tenant}" at ${p.baseUrl}${p.fromEnvironment ? '\nFrom FRUXON_* environment variables' : ''}`;
    if (this.zaia) item.tooltip = `Zaia Endless workspace at ${p.baseUrl}${p.fromEnvironment ? '\nFrom ZAIA_* environment variables' : ''}`;
    item.contextValue = `connection:${state.kind}${p.fromEnvironment ? ':env' : ''}`;
    return item;
  }

  reset(): void {
    this.agents = undefined;
    this.approvalsNode = undefined;
    this.error = undefined;
    this.zaia?.reset();
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (this.zaia) return this.zaia.getChildren();
    const signIn = actionNode(this, 'Sign in…', 'sign-in', { command: 'agentlens.signIn', title: 'Sign In', arguments: [{ baseUrl: this.profile.baseUrl, tenant: this.profile.tenant }] });
    if (this.ctx.connections.state(this.profile.id).kind === 'ready' && !this.agents && !this.loading) {
      this.loading = this.load().finally(() => (this.loading = undefined));
    }
    if (this.loading) await this.loading;
    // Read the state after loading: the request itself may have been refused.
    const state = this.ctx.connections.state(this.profile.id);
    if (state.kind === 'unauthorized') {
      return [new MessageNode(this, 'The credential was rejected. Sign in again.', { icon: 'warning', color: 'problemsWarningIcon.foreground', tooltip: state.message, contextValue: 'error:auth', actions: [signIn] })];
    }
    if (state.kind === 'signedOut') {
      return [new MessageNode(this, 'Not signed in', { icon: 'account', contextValue: 'error:signedOut', actions: [signIn] })];
    }
    if (this.error) {
      const { message } = describeError(this.error);
      const retry = actionNode(this, 'Retry', 'refresh', { command: 'agentlens.refreshNode', title: 'Retry', arguments: [this] });
      return [new MessageNode(this, message, { icon: 'error', color: 'errorForeground', tooltip: message, contextValue: 'error', actions: [retry, signIn] })];
    }
    if (!this.agents?.length) return [new MessageNode(this, 'No agents in this tenant', { icon: 'info', contextValue: 'empty' })];
    this.approvalsNode ??= new ApprovalsNode(this, this.ctx, this.profile.id, undefined, (id) => this.agents?.find((a) => a.agent.id === id)?.agent.displayName);
    return [this.approvalsNode, ...this.agents];
  }

  private async load(): Promise<void> {
    this.error = undefined;
    try {
      const client = await this.ctx.connections.client(this.profile.id);
      if (!client) return;
      const agents = await client.listAgents();
      agents.sort((a, b) => (a.displayName || a.id).localeCompare(b.displayName || b.id));
      this.agents = agents.map((a) => new AgentNode(this, this.ctx, this.profile.id, a));
      this.ctx.connections.reportSuccess(this.profile.id);
    } catch (e) {
      this.error = e;
      this.ctx.connections.reportError(this.profile.id, e);
      this.ctx.log.warn(`listing agents of ${this.profile.label} failed`, e);
    }
  }
}
