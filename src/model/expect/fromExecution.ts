// "Save as Regression Test…": a run file that reproduces an execution and expects what it did — its status, the
// tools it called in order, budgets at 1.5× what it used, and the execution itself as the baseline. Pure: no
// `vscode`.
import type { Trace } from '../types';
import { durationOf, tokensOf, toolId, toolSteps } from './baseline';

export const BUDGET_FACTOR = 1.5;

export interface RegressionSource {
  agent: string;
  executionRecordId: string;
  environmentSlug?: string;
  revision?: number;
  parameters: unknown;
  /** The record's status (COMPLETED…), else the trace's. */
  status?: string;
  trace: Trace;
}

/** Up to `decimals` places, rounded up: a budget never ends below 1.5× what was used. */
const ceilTo = (n: number, decimals: number): number => Math.ceil(n * 10 ** decimals - 1e-9) / 10 ** decimals;

export function regressionExpect(s: RegressionSource): Record<string, unknown> {
  const expect: Record<string, unknown> = {};
  const status = s.status ?? s.trace.rawStatus;
  if (status) expect.status = status;
  const tools = toolSteps(s.trace).map(toolId);
  if (tools.length > 0) expect.tools = { called: tools, inOrder: true };
  // Cost budgets only in USD: `maxCostUsd` means dollars, and Zaia-style credits are not.
  if (s.trace.currency === 'USD' && s.trace.cost.total > 0) expect.maxCostUsd = ceilTo(s.trace.cost.total * BUDGET_FACTOR, 4);
  const tokens = tokensOf(s.trace);
  if (tokens > 0) expect.maxTokens = Math.ceil(tokens * BUDGET_FACTOR);
  const duration = durationOf(s.trace);
  if (duration !== undefined && duration > 0) expect.maxDurationMs = Math.ceil(duration * BUDGET_FACTOR);
  expect.baseline = { agentId: s.agent, executionRecordId: s.executionRecordId };
  return expect;
}

export function regressionTestText(s: RegressionSource): string {
  const file: Record<string, unknown> = { agent: s.agent };
  if (s.environmentSlug) file.environmentSlug = s.environmentSlug;
  if (s.revision !== undefined) file.revision = s.revision;
  file.parameters = s.parameters && typeof s.parameters === 'object' && !Array.isArray(s.parameters) ? s.parameters : {};
  file.expect = regressionExpect(s);
  return `${JSON.stringify(file, null, 2)}\n`;
}
