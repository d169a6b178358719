// The seeded agents: static descriptions the generators draw from. Values marked [guess] are
// spellings the public docs do not show; clients must treat those enums as open.

export interface ModelDef { providerId: string; model: string; inPerM: number; outPerM: number; cachedPerM: number }

export interface ToolDef {
  key: string;
  name: string;
  description: string;
  toolType: string;               // AGENT_TOOL | HTTP | MCP | CODE | RETRIEVAL  [guess beyond AGENT_TOOL]
  gated?: boolean;                // a human must approve it (HITL gate TOOL_FLOW_STEP)
  schema: Record<string, unknown>;
  args: Record<string, unknown>[];
  results: unknown[];
  error: string;
}

export interface AgentProfile {
  id: string;
  displayName: string;
  description: string;
  tags: string[];
  type: string;
  origin: 'NATIVE' | 'EXTERNAL';
  revisions: number;
  records: number;
  envs: [string, number][];
  triggers: [{ type: string; id: string; provider: string }, number][];
  models: ModelDef[];
  thinking: boolean;
  durationMs: [number, number];
  system: string;
  flows: string[];
  params: Record<string, unknown[]>;
  answers: string[];
  tools: ToolDef[];
}

const obj = (props: Record<string, string>, required: string[]): Record<string, unknown> => ({
  type: 'object',
  properties: Object.fromEntries(Object.entries(props).map(([k, t]) => [k, { type: t }])),
  required,
});

const GPT4O: ModelDef = { providerId: 'openai', model: 'gpt-4o', inPerM: 2.5, outPerM: 10, cachedPerM: 1.25 };
const GPT4O_MINI: ModelDef = { providerId: 'openai', model: 'gpt-4o-mini', inPerM: 0.15, outPerM: 0.6, cachedPerM: 0.075 };
const GPT41_MINI: ModelDef = { providerId: 'openai', model: 'gpt-4.1-mini', inPerM: 0.4, outPerM: 1.6, cachedPerM: 0.1 };
const SONNET: ModelDef = { providerId: 'anthropic', model: 'claude-sonnet-4-5', inPerM: 3, outPerM: 15, cachedPerM: 0.3 };
const HAIKU: ModelDef = { providerId: 'anthropic', model: 'claude-haiku-4-5', inPerM: 1, outPerM: 5, cachedPerM: 0.1 };
const FLASH: ModelDef = { providerId: 'google', model: 'gemini-2.5-flash', inPerM: 0.3, outPerM: 2.5, cachedPerM: 0.075 };

const API = { type: 'API', id: 'api-key', provider: 'fruxon' };

