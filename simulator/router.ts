// Maps a request path to a route. Custom verbs sit after a colon in the last segment
// (`/executionRecords/{id}:trace`), also when the colon arrives percent-encoded as %3A.
// Literal segments and verbs compare case-insensitively, as ASP.NET routing does.
import type { RouteName } from './types';

export interface RouteParams { tenant: string; agent?: string; record?: string; revision?: string; approval?: string }

export type Match =
  | { kind: 'route'; route: RouteName; params: RouteParams }
  | { kind: 'method'; route: RouteName; allowed: string }
  | { kind: 'unknown' };

interface Rule { shape: string; verb: string; method: string; route: RouteName }

// shape: '*' is a parameter, other words are literals (lower case).
const RULES: Rule[] = [
  { shape: '', verb: '', method: 'GET', route: 'listAgents' },
  { shape: '*', verb: '', method: 'GET', route: 'getAgent' },
  { shape: '*', verb: 'execute', method: 'POST', route: 'execute' },
  { shape: '*', verb: 'stream', method: 'POST', route: 'stream' },
  { shape: '*/revisions/*', verb: 'execute', method: 'POST', route: 'executeRevision' },
  { shape: '*/executionrecords', verb: '', method: 'GET', route: 'listExecutionRecords' },
  { shape: '*/executionrecords', verb: 'summaries', method: 'GET', route: 'summaries' },
  { shape: '*/executionrecords/*', verb: '', method: 'GET', route: 'getExecutionRecord' },
  { shape: '*/executionrecords/*', verb: 'trace', method: 'GET', route: 'trace' },
  { shape: '*/executionrecords/*', verb: 'projectedtrace', method: 'GET', route: 'projectedTrace' },
  { shape: '*/executionrecords/*', verb: 'otlptrace', method: 'GET', route: 'otlpTrace' },
  { shape: '*/executionrecords/*', verb: 'result', method: 'GET', route: 'result' },
  { shape: '*/executionrecords/*', verb: 'addtodatasets', method: 'POST', route: 'addToDatasets' },
  { shape: '*/executionrecords/*/samples', verb: '', method: 'GET', route: 'listSamples' },
  { shape: '*/pendingapprovals', verb: '', method: 'GET', route: 'listAgentApprovals' },
  { shape: '*/pendingapprovals/*', verb: 'respond', method: 'POST', route: 'respondApproval' },
  { shape: '*/pendingapprovals/*', verb: 'cancel', method: 'POST', route: 'cancelApproval' },
];

function decodeSegments(pathname: string): string[] | undefined {
  try {
    const parts = pathname.split('/').map((s) => decodeURIComponent(s));
    if (parts[0] === '') parts.shift();
    if (parts.at(-1) === '') parts.pop();
    return parts;
  } catch {
    return undefined;
  }
}

export function matchRoute(method: string, pathname: string): Match {
  const seg = decodeSegments(pathname);
  if (!seg || seg.length < 4) return { kind: 'unknown' };
  const [v1, tenants, tenant, agents] = seg;
  // The one tenant-level collection that is not under /agents.
  if (seg.length === 4 && v1?.toLowerCase() === 'v1' && tenants?.toLowerCase() === 'tenants' && tenant && agents?.toLowerCase() === 'pendingapprovals') {
    return method === 'GET' ? { kind: 'route', route: 'listApprovals', params: { tenant } } : { kind: 'method', route: 'listApprovals', allowed: 'GET' };
  }
  if (v1?.toLowerCase() !== 'v1' || tenants?.toLowerCase() !== 'tenants' || agents?.toLowerCase() !== 'agents' || !tenant) {
    return { kind: 'unknown' };
  }
  const rest = seg.slice(4);
  let verb = '';
  const last = rest.at(-1);
  if (last !== undefined) {
    const colon = last.lastIndexOf(':');
    if (colon >= 0) {
      verb = last.slice(colon + 1).toLowerCase();
      rest[rest.length - 1] = last.slice(0, colon);
    }
  }
  const candidates = RULES.filter((r) => {
    const shape = r.shape === '' ? [] : r.shape.split('/');
    return r.verb === verb && shape.length === rest.length &&
      shape.every((s, i) => (s === '*' ? (rest[i] ?? '') !== '' : s === rest[i]?.toLowerCase()));
  });
  const hit = candidates.find((r) => r.method === method) ?? candidates[0];
  if (!hit) return { kind: 'unknown' };
  if (hit.method !== method) return { kind: 'method', route: hit.route, allowed: hit.method };
  const params: RouteParams = { tenant };
  const shape = hit.shape === '' ? [] : hit.shape.split('/');
  const values = rest.filter((_, i) => shape[i] === '*');
  [params.agent] = values;
  if (hit.route === 'executeRevision') params.revision = values[1];
  else if (hit.route === 'respondApproval' || hit.route === 'cancelApproval') params.approval = values[1];
  else if (values[1] !== undefined) params.record = values[1];
  return { kind: 'route', route: hit.route, params };
}
