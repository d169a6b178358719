// The compare view's side of its protocol: posts, and pairs `getPair` requests with their answers.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CompareToHost, HostToCompare, PersistedCompareState } from '../../src/shared/compareProtocol';
import type { VsCodeApi } from '../vscodeApi';

type PairMsg = Extract<HostToCompare, { type: 'pair' }>;
type SearchMsg = Extract<HostToCompare, { type: 'searchResult' }>;
type Answer = PairMsg | SearchMsg;

export class CompareHost {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(m: Answer): void; reject(e: Error): void }>();
  private listener: ((msg: HostToCompare) => void) | undefined;

  constructor(private readonly api: VsCodeApi) {}

  post(msg: CompareToHost): void {
    (this.api.postMessage as (m: unknown) => void)(msg);
  }

  /** The serializer reads this after a reload to compare the same two traces again. */
  persist(state: PersistedCompareState): void {
    (this.api.setState as (s: unknown) => void)(state);
  }

  getPair(index: number): Promise<PairMsg> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (m: Answer) => void, reject });
      this.post({ type: 'getPair', id, index });
    });
  }

  search(query: string): Promise<SearchMsg> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (m: Answer) => void, reject });
      this.post({ type: 'search', id, query });
    });
  }

  onMessage(listener: (msg: HostToCompare) => void): void {
    this.listener = listener;
  }

  /** Untrusted shape: anything without a known `type` is dropped. */
  dispatch(data: unknown): void {
    if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') return;
    const msg = data as HostToCompare;
    const id = 'id' in msg ? msg.id : undefined;
    if (id !== undefined) {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (msg.type === 'error') p.reject(new Error(msg.message));
      else if (msg.type === 'pair' || msg.type === 'searchResult') p.resolve(msg);
      return;
    }
    this.listener?.(msg);
  }
}

export const CompareHostContext = createContext<CompareHost | null>(null);

export function useCompareHost(): CompareHost {
  const host = useContext(CompareHostContext);
  if (!host) throw new Error('CompareHostContext is missing');
  return host;
}
