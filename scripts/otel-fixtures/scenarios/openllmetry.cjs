// OpenLLMetry (Traceloop's node-server-sdk, which sets up its own OpenTelemetry SDK): its OpenAI instrumentation
// inside withWorkflow / withAgent / withTool (whose `traceloop.entity.input` is the `{"args":[…],"kwargs":{…}}`
// wrapper), a streamed call with usage, embeddings and an HTTP 500. Spans go to the same OTLP/JSON exporter.
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

async function run({ openaiUrl, telemetry }) {
  const OpenAI = require('openai');
  const traceloop = require('@traceloop/node-server-sdk');
  traceloop.initialize({
    appName: 'fixture-openllmetry', apiKey: 'fixture', baseUrl: telemetry.captureUrl, traceloopSyncEnabled: false, disableBatch: true, silenceInitializationMessage: true, traceContent: true,
    exporter: new OTLPTraceExporter({ url: `${telemetry.captureUrl}/v1/traces` }), instrumentModules: { openAI: OpenAI.OpenAI ?? OpenAI },
  });
  const client = new (OpenAI.OpenAI ?? OpenAI)({ baseURL: openaiUrl, apiKey: 'sk-fixture', maxRetries: 0 });
  await traceloop.withWorkflow({ name: 'weather_workflow' }, async () => {
    await traceloop.withAgent({ name: 'weather_agent' }, async () => {
      const messages = [{ role: 'system', content: 'You are a weather assistant.' }, { role: 'user', content: 'What is the weather in Paris?' }];
      const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
      const call = first.choices[0].message.tool_calls[0];
      const result = await traceloop.withTool({ name: 'get_weather' }, async (args) => ({ city: args.city, temperatureC: 18, sky: 'sunny' }), JSON.parse(call.function.arguments));
      messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
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
  });
  await traceloop.forceFlush();
}

module.exports = { run };
