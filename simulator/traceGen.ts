// Builds a record's step tree (seed 002 shape) deterministically from its trace seed. Three passes:
// shape (which nodes), mode (how the run ended), then layout + emission (times, tokens, content).
// Record totals are split exactly over the LLM steps, so step sums equal the record's tokens and costs.
import type { AgentProfile, ToolDef } from './catalog';
import { hex, pick, randInt, splitInt, usd, weighted } from './prng';
import type { Rng } from './prng';
import { hitlTrace, llmAnswer, llmMessages, serverTools, toolDefs, toolResult } from './traceContent';
import type { ToolCall } from './traceContent';
import type { Step, StepResult, TraceMode } from './types';

export interface Totals {
  input: number; output: number; cached: number; thinking: number;
  inMicro: number; outMicro: number; cachedMicro: number;
}

export interface BuildOpts {
  p: AgentProfile;
  rng: Rng;
  lean: boolean;                 // huge traces skip messages and offered tools to stay small
  params: Record<string, unknown>;
  final: StepResult | null;      // the root's result
}

interface Node {
  kind: 'flow' | 'llm' | 'tool' | 'hitl';
  name: string;
  children: Node[];
  tool?: ToolDef;
  args?: Record<string, unknown>;
  callId?: string;
  decision?: 'APPROVE' | 'REJECT' | null;
  status: string;
  error: string | null;
  open: boolean;
  start: number;
  end: number;
  weight: number;
}

const MAX_DEPTH = 4;

function node(kind: Node['kind'], name: string): Node {
  return { kind, name, children: [], status: 'SUCCESS', error: null, open: false, start: 0, end: 0, weight: 1 };
}

function toolNode(o: BuildOpts, tool: ToolDef): Node {
  const n = node('tool', tool.name);
  n.tool = tool;
  n.args = pick(o.rng, tool.args);
  n.callId = `call_${hex(o.rng, 8)}`;
  return n;
}

/** Exactly `budget` nodes (descendants included) as the children of a flow at depth `depth - 1`. */
function shape(o: BuildOpts, budget: number, depth: number): Node[] {
  const out: Node[] = [];
  const plain = o.p.tools.filter((t) => !t.gated);
  while (budget > 0) {
    if (budget >= 4 && depth < MAX_DEPTH && out.length > 0 && o.rng() < 0.22) {
      const size = randInt(o.rng, 3, Math.max(3, Math.min(budget, Math.floor(budget * 0.6))));
      const flow = node('flow', pick(o.rng, o.p.flows));
      flow.children = shape(o, size - 1, depth + 1);
      out.push(flow);
      budget -= size;
      continue;
    }
    const llm = node('llm', '');
    out.push(llm);
    budget--;
    const calls = Math.min(budget, weighted(o.rng, [[0, 3], [1, 4], [2, 2], [3, 1]] as const));
    for (let i = 0; i < calls; i++) out.push(toolNode(o, pick(o.rng, plain)));
    budget -= calls;
  }
  return out;
}

function rightmostPath(root: Node): Node[] {
  const path = [root];
  let cur = root;
  for (let last = cur.children.at(-1); last; last = cur.children.at(-1)) {
    path.push(last);
    cur = last;
  }
  return path;
}

function gatedTool(p: AgentProfile): ToolDef {
  const t = p.tools.find((x) => x.gated) ?? p.tools[0];
  if (!t) throw new Error(`agent ${p.id} has no tools`);
  return t;
}

function toGate(o: BuildOpts, n: Node, decision: Node['decision']): void {
  const tool = gatedTool(o.p);
  Object.assign(n, { kind: 'hitl', name: `Approval: ${tool.name}`, tool, args: pick(o.rng, tool.args), decision, children: [] });
}

