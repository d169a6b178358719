// The five tools as plain functions from validated input to plain text, shared by the VS Code language-model
// tools, the chat participant and the MCP server. Deterministic for the same data (times are printed in UTC,
// nothing depends on the clock but relative `since`), never over the caller's budget, and never holding a
// credential: they print ids, names, figures and trace content, never headers or keys.
import { z } from 'zod';
import type { ExecutionRecord } from '../api/fruxon/schemas';
import { traceOutline, DEFAULT_MAX_TOKENS, indexSteps } from '../model/agentText/traceOutline';
import { durationText, isoTime, moneyText, oneLine, stepIo } from '../model/agentText/text';
import type { Trace } from '../model/types';
import type { ToolBackend, ToolConnection } from './backend';
import { fitLines } from './budgetText';
import { compareText } from './compareText';
import { parseTime, pickConnection, resolveExecution, ToolInputError } from './refs';
import type { ToolName } from './definitions';
import { runAgentTool, RunInput } from './runTool';

const budget = z.number().int().min(1).max(100_000).optional();
const ListInput = z.object({
  agent: z.string().optional(), connection: z.string().optional(), status: z.array(z.string()).optional(), environment: z.string().optional(),
  revision: z.number().int().optional(), since: z.string().optional(), until: z.string().optional(), limit: z.number().int().min(1).max(100).optional(),
});
const TraceInput = z.object({
  execution: z.string(), agent: z.string().optional(), connection: z.string().optional(), focus: z.string().optional(), cursor: z.string().optional(), maxTokens: budget,
});
const FailuresInput = z.object({
  agent: z.string(), connection: z.string().optional(), since: z.string().optional(), limit: z.number().int().min(1).max(20).optional(), maxTokens: budget,
});
const CompareInput = z.object({ a: z.string(), b: z.string(), agent: z.string().optional(), connection: z.string().optional(), maxTokens: budget });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  throw new ToolInputError(`Invalid input: ${i.path.join('.') || '(input)'}: ${i.message}.`);
}

function recordLine(r: ExecutionRecord): string {
  const tokens = r.inputTokens + r.outputTokens;
  return [
    r.id, r.status, isoTime(r.startTime), r.endTime ? durationText({ start: r.startTime, end: r.endTime }) : 'running',
    `revision ${r.agentRevision}`, r.environmentSlug ? `environment ${r.environmentSlug}` : '', `${tokens} tokens`, moneyText(r.totalCost, 'USD'),
  ].filter(Boolean).join(' · ');
}

export class AgentTools {
  constructor(private readonly backend: ToolBackend) {}

