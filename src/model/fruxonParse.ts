// Validates a saved Fruxon trace response with the client's zod schemas without recursing through the
// step tree. TraceStepSchema validates `steps` by recursion and exhausts the stack at about 640 levels,
// which a trace file may well exceed; here each step is validated alone (its `steps` emptied) from an
// explicit stack, then re-attached. Same rules, same defaults, same error paths, any depth.
import type { z } from 'zod';
import { TraceStepSchema } from '../api/fruxon/schemas';
import type { TraceStep } from '../api/fruxon/schemas';
import { isObj } from './llmContent';
import type { Obj } from './llmContent';

export interface ParseIssue {
  path: PropertyKey[];
  message: string;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; issue: ParseIssue };

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

function firstIssue(error: z.ZodError, base: readonly PropertyKey[]): ParseIssue {
  const i = error.issues[0];
  return { path: [...base, ...(i?.path ?? [])], message: i?.message ?? 'invalid' };
}

/** Validates a list of raw steps (and all their descendants) found at `path` in the document. */
export function parseSteps(raw: unknown, path: readonly PropertyKey[]): ParseResult<TraceStep[]> {
  if (raw === null || raw === undefined) return { ok: true, data: [] };
  if (!Array.isArray(raw)) return { ok: false, issue: { path: [...path], message: `expected array, received ${typeof raw}` } };
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
    const r = TraceStepSchema.safeParse(shallow);
    if (!r.success) return { ok: false, issue: firstIssue(r.error, pathOf(f, path)) };
    f.into.push(r.data);
    if (Array.isArray(kids) && kids.length > 0) pushAll(kids, f, r.data.steps);
  }
  return { ok: true, data: roots };
}

/**
 * Validates `body` with `schema`, the step list at `stepsAt` (e.g. `['trace', 'traces']`) validated
 * iteratively by parseSteps and put back in place of the schema's (empty) list.
 */
export function parseResponse<T>(schema: z.ZodType<T>, body: unknown, stepsAt: readonly string[]): ParseResult<T> {
  let rawSteps: unknown;
  let shell: unknown = body;
  if (isObj(body)) {
    // Rebuild the path down to the list with copies, leaving the list empty for the schema.
    const copy: Obj = { ...body };
    let cur: Obj | undefined = copy;
    for (let i = 0; i < stepsAt.length && cur; i++) {
      const key = stepsAt[i] as string;
      const v: unknown = cur[key];
      if (i === stepsAt.length - 1) {
        rawSteps = v;
        if (Array.isArray(v)) cur[key] = [];
      } else if (isObj(v)) {
        cur = cur[key] = { ...v };
      } else {
        cur = undefined;
      }
    }
    shell = copy;
  }
  const r = schema.safeParse(shell);
  if (!r.success) return { ok: false, issue: firstIssue(r.error, []) };
  if (!Array.isArray(rawSteps)) return { ok: true, data: r.data };
  const steps = parseSteps(rawSteps, stepsAt);
  if (!steps.ok) return steps;
  let target: unknown = r.data;
  for (const key of stepsAt.slice(0, -1)) target = isObj(target) ? target[key] : undefined;
  if (isObj(target)) target[stepsAt[stepsAt.length - 1] as string] = steps.data;
  return { ok: true, data: r.data };
}