/** Inserts an answered gate in front of a tool, which becomes the gated tool. */
function insertApprovedGate(o: BuildOpts, root: Node): void {
  const spots: [Node, number][] = [];
  const walk = (n: Node): void => n.children.forEach((c, i) => (c.kind === 'tool' ? spots.push([n, i]) : walk(c)));
  walk(root);
  if (spots.length === 0) {
    const leaf = rightmostPath(root).at(-1);
    if (leaf && leaf !== root) Object.assign(leaf, toolNode(o, gatedTool(o.p)));
    walk(root);
  }
  const [parent, index] = spots.length > 0 ? pick(o.rng, spots) : [root, root.children.length];
  const target = parent.children[index];
  if (target) Object.assign(target, toolNode(o, gatedTool(o.p)));
  const gate = node('hitl', '');
  toGate(o, gate, 'APPROVE');
  if (target?.args) gate.args = target.args;
  parent.children.splice(index, 0, gate);
}

function applyMode(o: BuildOpts, root: Node, mode: TraceMode): void {
  if (mode === 'approved') return insertApprovedGate(o, root);
  const path = rightmostPath(root);
  const leaf = path.at(-1);
  if (!leaf || leaf === root) return;
  const ancestors = path.slice(0, -1);
  switch (mode) {
    case 'rejected': toGate(o, leaf, 'REJECT'); break;
    case 'waiting':
      toGate(o, leaf, null);
      for (const n of path) { n.open = true; n.status = 'UNSPECIFIED'; }
      break;
    case 'running':
      for (const n of path) { n.open = true; n.status = 'UNSPECIFIED'; }
      break;
    case 'failed': {
      const t = toolNode(o, pick(o.rng, o.p.tools.filter((x) => !x.gated)));
      Object.assign(leaf, t, { status: 'ERROR', error: t.tool?.error ?? 'tool failed' });
      for (const n of ancestors) n.status = 'ERROR';
      break;
    }
    case 'cancelled':
      leaf.status = 'ERROR';
      leaf.error = 'Execution cancelled by user';
      for (const n of ancestors) n.status = 'ERROR';
      break;
    default: break;
  }
}

/** Relative durations, bottom-up: a flow lasts as long as its children plus a little overhead. */
function weigh(o: BuildOpts, n: Node): number {
  if (n.kind === 'flow') n.weight = n.children.reduce((a, c) => a + weigh(o, c), 0.5);
  else n.weight = n.kind === 'llm' ? 3 + o.rng() * 5 : n.kind === 'hitl' ? 6 : 1 + o.rng() * 2;
  return n.weight;
}

/** Children take consecutive slices of the parent's span, shrunk a little so they nest strictly. */
function layout(o: BuildOpts, n: Node, start: number, end: number): void {
  n.start = start;
  n.end = end;
  if (n.children.length === 0) return;
  const total = n.children.reduce((a, c) => a + c.weight, 0);
  let acc = 0;
  n.children.forEach((c, i) => {
    const a = start + Math.floor(((end - start) * acc) / total);
    acc += c.weight;
    const b = i === n.children.length - 1 ? end : start + Math.floor(((end - start) * acc) / total);
    const pad = Math.floor((b - a) * 0.02);
    layout(o, c, a + pad, b - pad);
  });
}

interface Usage { tokens: [number, number, number, number]; micro: [number, number, number] }

function distribute(o: BuildOpts, llms: Node[], t: Totals): Map<Node, Usage> {
  const w = llms.map(() => 0.3 + o.rng());
  const parts = [t.input, t.output, t.cached, t.thinking, t.inMicro, t.outMicro, t.cachedMicro].map((x) => splitInt(x, w));
  const out = new Map<Node, Usage>();
  llms.forEach((n, i) => {
    const at = (k: number): number => parts[k]?.[i] ?? 0;
    out.set(n, { tokens: [at(0), at(1), at(2), at(3)], micro: [at(4), at(5), at(6)] });
  });
  return out;
}

function base(o: BuildOpts, n: Node): Step {
  return {
    id: hex(o.rng, 8), displayName: n.name, type: 'FLOW_STEP', llmStepTrace: null, toolTrace: null, hitlTrace: null,
    steps: [], result: null, status: n.status, error: n.error,
    startTime: n.start, endTime: n.open ? 0 : n.end, duration: n.open ? 0 : n.end - n.start,
  };
}