  /** Runs a tool by name; input errors and service errors come back as text the model can act on. */
  async invoke(name: ToolName, input: unknown, signal?: AbortSignal): Promise<string> {
    try {
      switch (name) {
        case 'agentlens_listExecutions': return await this.listExecutions(input, signal);
        case 'agentlens_getTrace': return await this.getTrace(input, signal);
        case 'agentlens_findFailures': return await this.findFailures(input, signal);
        case 'agentlens_compareExecutions': return await this.compareExecutions(input, signal);
        case 'agentlens_runAgent': return await runAgentTool(this.backend, parse(RunInput, input), signal);
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      return `Error: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  async listExecutions(input: unknown, signal?: AbortSignal): Promise<string> {
    const q = parse(ListInput, input);
    const opts = signal ? { signal } : {};
    if (!q.agent) return this.listAgents(q.connection, signal);
    const c = await this.agentConnection(q.agent, q.connection, signal);
    const limit = q.limit ?? 20;
    if (c.kind === 'zaia') {
      const client = await this.backend.zaia(c.id);
      if (!client) throw new ToolInputError(`Not signed in to ${c.id}.`);
      const page = await client.listExecutions({ responderIds: [q.agent], pageSize: limit }, opts);
      const lines = [`Executions of Zaia responder ${q.agent} (connection ${c.id}), newest first, ${page.items.length} shown${page.hasMore ? ' (more exist)' : ''}:`];
      for (const e of page.items) lines.push(`zaia:${e.id} · ${e.status ?? '?'} · ${isoTime(e.startedAt ?? undefined)} · ${e.creditsUsed ?? 0} credits`);
      return fitLines(lines, DEFAULT_MAX_TOKENS, (n) => `[${n} more lines cut]`);
    }
    const client = await this.backend.fruxon(c.id);
    if (!client) throw new ToolInputError(`Not signed in to ${c.id}.`);
    const now = this.backend.now();
    const startTime = parseTime(q.since, now, 'since');
    const endTime = parseTime(q.until, now, 'until');
    const query = {
      pageSize: limit,
      ...(startTime !== undefined ? { startTime } : {}), ...(endTime !== undefined ? { endTime } : {}),
      ...(q.environment ? { environment: q.environment } : {}),
      ...(q.status?.length ? { status: q.status.map((s) => s.toUpperCase()) } : {}),
      ...(q.revision !== undefined ? { agentRevision: [q.revision] } : {}),
    };
    const page = await client.listExecutionRecords(q.agent, query, opts);
    const items = page.items.slice(0, limit);
    const filters = [q.status?.length ? `status ${q.status.join('/')}` : '', q.environment ? `environment ${q.environment}` : '',
      q.revision !== undefined ? `revision ${q.revision}` : '', q.since ? `since ${q.since}` : '', q.until ? `until ${q.until}` : ''].filter(Boolean).join(', ');
    const lines = [
      `Executions of agent ${q.agent} (connection ${c.id})${filters ? `, ${filters}` : ''}, newest first: ${items.length} shown`
        + `${page.totalCount !== undefined ? ` of ${page.totalCount}` : page.nextPageToken ? ' (more exist)' : ''}.`,
      'id · status · started · duration · revision · environment · tokens · cost',
      ...items.map(recordLine),
    ];
    if (items.length === 0) lines.push('(none match)');
    return fitLines(lines, DEFAULT_MAX_TOKENS, (n) => `[${n} more executions cut; pass a smaller limit or narrower filters]`);
  }

  /** The connection an agent is on: the one named, the only one, else the first that knows the agent. */
  private async agentConnection(agent: string, connection: string | undefined, signal?: AbortSignal): Promise<ToolConnection> {
    const all = this.backend.connections();
    if (connection || all.length <= 1) return pickConnection(this.backend, undefined, connection);
    const opts = signal ? { signal } : {};
    for (const c of all) {
      const known = c.kind === 'zaia'
        ? await (await this.backend.zaia(c.id))?.listAllResponders({}, opts, 5).then((rs) => rs.some((r) => r.id === agent), () => false)
        : await (await this.backend.fruxon(c.id))?.getAgent(agent, opts).then(() => true, () => false);
      if (known) return c;
    }
    throw new ToolInputError(`No signed-in connection has an agent "${agent}" (tried ${all.map((c) => c.id).join(', ')}). List agents without "agent" to see their ids.`);
  }

  private async listAgents(connection: string | undefined, signal?: AbortSignal): Promise<string> {
    const all = connection ? [pickConnection(this.backend, undefined, connection)] : [...this.backend.connections()];
    if (all.length === 0) pickConnection(this.backend, undefined, undefined);
    const lines: string[] = [];
    for (const c of all) {
      lines.push(`Connection ${c.id} (${c.kind === 'zaia' ? 'Zaia Endless' : 'Fruxon'}):`);
      if (c.kind === 'zaia') {
        const client = await this.backend.zaia(c.id);
        for (const r of (await client?.listAllResponders({}, signal ? { signal } : {}, 5)) ?? []) lines.push(`  responder ${r.id} · "${oneLine(r.name ?? '', 80)}" · ${r.entity ?? '?'}`);
      } else {
        const client = await this.backend.fruxon(c.id);
        for (const a of (await client?.listAgents(signal ? { signal } : {})) ?? []) {
          lines.push(`  agent ${a.id} · "${oneLine(a.displayName, 80)}"${a.currentRevision !== undefined ? ` · revision ${a.currentRevision}` : ''}`);
        }
      }
    }
    lines.push('Pass "agent" to list an agent\'s executions.');
    return fitLines(lines, DEFAULT_MAX_TOKENS, (n) => `[${n} more lines cut; pass "connection" to list one connection's agents]`);
  }

  async loadTrace(execution: string, agent: string | undefined, connection: string | undefined, signal?: AbortSignal): Promise<Trace> {
    return this.backend.loadTrace(resolveExecution(this.backend, execution, agent, connection), signal);
  }

  async getTrace(input: unknown, signal?: AbortSignal): Promise<string> {
    const q = parse(TraceInput, input);
    const trace = await this.loadTrace(q.execution, q.agent, q.connection, signal);
    return traceOutline(trace, { maxTokens: q.maxTokens, focus: q.focus, cursor: q.cursor }).text;
  }

  async findFailures(input: unknown, signal?: AbortSignal): Promise<string> {
    const q = parse(FailuresInput, input);
    const c = pickConnection(this.backend, 'fruxon', q.connection);
    const client = await this.backend.fruxon(c.id);
    if (!client) throw new ToolInputError(`Not signed in to ${c.id}.`);
    const since = parseTime(q.since, this.backend.now(), 'since');
    const opts = signal ? { signal } : {};
    const page = await client.listExecutionRecords(q.agent, { status: ['FAILED'], pageSize: q.limit ?? 5, ...(since !== undefined ? { startTime: since } : {}) }, opts);
    const records = page.items.filter((r) => r.status.toUpperCase() === 'FAILED').slice(0, q.limit ?? 5);
    const lines = [`Failed executions of agent ${q.agent} (connection ${c.id}), newest first: ${records.length}${page.nextPageToken ? ' (more exist)' : ''}.`];
    if (records.length === 0) lines.push('None failed in this range.');
    for (const r of records) {
      lines.push('', `Execution ${r.id} · ${isoTime(r.startTime)} · revision ${r.agentRevision}${r.environmentSlug ? ` · environment ${r.environmentSlug}` : ''}`);
      let trace: Trace;
      try {
        trace = await this.backend.loadTrace({ kind: 'fruxon', connection: c.id, agentId: q.agent, executionRecordId: r.id }, signal);
      } catch (e) {
        lines.push(`  (trace not readable: ${e instanceof Error ? e.message : String(e)})`);
        continue;
      }
      const { steps } = indexSteps(trace);
      // The deepest failures: a failed step none of whose children failed is where the error started.
      const failing = steps.map((s, i) => ({ s, i })).filter(({ s }) => (s.status === 'error' || s.error) && !s.children.some((k) => k.status === 'error' || k.error));
      if (failing.length === 0) lines.push('  No step failed (the execution itself was marked failed).');
      for (const { s, i } of failing.slice(0, 5)) {
        const io = stepIo(s.detail);
        lines.push(`  #${i} ${s.kind} "${oneLine(s.name, 60)}": ${oneLine(s.error ?? 'failed', 300)}`);
        if (io.input) lines.push(`    input: ${oneLine(io.input, 300)}`);
      }
      if (failing.length > 5) lines.push(`  … ${failing.length - 5} more failing steps`);
    }
    return fitLines(lines, q.maxTokens ?? DEFAULT_MAX_TOKENS, (n) => `[${n} more lines cut; raise maxTokens or lower limit]`);
  }

  async compareExecutions(input: unknown, signal?: AbortSignal): Promise<string> {
    const q = parse(CompareInput, input);
    const [a, b] = await Promise.all([this.loadTrace(q.a, q.agent, q.connection, signal), this.loadTrace(q.b, q.agent, q.connection, signal)]);
    return fitLines(compareText(a, b), q.maxTokens ?? DEFAULT_MAX_TOKENS, (n) => `[${n} more changed steps cut; get trace with focus shows one in full]`);
  }
}
