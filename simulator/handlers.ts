// The /v1 routes: resolve tenant, agent and record (404 when unknown), then answer.
import { ClosedApproval } from './approvals';
import { execute, addToDatasets, plan } from './execute';
import { serveAnswer, servePage } from './gates';
import type { ExecCtx } from './execute';
import { parseJsonBody } from './http';
import { ProblemError } from './problems';
import { listRecords, summaries } from './records';
import type { Query } from './records';
import type { RouteParams } from './router';
import type { PlannedRun } from './scripted';
import type { TraceRoute } from './traceService';
import type { Agent, AuthKind, ExecutionRecord, RouteName, Variants } from './types';

export interface Reply {
  status: number; body?: unknown; chunks?: Buffer[]; headers?: Record<string, string>;
  /** A Server-Sent Events answer: the server writes the run's events over its duration (server.ts). */
  sse?: PlannedRun;
}

export interface HandlerCtx extends ExecCtx { variants: () => Variants }

export interface Incoming {
  route: RouteName;
  params: RouteParams;
  query: Query;
  raw: Buffer;
  contentType: string | undefined;
  auth: AuthKind;
  /** Drift will transform the body, so it must be a plain object rather than ready chunks. */
  wantObject: boolean;
}

function findAgent(ctx: HandlerCtx, id: string | undefined): Agent {
  const agent = ctx.data.agents.find((a) => a.id === id);
  if (!agent) throw ProblemError.notFound(`Agent '${id ?? ''}' was not found.`);
  return agent;
}

function findRecord(ctx: HandlerCtx, agent: Agent, id: string | undefined): ExecutionRecord {
  const rec = ctx.data.recordById.get((id ?? '').toLowerCase());
  if (!rec || rec.agentId !== agent.id) throw ProblemError.notFound(`Execution record '${id ?? ''}' was not found for agent '${agent.id}'.`);
  return rec;
}

/** :respond / :cancel; a closed approval is reported as the variant says (409 by default). */
function answerApproval(ctx: HandlerCtx, req: Incoming, agent: Agent): Reply {
  const id = req.params.approval ?? '';
  const v = ctx.variants();
  try {
    const a = req.route === 'respondApproval'
      ? ctx.approvals.respond(agent.id, id, parseJsonBody(req.raw, req.contentType) ?? {}, req.auth === 'bearer' ? 'sim-user@acme.example' : 'api-key')
      : ctx.approvals.cancel(agent.id, id);
    return serveAnswer(a, ctx.data.recordById.get(a.executionRecordId), v);
  } catch (e) {
    if (!(e instanceof ClosedApproval)) throw e;
    const a = e.approval;
    if (v.approvalClosedAs === 'ok') return serveAnswer(a, ctx.data.recordById.get(a.executionRecordId), v);
    const status = v.approvalClosedAs === 'gone' ? 410 : v.approvalClosedAs === 'notFound' ? 404 : 409;
    throw new ProblemError(status, e.message, { approvalStatus: a.status, ...(a.decision ? { decision: a.decision } : {}) });
  }
}

const shaped = (shape: 'array' | 'items' | undefined, list: unknown[]): unknown => (shape === 'items' ? { items: list } : list);

export async function handle(ctx: HandlerCtx, req: Incoming): Promise<Reply> {
  const { data } = ctx;
  if (req.params.tenant !== data.tenant) throw ProblemError.notFound(`Tenant '${req.params.tenant}' was not found.`);
  if (req.route === 'listAgents') return { status: 200, body: shaped(ctx.variants().agentsShape, data.agents) };
  if (req.route === 'listApprovals') return { status: 200, body: servePage(ctx.approvals.list(req.query), ctx.variants()) };
  const agent = findAgent(ctx, req.params.agent);
  switch (req.route) {
    case 'listAgentApprovals':
      return { status: 200, body: servePage(ctx.approvals.list(req.query, agent.id), ctx.variants()) };
    case 'respondApproval':
    case 'cancelApproval':
      return answerApproval(ctx, req, agent);
    case 'getAgent':
      return { status: 200, body: agent };
    case 'listExecutionRecords':
      return { status: 200, body: listRecords(data, agent.id, req.query) };
    case 'summaries':
      return { status: 200, body: shaped(ctx.variants().summariesShape, summaries(data.recordsByAgent.get(agent.id) ?? [])) };
    case 'execute':
      return { status: 200, body: await execute(ctx, agent, agent.currentRevision, parseJsonBody(req.raw, req.contentType)) };
    case 'executeRevision': {
      const r = req.params.revision ?? '';
      if (!/^\d+$/.test(r)) throw ProblemError.validation('revision', `The value '${r}' is not valid for revision; an integer is required.`);
      const revision = Number(r);
      if (revision < 1 || revision > agent.currentRevision) throw ProblemError.notFound(`Revision ${revision} of agent '${agent.id}' was not found.`);
      return { status: 200, body: await execute(ctx, agent, revision, parseJsonBody(req.raw, req.contentType)) };
    }
    case 'stream':
      return { status: 200, sse: plan(ctx, agent, agent.currentRevision, parseJsonBody(req.raw, req.contentType)) };
    default:
      break;
  }
  const rec = findRecord(ctx, agent, req.params.record);
  switch (req.route) {
    case 'getExecutionRecord':
      return { status: 200, body: rec };
    case 'result':
      return { status: 200, body: ctx.traces.result(rec) };
    case 'trace':
    case 'projectedTrace':
    case 'otlpTrace': {
      const route: TraceRoute = req.route;
      if (ctx.traces.isHuge(rec) && !req.wantObject) return { status: 200, chunks: await ctx.traces.hugeBody(route, rec) };
      return { status: 200, body: ctx.traces.body(route, rec) };
    }
    case 'addToDatasets':
      return { status: 200, body: addToDatasets(ctx, rec, parseJsonBody(req.raw, req.contentType), req.auth) };
    case 'listSamples':
      return { status: 200, body: data.samplesByRecord.get(rec.id) ?? [] };
    default:
      throw ProblemError.notFound('No such route.');
  }
}
