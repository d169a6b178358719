// Seeded Zaia Endless workspace: responders of each type and executions with nestings, including the
// special cases tests need (running, failed, purged, a 40-deep chain, unknown status, unknown detail).
// Deterministic: every value derives from the seed and the simulated clock.
import { hashString, hex, mulberry32, pick, randInt, uuid } from '../prng';
import type { Rng } from '../prng';

export type ZaiaEntity = 'agent' | 'squad' | 'workflow';

export interface ZaiaResponder { id: string; entity: ZaiaEntity; name: string; picture: string | null; workspaceId: string }

/** Times in Unix ms; the routes serve them as ISO strings. */
export interface ZaiaExecution {
  id: string;
  createdAt: number;
  updatedAt: number;
  creditsUsed: number;
  detail: unknown;
  startedAt: number;
  endedAt: number | null;
  isAgentic: boolean;
  isPurged: boolean;
  parentId: string | null;
  responderId: string;
  /** Lower case as stored; variants change the spelling on the wire. */
  status: string;
  workspaceId: string;
}

export interface ZaiaSpecial { running: string; failed: string; purged: string; deep: string; unknownStatus: string; unknownDetail: string; squad: string }

export interface ZaiaData {
  readonly workspaceId: string;
  readonly responders: ZaiaResponder[];
  /** Newest first by startedAt (ties by id). */
  readonly executions: ZaiaExecution[];
  readonly byId: Map<string, ZaiaExecution>;
  readonly children: Map<string, ZaiaExecution[]>;
  /** chatMessageId → the execution that message started. */
  readonly byChatMessage: Map<string, ZaiaExecution>;
  readonly special: ZaiaSpecial;
  readonly deepDepth: number;
}

const RESPONDERS: ReadonlyArray<[ZaiaEntity, string]> = [
  ['agent', 'Support Agent'], ['agent', 'Research Agent'], ['agent', 'Billing Agent'], ['agent', 'Onboarding Agent'],
  ['squad', 'Customer Care Squad'], ['squad', 'Growth Squad'],
  ['workflow', 'Lead Enrichment'], ['workflow', 'Nightly Report'],
];
const MODELS = ['gpt-4o-mini', 'claude-sonnet-4', 'gemini-2.0-flash'];
const QUESTIONS = ['Where is my order #4411?', 'Summarise the Q3 churn report.', 'Can I get a refund for last month?', 'How do I invite my team?'];
const DEEP_DEPTH = 40;
const HOUR = 3_600_000;

