import type { ZaiaProfile } from '../../connections/profiles';
import { describeError } from '../errors';
import type { TreeContext } from '../treeContext';
import { actionNode, MessageNode, type TreeNode } from './base';
import { responderType, ZaiaResponderNode } from './zaiaResponderNode';

const ORDER = { agent: 0, squad: 1, workflow: 2, other: 3 } as const;

/**
 * What a Zaia connection's row holds: its responders (agents, then squads, then workflows, each by name),
 * or a sign-in, error or empty state. The ConnectionNode delegates here for Zaia profiles.
 */
export class ZaiaConnectionContent {
  private responders: ZaiaResponderNode[] | undefined;
  private error: unknown;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly node: TreeNode,
    private readonly ctx: TreeContext,
    readonly profile: ZaiaProfile,
  ) {}

  get responderNodes(): readonly ZaiaResponderNode[] {
    return this.responders ?? [];
  }

  reset(): void {
    this.responders = undefined;
    this.error = undefined;
  }

  async getChildren(): Promise<TreeNode[]> {
    const id = this.profile.id;
    const signIn = actionNode(this.node, 'Sign in…', 'sign-in', { command: 'agentlens.signIn', title: 'Sign In', arguments: [{ kind: 'zaia', baseUrl: this.profile.baseUrl }] });
    if (this.ctx.connections.state(id).kind === 'ready' && !this.responders && !this.loading) {
      this.loading = this.load().finally(() => (this.loading = undefined));
    }
    if (this.loading) await this.loading;
    const state = this.ctx.connections.state(id);
    if (state.kind === 'unauthorized') {
      return [new MessageNode(this.node, 'The API key was rejected. Sign in again.', { icon: 'warning', color: 'problemsWarningIcon.foreground', tooltip: state.message, contextValue: 'error:auth', actions: [signIn] })];
    }
    if (state.kind === 'signedOut') return [new MessageNode(this.node, 'Not signed in', { icon: 'account', contextValue: 'error:signedOut', actions: [signIn] })];
    if (this.error) {
      const { message } = describeError(this.error);
      const retry = actionNode(this.node, 'Retry', 'refresh', { command: 'agentlens.refreshNode', title: 'Retry', arguments: [this.node] });
      return [new MessageNode(this.node, message, { icon: 'error', color: 'errorForeground', tooltip: message, contextValue: 'error', actions: [retry, signIn] })];
    }
    if (!this.responders?.length) return [new MessageNode(this.node, 'No agents, squads or workflows in this workspace', { icon: 'info', contextValue: 'empty' })];
    return this.responders;
  }

  private async load(): Promise<void> {
    this.error = undefined;
    const id = this.profile.id;
    try {
      const client = await this.ctx.connections.zaiaClient(id);
      if (!client) return;
      const all = await client.listAllResponders();
      all.sort((a, b) => ORDER[responderType(a.entity)] - ORDER[responderType(b.entity)] || (a.name || a.id).localeCompare(b.name || b.id));
      this.responders = all.map((r) => new ZaiaResponderNode(this.node, this.ctx, id, r));
      this.ctx.connections.reportSuccess(id);
    } catch (e) {
      this.error = e;
      this.ctx.connections.reportError(id, e);
      this.ctx.log.warn(`listing responders of ${this.profile.label} failed`, e);
    }
  }
}
