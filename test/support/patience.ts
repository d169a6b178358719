// How the integration, UI, demo and browser tests wait: for a condition, never for a fixed time. Waiting ends
// the moment the condition holds, so the deadline can be generous — a busy machine (two cores shared with
// other work, a newcomer's laptop compiling something) makes things slow, not wrong. A test still fails when
// the condition never comes, only later.

/** The longest any one wait may take (AGENTLENS_TEST_PATIENCE_MS overrides). */
export const PATIENCE_MS = Number(process.env.AGENTLENS_TEST_PATIENCE_MS) || 120_000;

/** A mocha timeout for a test made of a few such waits. */
export const TEST_TIMEOUT_MS = 3 * PATIENCE_MS;

/** Polls `fn` until it returns something other than undefined/false, and returns that; throws after `ms`. */
export async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = PATIENCE_MS, everyMs = 50): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Polls `read` until two reads `everyMs` apart agree (a value that something else may still be setting), and returns it. */
export async function settled<T>(what: string, read: () => Promise<T>, ms = PATIENCE_MS, everyMs = 100): Promise<T> {
  let last = await read();
  return until(what, async () => {
    const now = await read();
    const same = now === last;
    last = now;
    return same ? { value: now } : undefined;
  }, ms, everyMs).then((r) => r.value);
}
