// A trace whose every string field carries script-injection payloads. Each payload that ran would set
// window.__pwned; the browser test asserts none did and that the text shows literally.
import type { CostBreakdown, Step, TokenCounts, Trace } from '../src/model/types';

export const PAYLOADS = [
  '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
  '<script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  '</textarea></pre></title><svg onload="window.__pwned=1"></svg>',
  '<svg><script>window.__pwned=1</script><a xlink:href="javascript:window.__pwned=1">x</a></svg>',
  '"><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<a href="javascript:window.__pwned=1">click me</a>',
  "'-alert(window.__pwned=1)-'",
  '<style>*{display:none!important}</style>',
  '[link](javascript:window.__pwned=1) **bold**',
];

/** One string with every payload, tagged so each field is distinguishable. */
export const evil = (tag: string): string => `${tag} ${PAYLOADS.join(' ')}`;
const evilValue = (tag: string): unknown => ({
  [evil(`${tag}-key`)]: evil(`${tag}-value`),
  nested: { list: [evil(`${tag}-item`), 1, true, null], [evil(`${tag}-deep`)]: { x: evil(`${tag}-x`) } },
});

const tokens = (): TokenCounts => ({ input: 10, output: 5, cached: 0, thinking: 0 });
const cost = (): CostBreakdown => ({ input: 0.001, output: 0.002, cached: 0, thinking: 0, other: 0, total: 0.003 });

function step(id: string, kind: Step['kind'], start: number, detail: Step['detail'], children: Step[] = []): Step {
  return {
    id: evil(`id-${id}`),
    kind,
    name: evil(`name-${id}`),
    status: id === 'tool' ? 'error' : 'ok',
    rawType: evil(`rawType-${id}`),
    rawStatus: evil(`rawStatus-${id}`),
    start,
    end: start + 100,
    error: evil(`error-${id}`),
    tokens: tokens(),
    cost: cost(),
    detail,
    attributes: { [evil(`attr-${id}`)]: evil(`attrValue-${id}`) },
    children,
  };
}

export function injectionTrace(): Trace {
  const t0 = Date.UTC(2026, 10, 23, 9, 0, 0);
  const llm = step('llm', 'llm', t0 + 10, {
    kind: 'llm',
    provider: evil('provider'),
    model: evil('model'),
    messages: ['system', 'user', 'assistant', 'tool', evil('role')].map((role, i) => ({
      role,
      content: evil(`content-${i}`),
      toolCalls: [{ id: evil(`callId-${i}`), name: evil(`callName-${i}`), arguments: evilValue(`args-${i}`) }],
      toolCallId: evil(`toolCallId-${i}`),
    })),
    tools: [{ name: evil('toolName'), description: evil('toolDescription'), parameters: evilValue('toolParams') }],
    serverToolInvocations: [evilValue('serverTool')],
  });
  const tool = step('tool', 'tool', t0 + 120, {
    kind: 'tool',
    tool: evil('tool'),
    toolType: evil('toolType'),
    parameters: evilValue('params'),
    result: { text: evil('resultText'), json: evilValue('resultJson'), fileLink: 'javascript:window.__pwned=1' },
  });
  const hitl = step('hitl', 'hitl', t0 + 240, {
    kind: 'hitl',
    requestId: evil('requestId'),
    gateType: evil('gateType'),
    toolKey: evil('toolKey'),
    proposedParameters: evilValue('proposed'),
    outboundMessage: evil('outbound'),
    requestedAt: t0 + 240,
    respondedAt: t0 + 340,
    respondedBy: evil('respondedBy'),
    decision: evil('decision'),
    responseText: evil('responseText'),
    waitMs: 100,
  });
  const generic = step('generic', 'retrieval', t0 + 360, {
    kind: 'generic',
    input: evilValue('input'),
    output: evil('output'),
    result: { text: evil('genericResult'), fileLink: evil('fileLink') },
  });
  const root = step('root', 'agent', t0, { kind: 'generic', input: evilValue('rootInput') }, [llm, tool, hitl, generic]);
  root.end = t0 + 500;
  return {
    id: evil('traceId'),
    source: 'projected',
    title: evil('title'),
    agentId: evil('agentId'),
    agentName: evil('agentName'),
    revision: evil('revision'),
    environment: evil('environment'),
    status: 'error',
    rawStatus: evil('traceStatus'),
    start: t0,
    end: t0 + 500,
    currency: evil('currency'),
    tokens: tokens(),
    cost: cost(),
    result: { text: evil('traceResult'), json: evilValue('traceResultJson'), fileLink: 'javascript:window.__pwned=1' },
    parameters: evilValue('traceParams'),
    roots: [root],
    stepCount: 5,
  };
}

