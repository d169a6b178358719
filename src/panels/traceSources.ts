// Trace sources the panel loader reads besides connections: the local receiver's store (set once by the
// composition root) and traces a command has already read and mapped (so a file is read and mapped once,
// even when the command had to read it first to offer a choice of traces).
import type { Trace } from '../model/types';
import type { LocalTraceStore } from '../receiver/traceStore';
import { originKey, type TraceOrigin } from './origin';

let localStore: LocalTraceStore | undefined;
const primed = new Map<string, Trace>();

export function setLocalTraceStore(store: LocalTraceStore | undefined): void {
  localStore = store;
}

export function localTraceStore(): LocalTraceStore | undefined {
  return localStore;
}

/** Hands a mapped trace to the next load of `origin`; `dropPrimed` forgets it if no load took it. */
export function primeTrace(origin: TraceOrigin, trace: Trace): void {
  primed.set(originKey(origin), trace);
}

export function takePrimed(origin: TraceOrigin): Trace | undefined {
  const key = originKey(origin);
  const t = primed.get(key);
  primed.delete(key);
  return t;
}

export function dropPrimed(origin: TraceOrigin): void {
  primed.delete(originKey(origin));
}