function emit(o: BuildOpts, n: Node, usage: Map<Node, Usage>, isRoot: boolean): Step {
  const step = base(o, n);
  if (n.kind === 'flow') {
    let prev: { call: ToolCall; result: StepResult | null }[] = [];
    n.children.forEach((c, i) => {
      if (c.kind === 'llm') {
        const calls: ToolCall[] = [];
        for (let j = i + 1; n.children[j]?.kind === 'tool'; j++) {
          const t = n.children[j];
          if (t?.tool && t.callId && t.args) calls.push({ id: t.callId, name: t.tool.key, arguments: t.args });
        }
        step.steps.push(emitLlm(o, c, usage, prev, calls));
        prev = [];
      } else {
        const s = emit(o, c, usage, false);
        if (c.kind === 'tool' && c.tool && c.callId && c.args) prev.push({ call: { id: c.callId, name: c.tool.key, arguments: c.args }, result: s.result });
        step.steps.push(s);
      }
    });
    if (!n.open && n.status === 'SUCCESS') step.result = isRoot ? o.final : { strValue: `${n.name}: done`, jsonValue: null, fileLink: null };
  } else if (n.kind === 'tool' && n.tool) {
    step.type = 'TOOL';
    step.toolTrace = { tool: { key: n.tool.key, name: n.tool.name }, displayName: n.tool.name, toolType: n.tool.toolType, parameters: n.args ?? {}, cost: null };
    if (n.status === 'SUCCESS') step.result = toolResult(o.rng, n.tool);
  } else if (n.kind === 'hitl' && n.tool) {
    step.type = 'HITL';
    step.hitlTrace = hitlTrace(o.rng, n.tool, n.args ?? {}, { decision: n.decision ?? null, start: n.start, end: n.end });
    if (n.decision) step.result = { strValue: n.decision, jsonValue: null, fileLink: null };
  }
  return step;
}

function emitLlm(o: BuildOpts, n: Node, usage: Map<Node, Usage>, prev: { call: ToolCall; result: StepResult | null }[], calls: ToolCall[]): Step {
  const model = o.p.models.length > 1 && o.rng() < 0.3 ? o.p.models[1] : o.p.models[0];
  const u = usage.get(n) ?? { tokens: [0, 0, 0, 0], micro: [0, 0, 0] };
  const answer = llmAnswer(o.rng, calls);
  const step = base(o, n);
  step.type = 'LLM_STEP';
  step.displayName = `chat ${model?.model ?? 'model'}`;
  step.result = n.open || n.status !== 'SUCCESS' ? null : { strValue: answer, jsonValue: null, fileLink: null };
  step.llmStepTrace = {
    providerId: model?.providerId ?? 'openai', model: model?.model ?? 'unknown',
    inputTokens: u.tokens[0], outputTokens: u.tokens[1], cachedTokens: u.tokens[2], thinkingTokens: u.tokens[3],
    inputCost: usd(u.micro[0]), outputCost: usd(u.micro[1]), cachedCost: usd(u.micro[2]),
    tools: o.lean ? [] : toolDefs(o.p),
    llmMessages: o.lean ? [] : llmMessages(o.p, o.params, prev, answer, calls),
    serverToolInvocations: o.lean ? [] : serverTools(o.rng, o.p),
  };
  return step;
}

/** A flow step of exactly `budget` nodes spanning [start, end], ending as `mode` says. */
export function buildTree(o: BuildOpts, budget: number, depth: number, start: number, end: number,
  totals: Totals, mode: TraceMode, name: string): Step {
  const root = node('flow', name);
  const gate = mode === 'approved' ? 1 : 0;
  root.children = shape(o, budget - 1 - gate, depth + 1);
  applyMode(o, root, mode);
  weigh(o, root);
  layout(o, root, start, end);
  const llms: Node[] = [];
  const collect = (n: Node): void => {
    if (n.kind === 'llm' && !n.open) llms.push(n);
    n.children.forEach(collect);
  };
  collect(root);
  return emit(o, root, distribute(o, llms, totals), true);
}

export function countSteps(steps: readonly Step[]): number {
  let n = 0;
  for (const s of steps) n += 1 + countSteps(s.steps);
  return n;
}
