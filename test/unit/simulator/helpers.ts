// Small HTTP helpers shared by the simulator tests (real HTTP with Node's global fetch).
import assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator/index';

export type AuthMode = 'key' | 'bearer' | 'token' | 'none';

export function authHeaders(sim: Simulator, mode: AuthMode = 'key'): Record<string, string> {
  if (mode === 'key') return { 'X-API-KEY': sim.apiKey };
  if (mode === 'bearer') return { Authorization: `Bearer ${sim.apiKey}` };
  if (mode === 'token') return { Authorization: `Bearer ${sim.token}` };
  return {};
}

export function tenantUrl(sim: Simulator, path: string): string {
  return `${sim.baseUrl}/v1/tenants/${sim.tenant}${path}`;
}

export async function call(sim: Simulator, path: string, init: RequestInit & { auth?: AuthMode } = {}): Promise<Response> {
  const { auth, headers, ...rest } = init;
  return fetch(tenantUrl(sim, path), { ...rest, headers: { ...authHeaders(sim, auth), ...(headers as Record<string, string>) } });
}

export async function getJson<T = any>(sim: Simulator, path: string, init: RequestInit & { auth?: AuthMode } = {}): Promise<T> {
  const res = await call(sim, path, init);
  assert.equal(res.status, 200, `${path} → ${res.status}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

export async function postJson(sim: Simulator, path: string, body: unknown, auth: AuthMode = 'key'): Promise<Response> {
  return call(sim, path, { method: 'POST', auth, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** The body as JSON; tests index into it freely. */
export async function json(res: Response): Promise<any> {
  return res.json();
}

/** Asserts an RFC 7807 response and returns its body. */
export async function expectProblem(res: Response, status: number): Promise<Record<string, any>> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text) as Record<string, any>;
  assert.equal(body.status, status);
  for (const k of ['type', 'title', 'detail', 'instance']) assert.equal(typeof body[k], 'string', `problem.${k}`);
  assert.match(body.type, /^https:\/\//);
  return body;
}

export function recordPath(ref: { agentId: string; recordId: string }, verb = ''): string {
  return `/agents/${ref.agentId}/executionRecords/${ref.recordId}${verb}`;
}

export interface StepLike { type: string; status: string; steps: StepLike[]; startTime: number; endTime: number; [k: string]: any }

export function flatten(steps: readonly StepLike[], out: StepLike[] = []): StepLike[] {
  for (const s of steps) {
    out.push(s);
    flatten(s.steps, out);
  }
  return out;
}