/**
 * Strings that disguise themselves: bidi controls that reorder what is drawn (U+202E makes "fdp.exe" read
 * "exe.pdf"), invisible characters, control characters, invisible tag characters. Each must be shown as a
 * placeholder (⟨U+202E⟩…), never obeyed nor silently dropped.
 */
export const DISGUISES: { text: string; codes: number[] }[] = [
  { text: 'invoice\u202Efdp.exe', codes: [0x202e] },
  { text: '\u202Aembed\u202B\u202C\u202D', codes: [0x202a, 0x202b, 0x202c, 0x202d] },
  { text: '\u2066iso\u2067late\u2068d\u2069', codes: [0x2066, 0x2067, 0x2068, 0x2069] },
  { text: 'marks\u200E\u200F\u061C', codes: [0x200e, 0x200f, 0x061c] },
  { text: 'ad\u200Bmin\u200C\u200Duser\uFEFF', codes: [0x200b, 0x200c, 0x200d, 0xfeff] },
  { text: 'bell\u0007nul\u0000esc\u001Bc1\u0085\u009B', codes: [0x07, 0x00, 0x1b, 0x85, 0x9b] },
  { text: 'tags\u{E0001}\u{E0069}\u{E0067}\u{E006E}', codes: [0xe0001, 0xe0069, 0xe0067, 0xe006e] },
];
/** Every disguise in one string, tagged. */
export const disguised = (tag: string): string => `${tag} ${DISGUISES.map((d) => d.text).join(' ')}`;

/** A small trace whose names, title, roles, messages and values carry the disguises. */
export function disguiseTrace(): Trace {
  const t0 = Date.UTC(2026, 10, 23, 9, 0, 0);
  const llm = step('llm', 'llm', t0 + 10, {
    kind: 'llm',
    provider: disguised('provider'),
    model: 'gpt-4o',
    // Roles as sent: an odd casing and a disguised one must show unaltered.
    messages: ['uSeR', `assistant${DISGUISES[0]!.text}`, 'system'].map((role, i) => ({
      role,
      content: i === 2 ? `**bold** ${disguised('markdown')}` : disguised(`content-${i}`),
    })),
    tools: [],
    serverToolInvocations: [],
  });
  const tool = step('tool', 'tool', t0 + 120, {
    kind: 'tool',
    tool: disguised('tool'),
    parameters: { [disguised('key')]: disguised('value') },
    result: { text: disguised('result') },
  });
  for (const s of [llm, tool]) {
    s.id = `disguise-${s.kind}`;
    s.name = disguised(`name-${s.kind}`);
    s.error = disguised(`error-${s.kind}`);
    s.rawType = undefined;
    s.rawStatus = undefined;
    s.attributes = undefined;
  }
  const root = step('root', 'agent', t0, { kind: 'generic' }, [llm, tool]);
  Object.assign(root, { id: 'disguise-root', name: disguised('name-root'), error: undefined, rawType: undefined, rawStatus: undefined, attributes: undefined });
  root.end = t0 + 500;
  return {
    id: 'disguise-trace', source: 'projected', title: disguised('title'), agentName: disguised('agentName'), environment: disguised('env'),
    status: 'error', start: t0, end: t0 + 500, currency: 'USD', tokens: tokens(), cost: cost(), roots: [root], stepCount: 3,
  };
}
