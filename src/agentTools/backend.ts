// What the tools need from their host, so one implementation serves VS Code (connections from SecretStorage,
// the receiver, open panels) and the `agentlens` command line (connections from environment variables).
// No `vscode` here.
import type { FruxonClient } from '../api/fruxon/client';
import type { ZaiaClient } from '../api/zaia/client';
import type { Trace } from '../model/types';
import type { TraceOrigin } from '../panels/origin';

export interface ToolConnection {
  readonly id: string;
  readonly kind: 'fruxon' | 'zaia';
  readonly label: string;
}

export interface ToolBackend {
  connections(): readonly ToolConnection[];
  fruxon(connectionId: string): Promise<FruxonClient | undefined>;
  zaia(connectionId: string): Promise<ZaiaClient | undefined>;
  /** Fetches (or reads) and maps the trace of an origin; throws an Error fit to show. */
  loadTrace(origin: TraceOrigin, signal?: AbortSignal): Promise<Trace>;
  /** Reads a run file or a trace file (relative paths against the workspace or working directory). */
  readText(path: string): Promise<{ text: string; path: string }>;
  /** Unix ms; a parameter so outputs in tests do not depend on the clock. */
  now(): number;
}
