// Validates trace-bearing responses with the zod schemas without recursing through the step tree.
// TraceStepSchema validates `steps` by recursion and exhausts the stack at about 640 levels, which a real
// trace (or a saved file) may well exceed; here each step is validated alone (its `steps` emptied) from an
// explicit stack, then re-attached. Same rules, same defaults, same first issue and path, any depth. The
// results have zod's safeParse shape, so HttpClient (`HttpRequest.parse`) reports them like any schema's.
import { z } from 'zod';
import { ExecuteResponseSchema, ProjectedTraceSchema, TraceResponseSchema, TraceStepSchema } from './schemas';
import type { ExecuteResponse, ProjectedTrace, TraceResponse, TraceStep } from './schemas';
import { canonicalStep } from './stepFast';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Frame {
  raw: unknown;
  index: number;
  /** Paths are rebuilt from parents only on error: storing one per step is quadratic on deep trees. */
  parent: Frame | undefined;
  into: TraceStep[];
}

function pathOf(f: Frame, base: readonly PropertyKey[]): PropertyKey[] {
  const rev: PropertyKey[] = [];
  for (let cur: Frame | undefined = f; cur; cur = cur.parent) rev.push(cur.index, ...(cur.parent ? ['steps'] : []));
  return [...base, ...rev.reverse()];
}

/** A failed result carrying `issues` (ZodError's type parameter is only a tag for its format helpers). */
const failure = <T>(issues: z.core.$ZodIssue[]): z.ZodSafeParseResult<T> => ({ success: false, error: new z.ZodError(issues) as z.ZodError<T> });

/** zod's issues, moved down to `base` in the document. */
const failAt = <T>(error: z.ZodError, base: readonly PropertyKey[]): z.ZodSafeParseResult<T> =>
  failure(error.issues.map((i) => ({ ...i, path: [...base, ...i.path] })));

/** Validates a list of raw steps (and all their descendants) found at `path` in the document. */
function parseSteps(raw: readonly unknown[], path: readonly PropertyKey[]): z.ZodSafeParseResult<TraceStep[]> {
  const roots: TraceStep[] = [];
  const stack: Frame[] = [];
  const pushAll = (list: readonly unknown[], parent: Frame | undefined, into: TraceStep[]): void => {
    for (let i = list.length - 1; i >= 0; i--) stack.push({ raw: list[i], index: i, parent, into });
  };
  pushAll(raw, undefined, roots);
  while (stack.length > 0) {
    const f = stack.pop() as Frame;
    const kids = isObj(f.raw) ? f.raw.steps : undefined;
    // A non-list `steps` is left in place so zod reports it exactly as it would have.
    const shallow = isObj(f.raw) && Array.isArray(kids) ? { ...f.raw, steps: [] } : f.raw;
    // The usual step skips zod (stepFast.ts gives zod's very output); any other is zod's to read or report.
    let data = canonicalStep(shallow);
    if (!data) {
      const r = TraceStepSchema.safeParse(shallow);
      if (!r.success) return failAt(r.error, pathOf(f, path));
      data = r.data;
    }
    f.into.push(data);
    if (Array.isArray(kids) && kids.length > 0) pushAll(kids, f, data.steps);
  }
  return { success: true, data: roots };
}

/** Stands in for an invalid step list, to learn where zod would have reported it among the other issues. */
const NOT_A_LIST = false;

/**
 * Validates `body` with `schema`, the step list at `stepsAt` (e.g. `['trace', 'traces']`) validated
 * iteratively by parseSteps and put back in place of the schema's (empty) list. The first issue is the one
 * the recursive schema would have reported first.
 */
export function parseResponse<T>(schema: z.ZodType<T>, body: unknown, stepsAt: readonly string[]): z.ZodSafeParseResult<T> {
  const last = stepsAt[stepsAt.length - 1] as string;
  // Copies of the objects down to the list, so the list can be swapped out without touching `body`.
  let holder: Obj | undefined;
  let shell: unknown = body;
  if (isObj(body)) {
    shell = holder = { ...body };
    for (const key of stepsAt.slice(0, -1)) {
      const v: unknown = holder[key];
      holder = isObj(v) ? (holder[key] = { ...v }) : undefined;
      if (!holder) break;
    }
  }
  const rawSteps: unknown = holder?.[last];
  // Anything but a list (missing, null, a string…) is the schema's to accept or report.
  if (!holder || !Array.isArray(rawSteps)) return schema.safeParse(shell);
  const steps = parseSteps(rawSteps, stepsAt);
  if (!steps.success) {
    // Zod reports issues in document order: a bad field before the list comes first, one after it second.
    holder[last] = NOT_A_LIST;
    const r = schema.safeParse(shell);
    const first = r.success ? undefined : r.error.issues[0];
    const listFirst = !first || (first.path.length === stepsAt.length && stepsAt.every((k, i) => first.path[i] === k));
    return listFirst ? failure(steps.error.issues) : r;
  }
  holder[last] = [];
  const r = schema.safeParse(shell);
  if (!r.success) return r;
  let target: unknown = r.data;
  for (const key of stepsAt.slice(0, -1)) target = isObj(target) ? target[key] : undefined;
  if (isObj(target)) target[last] = steps.data;
  return r;
}

/** The trace-bearing responses, for HttpRequest.parse and for saved files. */
export const parseProjectedTrace = (body: unknown): z.ZodSafeParseResult<ProjectedTrace> =>
  parseResponse(ProjectedTraceSchema, body, ['traces']);
export const parseTraceResponse = (body: unknown): z.ZodSafeParseResult<TraceResponse> =>
  parseResponse(TraceResponseSchema, body, ['trace', 'traces']);
export const parseExecuteResponse = (body: unknown): z.ZodSafeParseResult<ExecuteResponse> =>
  parseResponse(ExecuteResponseSchema, body, ['trace', 'traces']);
