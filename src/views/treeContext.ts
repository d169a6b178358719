import type { Approval } from '../api/fruxon/approvalSchemas';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Logger } from '../util/logger';
import type { FilterStore } from './filterStore';
import type { TreeNode } from './nodes/base';

/** What the tree's nodes need from the outside world; built once by the provider. */
export interface TreeContext {
  readonly connections: ConnectionManager;
  readonly filters: FilterStore;
  readonly log: Logger;
  pageSize(): number;
  now(): number;
  /** Re-renders a node (or the whole tree). */
  refresh(node?: TreeNode): void;
  /** Records still running are polled while the view is visible. */
  trackRunning(node: TreeNode & { refreshRecord(): Promise<boolean> }, running: boolean): void;
  /** Pending approvals per connection (views/approvalsMonitor.ts); set once the monitor exists. */
  approvals?: ApprovalCounts;
}

export interface ApprovalCounts {
  pending(connection: string, agentId?: string): readonly Approval[] | undefined;
  total(connection: string): number | undefined;
}
