// Interning for the mappers. Decoded text (JSON.parse, protobuf) gives every occurrence of a value its own string;
// a trace keeps most of them for as long as it is open. Pure, no dependencies.

const SLOTS = 1024;
const MAX_LENGTH = 64;

/**
 * One copy of each short string that repeats across spans (trace and parent ids, span and event names, values
 * such as a model or an operation name): a trace of 100,000 spans from one agent repeats a handful of them
 * 100,000 times, and each decoded copy would otherwise be kept for as long as the trace is held.
 * A direct-mapped cache, not a Map: the slot comes from the length and three characters, so a lookup reads three
 * characters and compares one string instead of hashing each (a Map cost ~100 ns a value, most of the gain).
 * Two values that share a slot just take turns in it; unique values (span ids, texts) cost no memory.
 */
export class StringPool {
  private readonly slots: (string | undefined)[] = new Array<string | undefined>(SLOTS);

  get(s: string): string {
    const n = s.length;
    if (n === 0 || n > MAX_LENGTH) return s;
    const h = (n * 31 + s.charCodeAt(0) * 7 + s.charCodeAt(n >> 1) * 13 + s.charCodeAt(n - 1)) & (SLOTS - 1);
    const had = this.slots[h];
    if (had === s) return had;
    this.slots[h] = s;
    return s;
  }
}
