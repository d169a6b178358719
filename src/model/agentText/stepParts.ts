// A step's content as labelled parts, in reading order, for the two renderers: the focus section of the
// outline a model reads (plain text) and the Markdown a person pastes (fenced blocks). Values stay whole
// here; each renderer decides how much of them fits.
import type { LlmMessage, Step } from '../types';
import { resultText, valueText } from './text';

export type StepPart =
  | { kind: 'field'; label: string; value: string }
  | { kind: 'block'; label: string; value: string; lang?: 'json' | undefined }
  | { kind: 'message'; message: LlmMessage };

const isJsonText = (v: unknown): boolean => v !== undefined && typeof v !== 'string';

function block(label: string, v: unknown): StepPart[] {
  if (v === undefined || v === null || v === '') return [];
  return [{ kind: 'block', label, value: valueText(v, true), lang: isJsonText(v) ? 'json' : undefined }];
}

function resultBlock(label: string, r: { text?: string; json?: unknown; fileLink?: string } | undefined): StepPart[] {
  if (!r) return [];
  const text = resultText(r, true);
  if (text === '') return [];
  return [{ kind: 'block', label, value: text, lang: r.text === undefined || r.text === '' ? (r.json !== undefined ? 'json' : undefined) : undefined }];
}

export function stepParts(step: Step): StepPart[] {
  const out: StepPart[] = [];
  if (step.error) out.push({ kind: 'block', label: 'Error', value: step.error });
  const d = step.detail;
  switch (d.kind) {
    case 'llm':
      if (d.provider || d.model) out.push({ kind: 'field', label: 'Model', value: [d.provider, d.model].filter(Boolean).join(' / ') });
      if (d.tools.length > 0) out.push({ kind: 'field', label: 'Tools offered', value: d.tools.map((t) => t.name).join(', ') });
      for (const m of d.messages) out.push({ kind: 'message', message: m });
      // The answer is shown on its own only when no message already carries it.
      if (d.result && !d.messages.some((m) => m.content !== '' && m.content === d.result?.text)) out.push(...resultBlock('Result', d.result));
      break;
    case 'tool':
      if (d.tool || d.toolKey) out.push({ kind: 'field', label: 'Tool', value: [d.tool, d.toolKey && d.toolKey !== d.tool ? `(key ${d.toolKey})` : ''].filter(Boolean).join(' ') });
      if (d.toolType) out.push({ kind: 'field', label: 'Tool type', value: d.toolType });
      out.push(...block('Arguments', d.parameters));
      out.push(...resultBlock('Result', d.result));
      break;
    case 'hitl':
      for (const [label, v] of [
        ['Gate', d.gateType], ['Tool key', d.toolKey], ['Decision', d.decision], ['Responded by', d.respondedBy],
        ['Waited', d.waitMs !== undefined ? `${Math.round(d.waitMs)} ms` : undefined],
      ] as const) if (v) out.push({ kind: 'field', label, value: v });
      out.push(...block('Proposed parameters', d.proposedParameters));
      out.push(...block('Message', d.outboundMessage));
      out.push(...block('Response', d.responseText));
      break;
    default:
      out.push(...block('Input', d.input));
      if (d.result) out.push(...resultBlock('Output', d.result));
      else out.push(...block('Output', d.output));
  }
  return out;
}
