// Interning for the mappers. Decoded text (JSON.parse, protobuf) gives every occurrence of a value its own string;
// a trace keeps most of them for as long as it is open. Pure, no dependencies.

/**
 * One copy of each short string that repeats across spans (trace and parent ids, span and event names, values
 * such as a model or an operation name). A trace of 100,000 spans from one agent repeats a handful of them
 * 100,000 times, and each decoded copy would otherwise be kept for as long as the trace is held. Per read, and
 * bounded, so unique values (span ids, texts) cost a lookup, not memory.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly maxEntries = 20_000, private readonly maxLength = 64) {}

  get(s: string): string {
    if (s.length > this.maxLength) return s;
    const had = this.pool.get(s);
    if (had !== undefined) return had;
    if (this.pool.size < this.maxEntries) this.pool.set(s, s);
    return s;
  }
}