export const CATALOG: readonly AgentProfile[] = [
  {
    id: 'support-triage', displayName: 'Support Triage',
    description: 'Classifies inbound support tickets, drafts replies and asks a human before issuing refunds.',
    tags: ['support', 'customer-facing'], type: 'CONVERSATIONAL', origin: 'EXTERNAL', revisions: 7, records: 1200,
    envs: [['production', 70], ['staging', 20], ['dev', 10]],
    triggers: [[{ type: 'CONNECTOR', id: 'zendesk-main', provider: 'zendesk' }, 6], [API, 4]],
    models: [GPT4O, GPT4O_MINI], thinking: false, durationMs: [2500, 45000],
    system: 'You are a support triage assistant for Acme. Classify the ticket, look up the customer and draft a reply.',
    flows: ['Classify ticket', 'Research customer', 'Draft reply', 'Refund policy check'],
    params: { ticketId: ['ZD-48213', 'ZD-48377', 'ZD-49002', 'ZD-49118'], channel: ['email', 'chat', 'web'],
      message: ['My invoice shows a double charge for March.', 'I cannot log in since the update.', 'Please cancel my subscription and refund the last month.'] },
    answers: ['Drafted a reply explaining the duplicate charge and issued a refund of $49.00.',
      'Classified as LOGIN_ISSUE (priority P2); sent password reset instructions.', 'Escalated to billing with a summary of the account history.'],
    tools: [
      { key: 'search_kb', name: 'Search knowledge base', description: 'Full-text search over help-center articles.', toolType: 'MCP',
        schema: obj({ query: 'string', limit: 'integer' }, ['query']), args: [{ query: 'double charge invoice', limit: 5 }, { query: 'login after update', limit: 3 }],
        results: [{ hits: [{ id: 'kb-112', title: 'Why was I charged twice?' }] }, { hits: [] }], error: 'MCP server kb-search timed out after 30000 ms' },
      { key: 'get_customer', name: 'Get customer', description: 'Fetches the customer record from the CRM.', toolType: 'HTTP',
        schema: obj({ email: 'string' }, ['email']), args: [{ email: 'dana@example.com' }, { email: 'lee@example.org' }],
        results: [{ id: 'cus_8812', plan: 'pro', since: '2023-04-11' }], error: 'HTTP 502 from crm.internal/api/customers' },
      { key: 'issue_refund', name: 'Issue refund', description: 'Refunds an invoice in the billing system.', toolType: 'HTTP', gated: true,
        schema: obj({ invoiceId: 'string', amount: 'number' }, ['invoiceId', 'amount']), args: [{ invoiceId: 'in_1Q2w3E', amount: 49 }],
        results: [{ refundId: 're_77a1', status: 'succeeded' }], error: 'HTTP 409: invoice already refunded' },
    ],
  },
  {
    id: 'bulk-ingest', displayName: 'Bulk Ingest',
    description: 'Normalises and enriches documents pushed by the nightly ingestion pipeline.',
    tags: ['batch', 'etl'], type: 'TASK', origin: 'EXTERNAL', revisions: 3, records: 10000,
    envs: [['production', 90], ['staging', 10]],
    triggers: [[{ type: 'SCHEDULE', id: 'nightly-ingest', provider: 'cron' }, 8], [API, 2]],
    models: [FLASH], thinking: false, durationMs: [1500, 12000],
    system: 'Extract entities and a one-line summary from the document. Answer in JSON.',
    flows: ['Fetch', 'Enrich', 'Index'],
    params: { documentId: ['doc-000117', 'doc-004512', 'doc-019930'], source: ['s3://acme-ingest/2026/', 'gdrive://shared/contracts/'] },
    answers: ['Indexed 1 document with 14 entities.', 'Indexed 1 document with 3 entities.', 'Skipped: duplicate of doc-000117.'],
    tools: [
      { key: 'fetch_document', name: 'Fetch document', description: 'Downloads a document by id.', toolType: 'HTTP',
        schema: obj({ documentId: 'string' }, ['documentId']), args: [{ documentId: 'doc-004512' }],
        results: [{ bytes: 48213, mimeType: 'application/pdf' }], error: 'HTTP 404: document not found' },
      { key: 'extract_entities', name: 'Extract entities', description: 'Runs the entity extractor on plain text.', toolType: 'CODE',
        schema: obj({ text: 'string' }, ['text']), args: [{ text: 'Master services agreement between Acme and Globex…' }],
        results: [{ entities: ['Acme', 'Globex', '2026-01-01'] }], error: 'extractor exited with code 137 (out of memory)' },
      { key: 'upsert_index', name: 'Upsert index', description: 'Writes the enriched document to the search index.', toolType: 'MCP',
        schema: obj({ documentId: 'string', fields: 'object' }, ['documentId']), args: [{ documentId: 'doc-004512', fields: { lang: 'en' } }],
        results: [{ ok: true }], error: 'index is read-only during reindex' },
    ],
  },
  {
    id: 'sales-research', displayName: 'Sales Research',
    description: 'Researches a prospect company and writes a briefing for the account executive.',
    tags: ['sales', 'research'], type: 'TASK', origin: 'EXTERNAL', revisions: 12, records: 800,
    envs: [['production', 60], ['staging', 25], ['dev', 15]],
    triggers: [[API, 5], [{ type: 'WEBHOOK', id: 'hubspot-deal-created', provider: 'hubspot' }, 5]],
    models: [SONNET, HAIKU], thinking: true, durationMs: [20000, 240000],
    system: 'You are a sales researcher. Use the tools to build a factual briefing with sources.',
    flows: ['Plan research', 'Company profile', 'Recent news', 'Write briefing'],
    params: { company: ['Globex', 'Initech', 'Umbrella Health', 'Soylent Foods'], depth: ['quick', 'standard', 'deep'] },
    answers: ['Briefing: Globex (1,200 employees) expanded into LATAM in Q3; buying signals: new CTO, 3 open data roles.',
      'Briefing: Initech is consolidating vendors; decision maker is the VP Operations.'],
    tools: [
      { key: 'web_search', name: 'Web search', description: 'Searches the public web.', toolType: 'MCP',
        schema: obj({ q: 'string' }, ['q']), args: [{ q: 'Globex funding 2026' }, { q: 'Initech CTO' }],
        results: [{ results: [{ url: 'https://news.example.com/globex', title: 'Globex raises Series C' }] }], error: 'search quota exceeded' },
      { key: 'crm_lookup', name: 'CRM lookup', description: 'Reads the account and open deals from the CRM.', toolType: 'HTTP',
        schema: obj({ company: 'string' }, ['company']), args: [{ company: 'Globex' }],
        results: [{ accountId: 'acc_311', openDeals: 2 }], error: 'HTTP 401 from CRM: token expired' },
      { key: 'summarize_company', name: 'Summarize company', description: 'Delegates to the summarizer agent.', toolType: 'AGENT_TOOL',
        schema: obj({ company: 'string', notes: 'string' }, ['company']), args: [{ company: 'Globex', notes: 'focus on data team' }],
        results: ['Globex is a mid-size industrial conglomerate…'], error: 'sub-agent summarizer failed: context length exceeded' },
    ],
  },
  {
    id: 'code-review-bot', displayName: 'Code Review Bot',
    description: 'Reviews pull requests, runs the linters and posts inline comments after approval.',
    tags: ['engineering', 'github'], type: 'TASK', origin: 'EXTERNAL', revisions: 5, records: 450,
    envs: [['production', 80], ['dev', 20]],
    triggers: [[{ type: 'WEBHOOK', id: 'github-pr-opened', provider: 'github' }, 9], [API, 1]],
    models: [SONNET], thinking: true, durationMs: [8000, 90000],
    system: 'Review the diff for bugs, security issues and style. Be concise.',
    flows: ['Load diff', 'Review files', 'Post review'],
    params: { repo: ['acme/web', 'acme/api', 'acme/infra'], pullRequest: [1182, 1190, 2044, 311] },
    answers: ['Posted 4 comments; 1 blocking issue (SQL built by string concatenation).', 'Approved: no issues found.'],
    tools: [
      { key: 'get_diff', name: 'Get diff', description: 'Fetches the unified diff of a pull request.', toolType: 'HTTP',
        schema: obj({ repo: 'string', pullRequest: 'integer' }, ['repo', 'pullRequest']), args: [{ repo: 'acme/api', pullRequest: 1190 }],
        results: ['diff --git a/src/db.ts b/src/db.ts\n+ const q = "SELECT * FROM t WHERE id=" + id;'], error: 'HTTP 403: resource not accessible by integration' },
      { key: 'run_linter', name: 'Run linter', description: 'Runs eslint on the changed files.', toolType: 'CODE',
        schema: obj({ files: 'array' }, ['files']), args: [{ files: ['src/db.ts'] }],
        results: [{ problems: 2 }], error: 'linter crashed: cannot find module @acme/eslint-config' },
      { key: 'post_comment', name: 'Post comment', description: 'Posts a review comment on GitHub.', toolType: 'HTTP', gated: true,
        schema: obj({ path: 'string', line: 'integer', body: 'string' }, ['path', 'body']), args: [{ path: 'src/db.ts', line: 42, body: 'Use a parameterised query.' }],
        results: [{ commentId: 99120 }], error: 'HTTP 422: line is not part of the diff' },
    ],
  },
  {
    id: 'invoice-extractor', displayName: 'Invoice Extractor',
    description: 'Extracts line items and VAT from PDF invoices and posts them to the ERP.',
    tags: ['finance', 'documents'], type: 'TASK', origin: 'EXTERNAL', revisions: 4, records: 1500,
    envs: [['production', 85], ['staging', 15]],
    triggers: [[{ type: 'CONNECTOR', id: 'ap-mailbox', provider: 'outlook' }, 7], [API, 3]],
    models: [GPT41_MINI], thinking: false, durationMs: [3000, 30000],
    system: 'Extract supplier, date, currency, line items and VAT. Return strict JSON.',
    flows: ['OCR', 'Extract fields', 'Validate', 'Post to ERP'],
    params: { fileId: ['file_7h2k', 'file_9x0p', 'file_1a4c'], supplierHint: ['Contoso GmbH', 'Fabrikam Ltd', ''] },
    answers: ['Posted invoice INV-2026-0412 (EUR 1,284.50, 3 lines) to the ERP.', 'Posted invoice F-99812 (GBP 310.00, 1 line).'],
    tools: [
      { key: 'ocr_document', name: 'OCR document', description: 'Extracts text from a scanned PDF.', toolType: 'HTTP',
        schema: obj({ fileId: 'string' }, ['fileId']), args: [{ fileId: 'file_7h2k' }],
        results: [{ pages: 2, chars: 3120 }], error: 'HTTP 500 from ocr.internal: unsupported PDF encryption' },
      { key: 'validate_vat', name: 'Validate VAT number', description: 'Checks a VAT id against VIES.', toolType: 'HTTP',
        schema: obj({ vatId: 'string' }, ['vatId']), args: [{ vatId: 'DE811907980' }],
        results: [{ valid: true, name: 'CONTOSO GMBH' }], error: 'VIES service unavailable (MS_UNAVAILABLE)' },
      { key: 'post_to_erp', name: 'Post to ERP', description: 'Creates a supplier invoice in the ERP.', toolType: 'MCP',
        schema: obj({ invoice: 'object' }, ['invoice']), args: [{ invoice: { number: 'INV-2026-0412', total: 1284.5, currency: 'EUR' } }],
        results: [{ erpId: 'AP-55102' }], error: 'ERP rejected the invoice: supplier is blocked' },
    ],
  },
  {
    id: 'onboarding-concierge', displayName: 'Onboarding Concierge',
    description: 'Welcomes new customers, checks their workspace setup and books a kickoff call.',
    tags: ['customer-success'], type: 'CONVERSATIONAL', origin: 'NATIVE', revisions: 2, records: 300,
    envs: [['production', 75], ['staging', 25]],
    triggers: [[{ type: 'CONNECTOR', id: 'slack-onboarding', provider: 'slack' }, 6], [API, 4]],
    models: [GPT4O_MINI], thinking: false, durationMs: [2000, 20000],
    system: 'You are a friendly onboarding concierge.',
    flows: ['Greet', 'Check workspace', 'Book kickoff'],
    params: { accountId: ['acc_1001', 'acc_1002', 'acc_1044'], contactName: ['Priya', 'Jonas', 'Mei'] },
    answers: ['Welcomed Priya and booked a kickoff for Tuesday 10:00.', 'Workspace is missing SSO; sent the setup guide.'],
    tools: [
      { key: 'lookup_account', name: 'Look up account', description: 'Reads workspace settings.', toolType: 'AGENT_TOOL',
        schema: obj({ accountId: 'string' }, ['accountId']), args: [{ accountId: 'acc_1001' }],
        results: [{ sso: false, seats: 25 }], error: 'account not found' },
      { key: 'send_email', name: 'Send email', description: 'Sends an email to the customer.', toolType: 'HTTP', gated: true,
        schema: obj({ to: 'string', subject: 'string', body: 'string' }, ['to', 'subject']), args: [{ to: 'priya@example.com', subject: 'Welcome to Acme' }],
        results: [{ messageId: '<b1f2@mail.acme.example>' }], error: 'SMTP 550: mailbox unavailable' },
      { key: 'schedule_call', name: 'Schedule call', description: 'Books a slot in the CSM calendar.', toolType: 'HTTP',
        schema: obj({ when: 'string' }, ['when']), args: [{ when: '2026-11-03T10:00:00Z' }],
        results: [{ eventId: 'evt_4410' }], error: 'calendar API rate limited' },
    ],
  },
];
