// The trace end of the trace panel's protocol, without `vscode`: holds one trace, answers the webview's requests.
// It lives in a worker (a trace worker, or the receiver's for a local trace: src/traceWorker/serve.ts); the panel
// (src/panels/) owns the WebviewPanel, the ready handshake's queue and the clipboard, and talks to it through
// WorkerTraceSession. The bench and the browser tests drive this same class, so what they measure is what runs.
import type { HostToWebview, TraceOutline, WebviewToHost } from '../shared/protocol';
import { toOutline, toPackedOutline, toStepPayload, walkTrace, type Walked } from './outline';
import { SearchIndex } from './search';
import { packOutline, type PackedOutline } from '../shared/outlineWire';
import { encodeMatches } from '../shared/searchWire';
import type { Step, Trace } from './types';

export interface SessionEffects {
  /** Write to the clipboard (the webview cannot). */
  copy(text: string): void | Promise<void>;
  /** Open a link the user clicked in a trace; the implementation decides which schemes are allowed. */
  openLink(url: string): void | Promise<void>;
}

/** What a trace panel holds: this class, or its stand-in for a session kept in a trace worker (src/traceWorker/). */
export interface TraceSessionLike {
  readonly outline: TraceOutline;
  stepIdAt(index: number): string | undefined;
  /** The trace shown now (after the last live refresh): exports and the coding-agent tools read it. */
  trace(): Promise<Trace>;
  handle(msg: WebviewToHost): Promise<HostToWebview[]>;
  dispose(): void;
}

export class TraceSession implements TraceSessionLike {
  private steps: Step[];
  private outlineCache: TraceOutline | undefined;
  private packedCache: PackedOutline | undefined;
  private index: Promise<SearchIndex> | undefined;
  /** The walk that made `steps`, kept for the first outline (which needs its parents and depths too), then dropped. */
  private walked: Walked | undefined;

  constructor(
    private shown: Trace,
    private readonly effects: SessionEffects,
    /** Post the outline packed (src/shared/outlineWire.ts), as a panel does: VS Code then hands its columns over as buffers. */
    private readonly packed = false,
  ) {
    this.walked = walkTrace(shown);
    this.steps = this.walked.steps;
  }

  private takeWalk(): Walked {
    const w = this.walked ?? walkTrace(this.shown);
    this.walked = undefined;
    return w;
  }

  /** The outline as the `trace`/`live` messages carry it. */
  private posted(): TraceOutline | PackedOutline {
    return this.packed ? this.packedOutline() : this.outline;
  }

  /** The outline packed (src/shared/outlineWire.ts), kept once: the arrays are made again only if `outline` is read. */
  packedOutline(): PackedOutline {
    if (!this.packedCache) {
      // Straight into typed arrays when there is no plain outline to pack (a trace worker's first post).
      this.packedCache = this.outlineCache ? packOutline(this.outlineCache) : toPackedOutline(this.shown, Date.now(), this.takeWalk());
      this.outlineCache = undefined;
    }
    return this.packedCache;
  }

  /** The trace shown now (after the last live refresh): exports and the coding-agent tools read it. */
  get current(): Trace {
    return this.shown;
  }

  trace(): Promise<Trace> {
    return Promise.resolve(this.current);
  }

  dispose(): void {
    this.index = undefined;
  }

  /** The id of the step at a pre-order index, if there is one. */
  stepIdAt(index: number): string | undefined {
    return this.steps[index]?.id;
  }

  get outline(): TraceOutline {
    this.outlineCache ??= toOutline(this.shown, Date.now(), this.takeWalk());
    return this.outlineCache;
  }

  /** Drops the cached outline (a trace worker hands its buffers over and keeps no copy; it is made anew if asked). */
  forgetOutline(): void {
    this.outlineCache = undefined;
    this.packedCache = undefined;
  }

  /**
   * Built in slices on first use; the panel should call this right after posting the trace, so the index is
   * ready by the first keystroke without delaying the first paint.
   */
  warmSearch(): Promise<SearchIndex> {
    this.index ??= SearchIndex.buildAsync(this.steps);
    return this.index;
  }

  /** A running trace was refetched: returns the `live` message to post. */
  replace(trace: Trace): HostToWebview {
    this.shown = trace;
    this.walked = walkTrace(trace);
    this.steps = this.walked.steps;
    this.outlineCache = undefined;
    this.packedCache = undefined;
    this.index = undefined;
    return { type: 'live', outline: this.posted() };
  }

  /** Answers one webview message; returns what to post back (nothing for fire-and-forget messages). */
  async handle(msg: WebviewToHost): Promise<HostToWebview[]> {
    switch (msg.type) {
      case 'ready':
        void this.warmSearch();
        return [{ type: 'trace', outline: this.posted() }];
      case 'getStep': {
        let index = msg.index;
        // After a `live` refresh the index may have moved; the step id is the stable key.
        if (msg.stepId !== undefined && this.steps[index]?.id !== msg.stepId) {
          index = this.steps.findIndex((s) => s.id === msg.stepId);
        }
        const step = this.steps[index];
        if (!step) return [{ type: 'error', id: msg.id, message: `No step ${msg.stepId ?? msg.index} in this trace.` }];
        return [{ type: 'step', id: msg.id, index, step: toStepPayload(step) }];
      }
      case 'search': {
        const index = await this.warmSearch();
        const { ranges, count, truncated } = index.search(msg.query);
        return [{ type: 'searchResult', id: msg.id, query: msg.query, ...encodeMatches(ranges, index.size), count, truncated }];
      }
      case 'copy':
      case 'openLink':
      case 'answerGate':
        return runEffect(msg, this.effects);
    }
  }
}

/** The fire-and-forget messages, which need no trace: the clipboard and links (a gate's answer is the panel's). */
export async function runEffect(msg: Extract<WebviewToHost, { type: 'copy' | 'openLink' | 'answerGate' }>, effects: SessionEffects): Promise<HostToWebview[]> {
  if (msg.type === 'copy') await effects.copy(msg.text);
  else if (msg.type === 'openLink') await effects.openLink(msg.url);
  // answerGate: the panel answers gates itself (it knows where the trace came from); nothing to say back here.
  return [];
}
