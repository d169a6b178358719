// What `agentlens test` writes to a terminal: a test's name, the execution's status, the agent's answer and the
// server's messages are untrusted and may not drive the terminal (escape sequences, bidi controls).
import * as assert from 'node:assert/strict';
import { Progress, summary } from '../../../src/cli/report';
import type { TestResult } from '../../../src/testRunner/types';

const ESC_OR_BIDI = /[\x1b\u202E\u200B]/u;

describe('agentlens test output', () => {
  const failed: TestResult = {
    id: '1', name: 'billing\u202Etxt.run.json', outcome: 'failed', durationMs: 1200,
    verdicts: [{ pass: false, path: 'expect.output.contains', line: 3, column: 5, message: 'The answer lacks "refund".\x1b]8;;https://e.vil\x07here\x1b]8;;\x07', expected: 'refund', actual: 'no\u200Bpe\x1b[2J' }],
    execution: { agentId: 'a1', executionRecordId: 'e1', status: 'COMPLETED\x1b[32m', durationMs: 1000, tokens: 1, cost: 0.01 },
  } as unknown as TestResult;
  const errored: TestResult = { id: '2', name: 'b.run.json', outcome: 'errored', durationMs: 5, verdicts: [], error: { message: 'Server said \x1b[31mno\u202E', sent: false } };

  it('shows the hidden characters of names, statuses, answers and messages in the summary', () => {
    const text = summary([failed, errored], 2000);
    assert.doesNotMatch(text, ESC_OR_BIDI);
    assert.ok(text.includes('billing⟨U+202E⟩txt.run.json'), text);
    assert.ok(text.includes('Server said ⟨U+001B⟩[31mno⟨U+202E⟩'), text);
  });

  it('shows them in each finished test\'s line too, and counts tokens in the singular', () => {
    const written: string[] = [];
    const p = new Progress({ write: (s: string) => written.push(s), isTTY: false }, 2);
    p.finished(failed);
    assert.equal(written.length, 1);
    assert.doesNotMatch(written[0]!, ESC_OR_BIDI);
    assert.match(written[0]!, /^✗ billing⟨U\+202E⟩txt\.run\.json {2}\(COMPLETED⟨U\+001B⟩\[32m · 1\.0 s · 1 token · \$0\.0100\) {2}FAILED\n$/);
  });
});
