// The tools' host outside VS Code (the `agentlens mcp` server, tests): connections from the same environment
// variables the extension reads (FRUXON_API_KEY + FRUXON_TENANT [+ FRUXON_BASE_URL], ZAIA_API_KEY
// [+ ZAIA_BASE_URL]), traces fetched and mapped the way the trace panel does, files read from disk.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve, basename } from 'node:path';
import { FruxonClient } from '../api/fruxon/client';
import { ZaiaClient } from '../api/zaia/client';
import { profileFromEnvironment, zaiaProfileFromEnvironment } from '../connections/profiles';
import { fromTraceWithFallback } from '../model/fruxonTrace';
import { parseTraceText, traceFromFile } from '../model/traceFile';
import type { Trace } from '../model/types';
import { traceFromNestings, type ZaiaResponderInfo } from '../model/zaiaTrace';
import type { TraceOrigin } from '../panels/origin';
import type { ToolBackend, ToolConnection } from './backend';

export class EnvToolBackend implements ToolBackend {
  private readonly list: ToolConnection[] = [];
  private readonly fruxonClients = new Map<string, FruxonClient>();
  private readonly zaiaClients = new Map<string, ZaiaClient>();

  constructor(env: Readonly<Record<string, string | undefined>>, private readonly cwd = process.cwd(), private readonly clock: () => number = Date.now) {
    const f = profileFromEnvironment(env);
    if (f) {
      this.list.push({ id: f.profile.id, kind: 'fruxon', label: f.profile.label });
      this.fruxonClients.set(f.profile.id, new FruxonClient({ baseUrl: f.profile.baseUrl, tenant: f.profile.tenant, credential: f.credential }));
    }
    const z = zaiaProfileFromEnvironment(env);
    if (z) {
      this.list.push({ id: z.profile.id, kind: 'zaia', label: z.profile.label });
      this.zaiaClients.set(z.profile.id, new ZaiaClient({ baseUrl: z.profile.baseUrl, apiKey: z.credential }));
    }
  }

  connections(): readonly ToolConnection[] {
    return this.list;
  }

  async fruxon(id: string): Promise<FruxonClient | undefined> {
    return this.fruxonClients.get(id);
  }

  async zaia(id: string): Promise<ZaiaClient | undefined> {
    return this.zaiaClients.get(id);
  }

  now(): number {
    return this.clock();
  }

  async readText(path: string): Promise<{ text: string; path: string }> {
    const full = isAbsolute(path) ? path : resolve(this.cwd, path);
    return { text: await readFile(full, 'utf8'), path: full };
  }

  async loadTrace(origin: TraceOrigin, signal?: AbortSignal): Promise<Trace> {
    const opts = signal ? { signal } : {};
    switch (origin.kind) {
      case 'file': {
        const { text, path } = await this.readText(origin.path);
        return traceFromFile(parseTraceText(text, basename(path)), origin.traceId !== undefined ? { traceId: origin.traceId } : {});
      }
      case 'zaia': {
        const client = this.zaiaClients.get(origin.connection);
        if (!client) throw new Error(`Not signed in to ${origin.connection}.`);
        const [nestings, responders] = await Promise.all([
          client.getNestings({ executionId: origin.executionId }, opts),
          // Names only label the steps: the trace still reads without them.
          client.listAllResponders({}, opts).catch(() => undefined),
        ]);
        const names = responders ? new Map<string, ZaiaResponderInfo>(responders.map((r) => [r.id, { name: r.name ?? null, entity: r.entity ?? null }])) : undefined;
        return traceFromNestings(nestings, names ? { responders: names } : {});
      }
      case 'local':
        throw new Error('Local receiver traces live in the VS Code window that received them; the command line cannot read them. Save the trace as a file instead.');
      case 'store':
        throw new Error('Traces from Jaeger or Grafana Tempo are read through a VS Code connection; the command line reads Fruxon and Zaia. Save the trace as a file instead.');
      default: {
        const client = this.fruxonClients.get(origin.connection);
        if (!client) throw new Error(`Not signed in to ${origin.connection}.`);
        const [record, trace, agent] = await Promise.all([
          client.getExecutionRecord(origin.agentId, origin.executionRecordId, opts),
          client.getTraceWithFallback(origin.agentId, origin.executionRecordId, opts),
          client.getAgent(origin.agentId, opts).catch(() => undefined),
        ]);
        return fromTraceWithFallback(trace, record, agent?.displayName ? { agentName: agent.displayName } : {});
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.fruxonClients.values(), ...this.zaiaClients.values()].map((c) => c.close()));
  }
}
