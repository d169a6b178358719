// An incremental Server-Sent Events parser (WHATWG HTML §9.2 "event stream interpretation"). Bytes go in as
// they arrive, in pieces of any size (a multi-byte character or a CRLF may be split across pieces); whole
// events come out. Pure: no I/O, no `vscode`.

export interface SseMessage {
  /** `event:` field; "message" when the server sent none. */
  readonly event: string;
  /** `data:` lines joined with "\n". */
  readonly data: string;
  /** The last `id:` seen so far (the spec's last event ID). */
  readonly id?: string;
  /** A `retry:` value, when this message came with one. */
  readonly retry?: number;
}

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private started = false;
  /** A chunk ended in CR: a LF at the start of the next chunk belongs to the same line break. */
  private pendingCr = false;
  private eventType = '';
  private data: string[] = [];
  private hasData = false;
  private lastId: string | undefined;
  private retry: number | undefined;

  /** Feeds bytes (or already decoded text); returns the events completed by them. */
  push(chunk: Uint8Array | string): SseMessage[] {
    let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const out: SseMessage[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.buffer.slice(start, i), out);
      if (c === 13) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** The stream ended. Per the spec an event without its closing blank line is dropped. */
  end(): SseMessage[] {
    this.push(this.decoder.decode());
    this.buffer = '';
    this.reset();
    return [];
  }

  private reset(): void {
    this.eventType = '';
    this.data = [];
    this.hasData = false;
    this.retry = undefined;
  }

  private line(line: string, out: SseMessage[]): void {
    if (line === '') {
      if (this.hasData) {
        const m: { event: string; data: string; id?: string; retry?: number } = { event: this.eventType || 'message', data: this.data.join('\n') };
        if (this.lastId !== undefined) m.id = this.lastId;
        if (this.retry !== undefined) m.retry = this.retry;
        out.push(m);
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event': this.eventType = value; break;
      case 'data': this.data.push(value); this.hasData = true; break;
      case 'id': if (!value.includes('\0')) this.lastId = value; break;
      case 'retry': if (/^\d+$/.test(value)) this.retry = Number(value); break;
      default: break; // unknown fields are ignored
    }
  }
}
