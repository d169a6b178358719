import type { StoreProfile } from '../../connections/profiles';
import { describeError } from '../errors';
import type { TreeContext } from '../treeContext';
import { actionNode, MessageNode, type TreeNode } from '../nodes/base';
import { StoreListNode } from './storeListNode';
import { storeViewState } from './storeViewState';

/**
 * What a trace store connection's row holds: Jaeger's services, or Tempo's saved TraceQL queries (a GenAI query
 * and "All traces" to begin with) and a row to add one; or a sign-in, error or empty state. The ConnectionNode
 * delegates here for Jaeger and Tempo profiles.
 */
export class StoreConnectionContent {
  private lists: StoreListNode[] | undefined;
  private error: unknown;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly node: TreeNode,
    private readonly ctx: TreeContext,
    readonly profile: StoreProfile,
  ) {}

  get listNodes(): readonly StoreListNode[] {
    return this.lists ?? [];
  }

  reset(): void {
    this.lists = undefined;
    this.error = undefined;
  }

  async getChildren(): Promise<TreeNode[]> {
    const id = this.profile.id;
    const signIn = actionNode(this.node, 'Sign in…', 'sign-in', { command: 'agentlens.signIn', title: 'Sign In', arguments: [{ kind: this.profile.kind, baseUrl: this.profile.baseUrl }] });
    if (this.ctx.connections.state(id).kind === 'ready' && !this.lists && !this.loading) {
      this.loading = this.load().finally(() => (this.loading = undefined));
    }
    if (this.loading) await this.loading;
    const state = this.ctx.connections.state(id);
    if (state.kind === 'unauthorized') {
      return [new MessageNode(this.node, 'The store refused the credential. Sign in again.', { icon: 'warning', color: 'problemsWarningIcon.foreground', tooltip: state.message, contextValue: 'error:auth', actions: [signIn] })];
    }
    if (state.kind === 'signedOut') return [new MessageNode(this.node, 'Not signed in', { icon: 'account', contextValue: 'error:signedOut', actions: [signIn] })];
    if (this.error) {
      const { message } = describeError(this.error);
      const retry = actionNode(this.node, 'Retry', 'refresh', { command: 'agentlens.refreshNode', title: 'Retry', arguments: [this.node] });
      return [new MessageNode(this.node, message, { icon: 'error', color: 'errorForeground', tooltip: message, contextValue: 'error', actions: [retry, signIn] })];
    }
    const out: TreeNode[] = [...(this.lists ?? [])];
    if (this.profile.kind === 'tempo') {
      out.push(actionNode(this.node, 'Add TraceQL query…', 'add', { command: 'agentlens.addTempoQuery', title: 'Add TraceQL Query', arguments: [{ connection: id }] }, 'addQuery'));
    } else if (!out.length) {
      out.push(new MessageNode(this.node, 'No services have sent traces to this Jaeger', { icon: 'info', contextValue: 'empty' }));
    }
    return out;
  }

  private async load(): Promise<void> {
    this.error = undefined;
    const id = this.profile.id;
    try {
      if (this.profile.kind === 'tempo') {
        // Saved queries are local; nothing to ask the store until a query is expanded.
        this.lists = storeViewState().queries(id).map((query) => new StoreListNode(this.node, this.ctx, this.profile, { query }));
        return;
      }
      const client = await this.ctx.connections.jaegerClient(id);
      if (!client) return;
      const services = await client.listServices();
      // Jaeger's own spans (jaeger-all-in-one, jaeger-query) are not what anyone opened AgentLens for: last.
      services.sort((a, b) => Number(/^jaeger/.test(a)) - Number(/^jaeger/.test(b)) || a.localeCompare(b));
      this.lists = services.map((service) => new StoreListNode(this.node, this.ctx, this.profile, { service }));
      this.ctx.connections.reportSuccess(id);
    } catch (e) {
      this.error = e;
      this.ctx.connections.reportError(id, e);
      this.ctx.log.warn(`listing services of ${this.profile.label} failed`, e);
    }
  }
}
