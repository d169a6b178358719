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
