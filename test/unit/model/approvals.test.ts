import assert from 'node:assert/strict';
import { ApprovalSchema } from '../../../src/api/fruxon/approvalSchemas';
import { argumentsText, expiresInMs, newestFirst, otherFields, proposalSummary, proposalText, waitedMs } from '../../../src/model/approvals';

const a = (o: Record<string, unknown>) => ApprovalSchema.parse({ id: 'x', ...o });

describe('approval wording', () => {
  it('the proposal is the gate message, else the guarded tool call, else the gate name', () => {
    assert.equal(proposalText(a({ outboundMessage: 'Refund  $120?\nOrder 4411', toolKey: 'refund' })), 'Refund  $120?\nOrder 4411');
    assert.equal(proposalText(a({ toolKey: 'refund', proposedParameters: { amount: 120 } })), 'refund({"amount":120})');
    assert.equal(proposalText(a({ toolKey: 'refund', proposedParameters: {} })), 'refund');
    assert.equal(proposalText(a({ displayName: 'Approval: Refund' })), 'Approval: Refund');
    assert.equal(proposalText(a({})), 'Approval');
  });

  it('the summary is one line, cut with an ellipsis; the full text stays available', () => {
    assert.equal(proposalSummary(a({ outboundMessage: '\n  Refund\t$120?  \nmore' })), 'Refund $120?');
    const long = 'x'.repeat(200);
    const s = proposalSummary(a({ outboundMessage: long }), 20);
    assert.equal(s.length, 20);
    assert.ok(s.endsWith('…'));
    assert.equal(proposalText(a({ outboundMessage: long })), long);
  });

  it('shows fields nobody knows, and only those', () => {
    assert.deepEqual(otherFields(a({ status: 'PENDING', toolKey: 't', priority: 'HIGH', channel: { kind: 'SLACK' } })), { priority: 'HIGH', channel: { kind: 'SLACK' } });
    assert.equal(otherFields(a({ requestId: 'r', message: 'm', expireTime: 5 })), undefined);
  });

  it('waited and expiry from the clock; absent when the service did not say', () => {
    const x = a({ requestedAt: 1000, expiresAt: 5000 });
    assert.equal(waitedMs(x, 4000), 3000);
    assert.equal(expiresInMs(x, 4000), 1000);
    assert.equal(expiresInMs(x, 6000), -1000);
    assert.equal(waitedMs(a({}), 4000), undefined);
    assert.equal(expiresInMs(a({}), 4000), undefined);
    assert.equal(argumentsText(a({ proposedParameters: 'raw text' })), 'raw text');
  });

  it('newest first, keeping the service order for ties and missing times', () => {
    const items = [a({ id: '1', requestedAt: 1 }), a({ id: '2' }), a({ id: '3', requestedAt: 3 }), a({ id: '4', requestedAt: 3 })];
    assert.deepEqual(newestFirst(items).map((x) => x.id), ['3', '4', '1', '2']);
  });
});
