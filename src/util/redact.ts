// Secrets must never reach a log line, an error message or a webview. The logger runs every line through
// `redact`, which removes the credentials registered at run time and anything shaped like one.

const patterns: Array<[RegExp, string]> = [
  // Fruxon API keys and tokens: keep the prefix so a log still says which kind was used.
  [/\b(fxn?_(?:live|pat|sat|test)_)[A-Za-z0-9_\-.]+/g, '$1***'],
  // Header-like pairs first, so "Authorization: Bearer x" loses its scheme and value together.
  [/\b((?:x-api-key|authorization|api[_-]?key|token|secret|password)\s*["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic)\s+)?[^\s"',;&}]+/gi, '$1***'],
  [/\b(Bearer\s+)[^\s"',;]+/gi, '$1***'],
  // JWTs: three base64url segments, the first one starting with a JSON object ("eyJ").
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '***'],
];

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a credential to be removed verbatim wherever it appears. Short strings are ignored: too risky. */
  addSecret(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  removeSecret(secret: string | undefined): void {
    if (secret) this.secrets.delete(secret);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is removed whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
    for (const [re, replacement] of patterns) out = out.replace(re, replacement);
    return out;
  }
}
