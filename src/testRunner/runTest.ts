// Runs one run file as a test: parse (a malformed file sends nothing), read the baseline (before spending money
// on an execution), `:execute` once — never again if it may have reached the server: that is an error result,
// not a retry — read the trace when a check needs its steps, and evaluate. Pure: no `vscode`.
import { dirname, isAbsolute, resolve } from 'node:path';
import type { FruxonClient } from '../api/fruxon/client';
import type { ExecuteResponse } from '../api/fruxon/schemas';
import { durationOf, tokensOf } from '../model/expect/baseline';
import { evaluate, type BaselineInput } from '../model/expect/evaluate';
import { parseExpectations } from '../model/expect/parse';
import type { Check, ExecutionFacts, Expectations } from '../model/expect/types';
import { fromExecuteResponse, fromTraceWithFallback } from '../model/fruxonTrace';
import { parseRunFile, RunFileError, toExecuteRequest, type RunSpec } from '../model/runFile';
import type { Trace } from '../model/types';
import { JsonSyntaxError } from '../util/json';
import type { TestBaseline, TestDeps, TestExecution, TestFile, TestResult } from './types';

const STEP_CHECKS = new Set<Check['kind']>(['noErrors', 'toolsCalled', 'toolsNotCalled', 'maxLlmCalls', 'baseline']);

// Read by shape, not `instanceof`: the Test Explorer's bundle (dist/tests.js) gets the core's clients, whose errors
// are the core bundle's ApiError class, not this bundle's copy.
interface ApiErrorLike { userMessage: string; mayHaveReachedServer: boolean; kind: string }
const apiError = (e: unknown): ApiErrorLike | undefined =>
  e instanceof Error && typeof (e as Partial<ApiErrorLike>).userMessage === 'string' && typeof (e as Partial<ApiErrorLike>).mayHaveReachedServer === 'boolean' ? e as Error & ApiErrorLike : undefined;
const messageOf = (e: unknown): string => apiError(e)?.userMessage ?? (e instanceof Error ? e.message : String(e));
const isCancelled = (e: unknown): boolean => e instanceof Error && (e.name === 'AbortError' || apiError(e)?.kind === 'cancelled');

/** A file's spec and expectations, or the error (with line and column) that stops it from being a test. */
export function parseTestFile(file: Pick<TestFile, 'name' | 'text'>): { spec: RunSpec; expect: Expectations } | { error: NonNullable<TestResult['error']> } {
  try {
    const spec = parseRunFile(file.text, file.name, true);
    const expect = parseExpectations(file.text, file.name);
    if (!expect) return { error: { message: `${file.name} has no "expect" block, so it is not a test.`, sent: false } };
    if (!spec.agent) {
      const l = expect.at;
      return { error: { message: `${file.name}: a test must name its "agent" (nobody is there to pick one).`, line: l.line, column: l.column, sent: false } };
    }
    return { spec, expect };
  } catch (e) {
    if (e instanceof JsonSyntaxError || e instanceof RunFileError) {
      return { error: { message: e.message, ...(e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : {}), sent: false } };
    }
    throw e;
  }
}

