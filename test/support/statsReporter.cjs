// Mocha's spec reporter, plus a JSON file of the counts (AGENTLENS_TEST_STATS) so `npm test` can print one
// closing "N passed, N failed" line for all tiers, including the one that runs inside the extension host.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = (options && options.reporterOptions && options.reporterOptions.statsFile) || process.env.AGENTLENS_TEST_STATS;
    runner.once('end', () => {
      if (!file) return;
      const s = runner.stats || {};
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ passed: s.passes || 0, failed: s.failures || 0, skipped: s.pending || 0 }));
    });
  }
}

module.exports = StatsReporter;
