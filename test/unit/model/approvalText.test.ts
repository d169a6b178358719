import assert from 'node:assert/strict';
import { ApprovalSchema } from '../../../src/api/fruxon/approvalSchemas';
import { proposalDetail, proposalSummary } from '../../../src/model/approvals';
import { noIcons } from '../../../src/shared/text';
import { noLinks } from '../../../src/views/markdown';

const RLO = '\u202e';
const a = (o: Record<string, unknown>) => ApprovalSchema.parse({ id: 'x', ...o });

describe('approval text a person acts on', () => {
  it('a proposal cannot hide behind a bidi override in its summary, its confirmation or a notification', () => {
    const approval = a({ outboundMessage: `Refund ${RLO}$120 to order 4411` });
    assert.equal(proposalSummary(approval), 'Refund \u27e8U+202E\u27e9$120 to order 4411');
    assert.equal(proposalDetail(approval), 'Refund \u27e8U+202E\u27e9$120 to order 4411');
    assert.doesNotMatch(noLinks(`Support${RLO} waits for approval: x`), /\u202e/);
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