export async function runTest(file: TestFile, deps: TestDeps, signal?: AbortSignal): Promise<TestResult> {
  const t0 = performance.now();
  const base = { id: file.id, name: file.name };
  const ms = (): number => Math.round(performance.now() - t0);
  const parsed = parseTestFile(file);
  if ('error' in parsed) return { ...base, outcome: 'errored', durationMs: ms(), verdicts: [], error: parsed.error };
  const { spec, expect } = parsed;
  const agentId = spec.agent as string;
  const expectLine = expect.at.line;
  const errored = (e: unknown, sent: boolean, extra: Partial<TestResult> = {}): TestResult => {
    const cancelled = signal?.aborted === true || isCancelled(e);
    let message = cancelled ? 'Cancelled.' : messageOf(e);
    if (sent && !cancelled) message += ' The execution was not re-sent: it may have reached the server (see the agent\'s executions).';
    if (sent && cancelled) message += ' The execution may still run on the server.';
    return { ...base, outcome: cancelled ? 'cancelled' : 'errored', durationMs: ms(), verdicts: [], error: { message, sent }, expectLine, ...extra };
  };
  if (signal?.aborted) return errored(new Error('Cancelled.'), false);

  let client: FruxonClient;
  let baselineRef: TestBaseline | undefined;
  let baseline: BaselineInput | undefined;
  try {
    client = await deps.client(spec.connection);
    const check = expect.checks.find((c) => c.kind === 'baseline');
    if (check?.kind === 'baseline') {
      const ref = check.ref;
      if (ref.kind === 'traceFile') {
        const path = isAbsolute(ref.traceFile) || !file.path ? ref.traceFile : resolve(dirname(file.path), ref.traceFile);
        baselineRef = { kind: 'traceFile', path };
        baseline = { trace: await deps.readTraceFile(path) };
      } else {
        const bAgent = ref.agentId ?? agentId;
        const connection = ref.connection ?? spec.connection;
        baselineRef = { kind: 'execution', agentId: bAgent, executionRecordId: ref.executionRecordId, ...(connection ? { connection } : {}) };
        const bClient = ref.connection ? await deps.client(ref.connection) : client;
        baseline = { trace: await readTrace(bClient, bAgent, ref.executionRecordId, signal) };
      }
    }
  } catch (e) {
    // Nothing was sent yet: the baseline (or the connection) is the problem, not the agent.
    const what = baselineRef ? `The baseline could not be read: ${messageOf(e)}` : messageOf(e);
    return errored(new Error(what), false, baselineRef ? { baseline: baselineRef } : {});
  }

  // `:execute`, not `:stream`: a test needs the result, not the events, and the HTTP client never repeats a POST
  // that may have reached the server.
  let res: ExecuteResponse;
  try {
    const body = toExecuteRequest(spec);
    const opts = signal ? { signal } : {};
    res = spec.revision !== undefined ? await client.executeRevision(agentId, spec.revision, body, opts) : await client.execute(agentId, body, opts);
  } catch (e) {
    return errored(e, apiError(e)?.mayHaveReachedServer ?? true, baselineRef ? { baseline: baselineRef } : {});
  }
  const outcome = { executionRecordId: res.executionRecordId ?? undefined, status: res.status ?? undefined, errors: [] as string[] };

  const execTrace = fromExecuteResponse(res);
  let trace: Trace | undefined = execTrace && execTrace.stepCount > 0 ? execTrace : undefined;
  let traceProblem: string | undefined;
  if (outcome.executionRecordId && expect.checks.some((c) => STEP_CHECKS.has(c.kind))) {
    try {
      trace = await readTrace(client, agentId, outcome.executionRecordId, signal);
    } catch (e) {
      if (signal?.aborted) return errored(e, true);
      traceProblem = `its trace could not be read (${messageOf(e)})`;
    }
  }
  const measured = trace ?? execTrace;
  const response = res.response;
  const output = typeof response === 'string' ? response : response != null ? JSON.stringify(response)
    : measured?.result?.text ?? (measured?.result?.json !== undefined ? JSON.stringify(measured.result.json) : undefined);
  const duration = measured ? durationOf(measured) : undefined;
  const tokens = measured ? tokensOf(measured) : undefined;
  const cost = measured?.cost.total ?? (typeof res.trace?.totalCost === 'number' ? res.trace.totalCost : undefined);
  const facts: ExecutionFacts = {
    errors: outcome.errors, ...(outcome.status ? { status: outcome.status } : {}), ...(output !== undefined ? { output } : {}),
    ...(duration !== undefined ? { durationMs: duration } : {}), ...(tokens !== undefined ? { tokens } : {}), ...(cost !== undefined ? { cost } : {}),
    ...(measured ? { currency: measured.currency } : {}), ...(trace ? { trace } : {}), ...(traceProblem ? { traceProblem } : {}),
  };
  const verdicts = evaluate(expect.checks, facts, baseline);
  const execution: TestExecution = {
    agentId, ...(spec.connection ? { connection: spec.connection } : {}), ...(outcome.executionRecordId ? { executionRecordId: outcome.executionRecordId } : {}),
    ...(outcome.status ? { status: outcome.status } : {}), ...(cost !== undefined ? { cost, currency: facts.currency ?? 'USD' } : {}),
    ...(tokens !== undefined ? { tokens } : {}), ...(duration !== undefined ? { durationMs: duration } : {}),
  };
  return {
    ...base, outcome: verdicts.every((v) => v.pass) ? 'passed' : 'failed', durationMs: ms(), verdicts, execution, expectLine,
    ...(baselineRef ? { baseline: baselineRef } : {}),
  };
}

async function readTrace(client: FruxonClient, agentId: string, recordId: string, signal?: AbortSignal): Promise<Trace> {
  const opts = signal ? { signal } : {};
  const [trace, record] = await Promise.all([client.getTraceWithFallback(agentId, recordId, opts), client.getExecutionRecord(agentId, recordId, opts)]);
  return fromTraceWithFallback(trace, record);
}
