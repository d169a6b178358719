// The official @opentelemetry/instrumentation-openai: spans carry model, tokens and errors; message content goes
// to log records (GenAI events) when OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT is true. A tool loop with a
// manual `execute_tool` span (the instrumentation covers the client only), a streamed call, embeddings, a 500.
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { trace } = require('@opentelemetry/api');

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

async function run({ openaiUrl }) {
  process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'true';
  const { OpenAIInstrumentation } = require('@opentelemetry/instrumentation-openai');
  const instrumentation = new OpenAIInstrumentation();
  registerInstrumentations({ instrumentations: [instrumentation] });
  // 0.22.0 instruments openai >=4.19.0 <7: the newest 6.x, installed under an alias, is patched by hand with the
  // instrumentation's own module definition (the require hook matches the package name "openai" only).
  const OpenAI = require('openai-v6');
  const def = instrumentation.getModuleDefinitions()[0];
  def.patch(OpenAI, JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, '../node_modules/openai-v6/package.json'), 'utf8')).version);
  const client = new (OpenAI.OpenAI ?? OpenAI)({ baseURL: openaiUrl, apiKey: 'sk-fixture', maxRetries: 0 });
  const tracer = trace.getTracer('fixture-app');
  await tracer.startActiveSpan('invoke_agent weather_agent', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather_agent' } }, async (agent) => {
    const messages = [{ role: 'system', content: 'You are a weather assistant.' }, { role: 'user', content: 'What is the weather in Paris?' }];
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    const call = first.choices[0].message.tool_calls[0];
    const result = await tracer.startActiveSpan('execute_tool get_weather', {
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather', 'gen_ai.tool.call.id': call.id, 'gen_ai.tool.call.arguments': call.function.arguments },
    }, async (span) => {
      const r = { city: JSON.parse(call.function.arguments).city, temperatureC: 18, sky: 'sunny' };
      span.setAttribute('gen_ai.tool.call.result', JSON.stringify(r));
      span.end();
      return r;
    });
    messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    agent.end();
  });
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello, streamed.' }], stream: true, stream_options: { include_usage: true },
  });
  for await (const _ of stream);
  await client.embeddings.create({ model: 'text-embedding-3-small', input: ['sunny day in Paris', 'rain'] });
  try {
    await client.chat.completions.create({ model: 'broken-model', messages: [{ role: 'user', content: 'This call fails.' }] });
  } catch {
    // Expected: the fake server answers 500.
  }
}

module.exports = { run };
