// What the coding-agent bundle (dist/agent.js) gets from the core. It is its own bundle, so it must not use the
// core's module state or classes directly (its copies would be other modules): tree nodes are read through
// these functions, traces are loaded through the core's loader (which knows the receiver's traces).
import type { ConnectionManager } from '../connections/connectionManager';
import type { Trace } from '../model/types';
import type { TraceOrigin } from '../panels/origin';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';

export interface AgentHost {
  readonly connections: ConnectionManager;
  readonly panels: TracePanels;
  readonly log: Logger;
  /** The Agents view's selection. */
  selection(): readonly unknown[];
  /** A record or Zaia execution row as a trace origin. */
  originOfNode(node: unknown): TraceOrigin | undefined;
  /** The agent of an agent row or of a record row under it. */
  agentOfNode(node: unknown): { connection: string; agentId: string } | undefined;
  /** Fetches (or reads) and maps a trace the way the trace panel does. */
  loadTrace(origin: TraceOrigin, signal?: AbortSignal): Promise<Trace>;
}
