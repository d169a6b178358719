// An OTLP trace (the real mapper on spec fixtures) in the real webview bundle under the panel's CSP: the
// header's source and the raw-spans-vs-projection comparison, an OpenInference LLM step's conversation, and
// an unknown span's attributes.
import * as assert from 'node:assert/strict';
import { Harness } from '../../bench/harness';
import { compareTraces } from '../../src/model/compare';
import { traceFromOtlp } from '../../src/model/otlp';
import { preorder } from '../../src/model/outline';
import { openInference } from '../unit/model/otlpFixtures';
import { detailText, expandDetail, selectStep } from './pageHelpers';
import { TEST_TIMEOUT_MS } from '../support/patience';

describe('trace webview: OTLP traces', function () {
  this.timeout(TEST_TIMEOUT_MS);
  const trace = traceFromOtlp(openInference());
  const other = { ...trace, stepCount: trace.stepCount - 1, cost: { ...trace.cost, total: 0 } };
  trace.comparison = compareTraces(trace, other, "the server's projection");
  const steps = preorder(trace);
  const at = (name: string) => steps.findIndex((s) => s.name === name);
  let h: Harness;

  before(async () => {
    h = await Harness.start();
    await h.open(trace);
    await h.page.waitForSelector('.tree-scroll .row');
  });
  after(async () => h?.close());

  it('shows the source and the comparison with both counts and the difference', async () => {
    const text = await h.page.locator('.trace-header').innerText();
    for (const s of ['OTLP', "Raw spans vs the server's projection", 'steps 5 vs 4 (+1)', 'tokens 340 vs 340 (same)', 'cost $0.00070 vs 0 (+$0.00070)']) {
      assert.ok(text.includes(s), `header lacks ${s}: ${text}`);
    }
  });

  it('renders an OpenInference LLM span as a conversation, and a guardrail span with its attributes', async () => {
    await selectStep(h.page, at('ChatCompletion'), steps[at('ChatCompletion')]!.id);
    await expandDetail(h.page);
    const text = await detailText(h.page);
    for (const s of ['gpt-4o-mini', 'Answer from context.', 'What is OTel?', 'OpenTelemetry is an observability framework.', 'cite']) {
      assert.ok(text.includes(s), `LLM detail lacks ${s}: ${text}`);
    }
    await selectStep(h.page, at('moderation'), steps[at('moderation')]!.id);
    await expandDetail(h.page);
    const g = await detailText(h.page);
    assert.ok(g.includes('openinference.span.kind') && g.includes('GUARDRAIL'), `guardrail detail lacks its attributes: ${g}`);
  });
});
