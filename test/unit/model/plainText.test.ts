import assert from 'node:assert/strict';
import { ApprovalSchema } from '../../../src/api/fruxon/approvalSchemas';
import { proposalDetail, proposalSummary } from '../../../src/model/approvals';
import { noIcons, revealBidi } from '../../../src/model/plainText';
import { escapeMarkdown, plainMessage } from '../../../src/views/markdown';

const RLO = '\u202e';
const a = (o: Record<string, unknown>) => ApprovalSchema.parse({ id: 'x', ...o });

describe('API text a person acts on', () => {
  it('every bidi control becomes visible; everything else stays exactly as sent', () => {
    assert.equal(revealBidi(`refund ${RLO}0021$`), 'refund \u27e8U+202E\u27e90021$');
    for (const c of ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      assert.doesNotMatch(revealBidi(`a${c}b`), /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/, `U+${c.charCodeAt(0).toString(16)}`);
    }
    const plain = 'Rückerstattung  €120 — عربي\tOK\n[x] $(y)';
    assert.equal(revealBidi(plain), plain);
  });

  it('a proposal cannot hide in a summary, a notification or a tooltip behind a bidi override', () => {
    const approval = a({ outboundMessage: `Refund ${RLO}$120 to order 4411` });
    assert.equal(proposalSummary(approval), 'Refund \u27e8U+202E\u27e9$120 to order 4411');
    assert.doesNotMatch(plainMessage(`Support${RLO} waits for approval: x`), /\u202e/);
    assert.doesNotMatch(escapeMarkdown(`Support${RLO}`), /\u202e/);
  });

  it('the confirmation shows the whole proposal: every line and the tool call, cut only when very long, saying so', () => {
    const approval = a({ outboundMessage: 'Refund $120?\nAlso close the account', toolKey: 'refund_order', proposedParameters: { amount: 120, close: true } });
    assert.equal(proposalSummary(approval), 'Refund $120?');
    assert.equal(proposalDetail(approval), 'Refund $120?\nAlso close the account\n\nTool call: refund_order({"amount":120,"close":true})');
    assert.equal(proposalDetail(a({ toolKey: 'refund_order', proposedParameters: { amount: 1 } })), 'refund_order({"amount":1})');
    const long = proposalDetail(a({ outboundMessage: 'y'.repeat(5000) }), 100);
    assert.ok(long.startsWith(`${'y'.repeat(99)}…\n(4901 more characters`), long.slice(0, 140));
  });

  it('status bar text shows $(name) as written, not as an icon', () => {
    assert.equal(noIcons('Approved: $(check) all $(x~spin).'), 'Approved: \\$(check) all \\$(x~spin).');
    assert.equal(noIcons('costs $120 (net)'), 'costs $120 (net)');
  });
});
