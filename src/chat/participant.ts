// The @agentlens chat participant. /explain gathers the trace with the same budgeted outline the tools give,
// asks the model the user picked, streams its answer and adds a button per step it cites ("#12") that opens
// the trace at that step. /compare does the same with two executions' comparison; /recent lists an agent's
// executions without asking a model. Nothing here holds a credential: only trace text goes to the model.
import * as vscode from 'vscode';
import { compareText } from '../agentTools/compareText';
import type { AgentTools } from '../agentTools/tools';
import { indexSteps, traceOutline } from '../model/agentText/traceOutline';
import { fence } from '../model/agentText/markdown';
import type { Trace } from '../model/types';
import type { TraceOrigin } from '../panels/origin';
import { signalOf } from '../lmTools/registerTools';
import { contextExecution, namedExecutions, type ReferenceSources } from './references';

export const EXPLAIN_PROMPT = 'You are helping a developer debug an AI agent. Below is an outline of one execution\'s trace from AgentLens: steps are numbered '
  + '#0, #1… in pre-order, with kind, name, status, duration, tokens, cost, errors and cut previews of inputs and outputs. Answer the developer\'s '
  + 'question from the trace. When you refer to a step, cite it as #<number> so the developer can open it. If nothing failed, say what the execution did.';
export const COMPARE_PROMPT = 'You are helping a developer find a regression in an AI agent. Below is AgentLens\'s comparison of two executions A and B: '
  + 'totals, the first divergence and the changed steps (A#n / B#n are step numbers). Explain the most likely cause of the difference, citing steps as B#<number>.';

/** How much of the model's context the trace may take: half its input window, at most 12,000 tokens. */
export function traceBudget(model: Pick<vscode.LanguageModelChat, 'maxInputTokens'> | undefined): number {
  const max = model?.maxInputTokens ?? 8000;
  return Math.max(1000, Math.min(12_000, Math.floor(max / 2)));
}

/** Step numbers an answer cites ("#12", "B#3"), first mention first; at most `limit`. */
export function citedSteps(answer: string, prefix: '' | 'B' = '', limit = 6): number[] {
  const out: number[] = [];
  const re = prefix ? /\bB#(\d+)\b/g : /(?<![A-Za-z])#(\d+)\b/g;
  for (const m of answer.matchAll(re)) {
    const n = Number(m[1]);
    if (!out.includes(n)) out.push(n);
    if (out.length >= limit) break;
  }
  return out;
}

export class AgentLensChat {
  constructor(private readonly tools: AgentTools, private readonly sources: ReferenceSources) {}

  readonly handler: vscode.ChatRequestHandler = async (request, _context, stream, token) => {
    try {
      if (request.command === 'recent') return await this.recent(request, stream, token);
      if (request.command === 'compare') return await this.compare(request, stream, token);
      return await this.explain(request, stream, token);
    } catch (e) {
      if (token.isCancellationRequested) return {};
      const message = e instanceof vscode.LanguageModelError ? `The language model could not answer: ${e.message}` : e instanceof Error ? e.message : String(e);
      return { errorDetails: { message } };
    }
  };

  private async load(origin: TraceOrigin, token: vscode.CancellationToken): Promise<Trace> {
    const shown = await this.sources.panels.get(origin)?.traceSession?.trace();
    return shown ?? this.sources.loadTrace(origin, signalOf(token));
  }

  private async ask(model: vscode.LanguageModelChat, prompt: string, context: string, question: string, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<string> {
    const messages = [vscode.LanguageModelChatMessage.User(`${prompt}\n\n${context}`), vscode.LanguageModelChatMessage.User(question)];
    const response = await model.sendRequest(messages, {}, token);
    let answer = '';
    for await (const fragment of response.text) {
      answer += fragment;
      stream.markdown(fragment);
    }
    return answer;
  }

  private stepButtons(stream: vscode.ChatResponseStream, origin: TraceOrigin, trace: Trace, numbers: number[], label = '#'): void {
    const { steps } = indexSteps(trace);
    for (const n of numbers) {
      const step = steps[n];
      if (!step) continue;
      stream.button({ command: 'agentlens.openTraceAtStep', title: `Open ${label}${n} ${step.name.slice(0, 40)}`, arguments: [origin, step.id] });
    }
  }

  private async explain(request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const origin = namedExecutions(request, this.sources)[0] ?? contextExecution(this.sources);
    if (!origin) {
      stream.markdown('Which execution? Open its trace, select it in the AgentLens Agents view, or paste its link (**Copy Link**), then ask again.');
      return {};
    }
    stream.progress('Reading the trace…');
    const trace = await this.load(origin, token);
    const outline = traceOutline(trace, { maxTokens: traceBudget(request.model) });
    const question = request.prompt.trim() || (trace.status === 'error' ? 'Why did this execution fail?' : 'What did this execution do?');
    const answer = await this.ask(request.model, EXPLAIN_PROMPT, outline.text, question, stream, token);
    this.stepButtons(stream, origin, trace, citedSteps(answer));
    stream.button({ command: 'agentlens.openTraceAtStep', title: 'Open the trace', arguments: [origin] });
    return { metadata: { command: 'explain', traceId: trace.id, cited: citedSteps(answer) } };
  }

  private async compare(request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const named = namedExecutions(request, this.sources);
    const open = this.sources.panels.all().map((p) => p.origin);
    const [a, b] = named.length >= 2 ? named : named.length === 1 ? [open.find((o) => JSON.stringify(o) !== JSON.stringify(named[0])), named[0]] : open.slice(-2);
    if (!a || !b) {
      stream.markdown('Compare which two executions? Paste two links (**Copy Link** on each), or open both traces, then ask again.');
      return {};
    }
    stream.progress('Comparing the executions…');
    const [ta, tb] = await Promise.all([this.load(a, token), this.load(b, token)]);
    const text = compareText(ta, tb).join('\n');
    const answer = await this.ask(request.model, COMPARE_PROMPT, text, request.prompt.trim() || 'Why do these executions differ?', stream, token);
    this.stepButtons(stream, b, tb, citedSteps(answer, 'B'), 'B#');
    return { metadata: { command: 'compare', a: ta.id, b: tb.id } };
  }

  private async recent(request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const fromTree = this.sources.agentOfNode(this.sources.selection()[0]);
    const agent = request.prompt.trim().split(/\s+/)[0] || fromTree?.agentId;
    const input = agent ? { agent, limit: 10, ...(fromTree && !request.prompt.trim() ? { connection: fromTree.connection } : {}) } : {};
    const text = await this.tools.invoke('agentlens_listExecutions', input, signalOf(token));
    stream.markdown(`${fence(text, 'text')}\n`);
    return { metadata: { command: 'recent' } };
  }
}
