// The one `acquireVsCodeApi()` object (it may be called only once per page), typed for our protocol, and a
// small client that pairs requests with their responses.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { HostToWebview, PersistedViewState, RequestMap, WebviewToHost } from '../src/shared/protocol';

export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PersistedViewState | undefined;
  setState(state: PersistedViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Outside VS Code (a plain browser, a test page without the stub) messages go nowhere. */
export function getVsCodeApi(): VsCodeApi {
  if (typeof acquireVsCodeApi === 'function') return acquireVsCodeApi();
  let state: PersistedViewState | undefined;
  return { postMessage: () => undefined, getState: () => state, setState: (s) => (state = s) };
}

type Pending = { resolve(msg: HostToWebview): void; reject(err: Error): void };
type RequestType = keyof RequestMap;
type Body<K extends RequestType> = Omit<RequestMap[K]['request'], 'id' | 'type'>;

export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private listener: ((msg: HostToWebview) => void) | undefined;

  constructor(readonly api: VsCodeApi) {}

  post(msg: WebviewToHost): void {
    this.api.postMessage(msg);
  }

  request<K extends RequestType>(type: K, body: Body<K>): Promise<RequestMap[K]['response']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (m: HostToWebview) => void, reject });
      this.api.postMessage({ ...body, type, id } as RequestMap[K]['request']);
    });
  }

  /** Unsolicited messages (trace, live, loading, errors without an id) go to one listener: the app. */
  onMessage(listener: (msg: HostToWebview) => void): void {
    this.listener = listener;
  }

  /** Wired to `window`'s message event. Untrusted shape: anything without a known `type` is dropped. */
  dispatch(data: unknown): void {
    if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') return;
    const msg = data as HostToWebview;
    const id = 'id' in msg ? msg.id : undefined;
    if (id !== undefined) {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (msg.type === 'error') p.reject(new Error(msg.message));
      else p.resolve(msg);
      return;
    }
    this.listener?.(msg);
  }
}

export const HostContext = createContext<HostClient | null>(null);

export function useHost(): HostClient {
  const host = useContext(HostContext);
  if (!host) throw new Error('HostContext is missing');
  return host;
}