export function seedZaia(seed: number, now: number): ZaiaData {
  const rng = mulberry32(hashString('zaia', seed));
  const workspaceId = `ws_${hex(rng, 8)}`;
  const responders: ZaiaResponder[] = RESPONDERS.map(([entity, name], i) => ({
    id: uuid(rng), entity, name, picture: i % 3 === 0 ? null : `https://cdn.zaia.example/avatars/${entity}-${i}.png`, workspaceId,
  }));
  const all: ZaiaExecution[] = [];
  const agents = responders.filter((r) => r.entity === 'agent');
  const make = (responder: ZaiaResponder, start: number, durationMs: number, parentId: string | null, detail: unknown, extra: Partial<ZaiaExecution> = {}): ZaiaExecution => {
    const e: ZaiaExecution = {
      id: uuid(rng), createdAt: start - 50, updatedAt: start + durationMs, creditsUsed: round(rng() * 4 + 0.25), detail,
      startedAt: start, endedAt: start + durationMs, isAgentic: false, isPurged: false, parentId, responderId: responder.id,
      status: 'completed', workspaceId, ...extra,
    };
    all.push(e);
    return e;
  };
  const chat = (r: Rng): Record<string, unknown> => ({
    type: 'agent-chat', chatId: uuid(r), chatMessageId: uuid(r), model: pick(r, MODELS),
    input: { message: pick(r, QUESTIONS) }, output: { message: 'Here is what I found…' }, tokens: { input: randInt(r, 200, 3000), output: randInt(r, 50, 800) },
  });
  /** Agent children of an execution (sub-agents the parent delegated to); recursion bounded by depth. */
  const delegate = (parent: ZaiaExecution, count: number, depth: number): void => {
    const span = (parent.endedAt ?? now) - parent.startedAt;
    for (let i = 0; i < count; i++) {
      const start = parent.startedAt + Math.floor((span * (i + 0.2)) / (count + 1));
      const child = make(pick(rng, agents), start, Math.max(200, Math.floor(span / (count + 2))), parent.id, chat(rng));
      if (depth > 0 && rng() < 0.4) {
        child.isAgentic = true;
        delegate(child, 1, depth - 1);
      }
    }
  };

  // Agents: the first has enough executions for three pages of ten.
  agents.forEach((agent, ai) => {
    const n = ai === 0 ? 23 : randInt(rng, 3, 7);
    for (let i = 0; i < n; i++) {
      const start = now - (i * 5 + ai + 1) * HOUR - randInt(rng, 0, 40) * 60_000;
      const e = make(agent, start, randInt(rng, 800, 40_000), null, chat(rng));
      if (rng() < 0.3) {
        e.isAgentic = true;
        delegate(e, randInt(rng, 1, 2), 1);
      }
    }
  });
  // Squads: a coordinator run with two or three agents, sometimes one level further.
  for (const squad of responders.filter((r) => r.entity === 'squad')) {
    for (let i = 0; i < 6; i++) {
      const start = now - (i * 7 + 2) * HOUR - randInt(rng, 0, 50) * 60_000;
      const e = make(squad, start, randInt(rng, 20_000, 120_000), null, { type: 'squad-run', squadId: squad.id, goal: pick(rng, QUESTIONS), members: randInt(rng, 2, 4) }, { isAgentic: true });
      delegate(e, randInt(rng, 2, 3), 2);
    }
  }
  // Workflows: each node that calls an agent is a child execution.
  for (const wf of responders.filter((r) => r.entity === 'workflow')) {
    for (let i = 0; i < 5; i++) {
      const start = now - (i * 11 + 3) * HOUR - randInt(rng, 0, 50) * 60_000;
      const e = make(wf, start, randInt(rng, 30_000, 300_000), null, { type: 'workflow-run', workflowId: wf.id, trigger: pick(rng, ['schedule', 'webhook', 'manual']), nodeCount: randInt(rng, 3, 9) });
      delegate(e, randInt(rng, 1, 3), 0);
    }
  }

  const [support, research] = agents as [ZaiaResponder, ZaiaResponder];
  const [careSquad] = responders.filter((r) => r.entity === 'squad') as [ZaiaResponder];
  const nightly = responders.find((r) => r.name === 'Nightly Report')!;
  // Running: newest execution of the first agent, no end time yet.
  const running = make(support, now - 90_000, 0, null, chat(rng), { endedAt: null, status: 'running', updatedAt: now - 1_000 });
  const failed = make(support, now - 26 * HOUR, 4_000, null, { ...chat(rng), error: { code: 'LLM_TIMEOUT', message: 'The model did not answer within 30 s.' } }, { status: 'failed' });
  // Purged: content gone, metadata kept; one child purged too.
  const purged = make(careSquad, now - 30 * HOUR, 60_000, null, null, { isPurged: true, isAgentic: true, creditsUsed: 3.5 });
  make(research, purged.startedAt + 5_000, 20_000, purged.id, null, { isPurged: true, creditsUsed: 1.25 });
  make(support, purged.startedAt + 30_000, 15_000, purged.id, chat(rng));
  // Deep: a chain of sub-workflows DEEP_DEPTH executions long.
  const deep = make(nightly, now - 4 * HOUR, 600_000, null, { type: 'workflow-run', workflowId: nightly.id, trigger: 'schedule', nodeCount: DEEP_DEPTH }, { isAgentic: true });
  let tip = deep;
  for (let d = 1; d < DEEP_DEPTH; d++) {
    const start = tip.startedAt + 1_000;
    tip = make(d % 2 ? support : research, start, Math.max(500, (tip.endedAt ?? now) - start - 1_000), tip.id, { type: 'sub-step', level: d }, { isAgentic: true });
  }
  const unknownStatus = make(research, now - 50 * HOUR, 12_000, null, chat(rng), { status: 'awaiting_human_review' });
  const unknownDetail = make(research, now - 51 * HOUR, 9_000, null, {
    kind: 'voice-call', callSid: `CA${hex(rng, 16)}`, transcript: [{ speaker: 'caller', text: 'Hi, I need help.' }, { speaker: 'agent', text: 'Sure!' }], durationSeconds: 93,
  });

  all.sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1));
  const byId = new Map(all.map((e) => [e.id, e]));
  const children = new Map<string, ZaiaExecution[]>();
  for (const e of [...all].sort((a, b) => a.startedAt - b.startedAt)) {
    if (e.parentId) children.set(e.parentId, [...(children.get(e.parentId) ?? []), e]);
  }
  const byChatMessage = new Map<string, ZaiaExecution>();
  for (const e of all) {
    const m = (e.detail as { chatMessageId?: unknown } | null)?.chatMessageId;
    if (typeof m === 'string') byChatMessage.set(m, e);
  }
  return {
    workspaceId, responders, executions: all, byId, children, byChatMessage, deepDepth: DEEP_DEPTH,
    special: { running: running.id, failed: failed.id, purged: purged.id, deep: deep.id, unknownStatus: unknownStatus.id, unknownDetail: unknownDetail.id, squad: all.find((e) => e.responderId === careSquad.id && !e.isPurged && !e.parentId)!.id },
  };
}

const round = (n: number): number => Math.round(n * 100) / 100;
