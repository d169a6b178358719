// The simulator's /_sim admin routes, for tests running inside the extension host (another process).

export interface SimInfo {
  baseUrl: string;
  tenant: string;
  apiKey: string;
  token: string;
  bulkAgentId: string;
  agents: Array<{ id: string; displayName: string; recordCount: number }>;
  special: Record<'running' | 'waiting' | 'failed' | 'native' | 'huge' | 'hitl' | 'compareBase' | 'compareExtraTool' | 'comparePrompt' | 'compareFailed', { agentId: string; recordId: string }>;
  /** The Zaia Endless routes of the same simulator. */
  zaia: {
    baseUrl: string;
    apiKey: string;
    /** The canary key: in no environment variable, only typed into sign-in. */
    extraKeys: string[];
    workspaceId: string;
    deepDepth: number;
    special: Record<'running' | 'failed' | 'purged' | 'deep' | 'unknownStatus' | 'unknownDetail' | 'squad', string>;
    responders: Array<{ id: string; entity: string; name: string; executionCount: number }>;
  };
  /** The trace stores of the same simulator: Jaeger (open) and Tempo (this token). */
  stores: { jaegerBaseUrl: string; tempoBaseUrl: string; token: string };
}

export interface SimRequest {
  /** When the request arrived (ms); it is logged once answered. */
  time: number;
  method: string;
  path: string;
  route: string;
  query: Record<string, string[]>;
  auth: string;
  status: number;
}

export async function sim(method: string, path: string, body?: unknown): Promise<unknown> {
  const base = process.env.FRUXON_BASE_URL;
  if (!base) throw new Error('FRUXON_BASE_URL is not set: run through the integration harness');
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

export async function simInfo(): Promise<SimInfo> {
  return (await sim('GET', '/_sim/info')) as SimInfo;
}

export async function simRequests(): Promise<SimRequest[]> {
  return ((await sim('GET', '/_sim/requests')) as { requests: SimRequest[] }).requests;
}
