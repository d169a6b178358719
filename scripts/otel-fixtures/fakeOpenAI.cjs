// A small OpenAI-compatible server on 127.0.0.1 for the fixture scenarios: chat completions that call the
// `get_weather` tool when tools are offered and no tool result is in the conversation yet, else answer in text;
// streaming (SSE chunks, usage in the last chunk when stream_options.include_usage is set); embeddings; and an
// HTTP 500 for the model "broken-model". Answers are fixed so fixtures differ only in ids and times.
const { createServer } = require('node:http');

const usage = (prompt, completion) => ({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });

function chatReply(body) {
  const msgs = body.messages ?? [];
  const hasToolResult = msgs.some((m) => m.role === 'tool');
  const wantsTool = Array.isArray(body.tools) && body.tools.length > 0 && !hasToolResult;
  const prompt = 20 + msgs.length * 7;
  if (wantsTool) {
    return {
      message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      finish: 'tool_calls', usage: usage(prompt, 12),
    };
  }
  const text = hasToolResult ? 'It is 18°C and sunny in Paris.' : 'Hello! How can I help you today?';
  return { message: { role: 'assistant', content: text }, finish: 'stop', usage: usage(prompt, 9) };
}

function sse(res, body, reply) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = { id: 'chatcmpl-stream-1', object: 'chat.completion.chunk', created: 1764800000, model: body.model };
  const send = (o) => res.write(`data: ${JSON.stringify({ ...base, ...o })}\n\n`);
  send({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  if (reply.message.tool_calls) {
    const c = reply.message.tool_calls[0];
    send({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: c.id, type: 'function', function: { name: c.function.name, arguments: '' } }] }, finish_reason: null }] });
    send({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: c.function.arguments } }] }, finish_reason: null }] });
  } else {
    for (const piece of reply.message.content.match(/.{1,8}/gsu)) send({ choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  }
  send({ choices: [{ index: 0, delta: {}, finish_reason: reply.finish }] });
  if (body.stream_options?.include_usage) send({ choices: [], usage: reply.usage });
  res.end('data: [DONE]\n\n');
}

function handle(req, res, body) {
  const json = (status, o) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(o));
  };
  if (body.model === 'broken-model') return json(500, { error: { message: 'The server had an error while processing your request.', type: 'server_error', code: null } });
  if (req.url.endsWith('/embeddings')) {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    return json(200, {
      object: 'list', model: body.model, usage: { prompt_tokens: inputs.length * 4, total_tokens: inputs.length * 4 },
      data: inputs.map((_, i) => ({ object: 'embedding', index: i, embedding: [0.1 * (i + 1), -0.2, 0.3] })),
    });
  }
  if (req.url.endsWith('/chat/completions')) {
    const reply = chatReply(body);
    if (body.stream) return sse(res, body, reply);
    return json(200, {
      id: 'chatcmpl-1', object: 'chat.completion', created: 1764800000, model: body.model, system_fingerprint: 'fp_fixture',
      choices: [{ index: 0, message: reply.message, finish_reason: reply.finish, logprobs: null }], usage: reply.usage,
    });
  }
  json(404, { error: { message: `no route ${req.url}` } });
}

/** Starts the server; resolves with its base URL (ending in /v1) and a close function. */
function startFakeOpenAI() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {}
      handle(req, res, body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/v1`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  })));
}

module.exports = { startFakeOpenAI };
