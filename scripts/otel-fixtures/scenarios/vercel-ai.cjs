// Vercel AI SDK with `experimental_telemetry`: v6 (the `ai.*` attributes built in) and v7 (`@ai-sdk/otel`'s
// OpenTelemetry integration, and its LegacyOpenTelemetry that writes the v6 spans). generateText with a tool (two
// LLM steps and a tool call), streamText with the same tool, embed and embedMany, and a call that fails with HTTP 500.
const weatherSchema = { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'], additionalProperties: false };

async function run({ openaiUrl, version, legacy = false }) {
  const ai = version === 6 ? require('ai-v6') : require('ai');
  const { createOpenAI } = version === 6 ? require('ai-sdk-openai-v3') : require('@ai-sdk/openai');
  if (version === 7) {
    // v7 moved OpenTelemetry to @ai-sdk/otel: GenAI conventions by default, the v6 `ai.*` spans with `legacy`.
    const { OpenTelemetry, LegacyOpenTelemetry } = require('@ai-sdk/otel');
    ai.registerTelemetry(legacy ? new LegacyOpenTelemetry() : new OpenTelemetry());
  }
  const openai = createOpenAI({ baseURL: openaiUrl, apiKey: 'sk-fixture' });
  const tools = {
    get_weather: ai.tool({
      description: 'Current weather for a city',
      inputSchema: ai.jsonSchema(weatherSchema),
      execute: async ({ city }) => ({ city, temperatureC: 18, sky: 'sunny' }),
    }),
  };
  const telemetry = (functionId) => ({ isEnabled: true, functionId, metadata: { fixture: 'agentlens' } });
  const stop = ai.stepCountIs ? ai.stepCountIs(3) : ai.isStepCount(3);
  await ai.generateText({
    model: openai.chat('gpt-4o-mini'), system: 'You are a weather assistant.', prompt: 'What is the weather in Paris?',
    tools, stopWhen: stop, experimental_telemetry: telemetry('weather-generate'),
  });
  const stream = ai.streamText({
    model: openai.chat('gpt-4o-mini'), prompt: 'Weather in Paris, streamed please.', tools, stopWhen: stop,
    experimental_telemetry: telemetry('weather-stream'),
  });
  for await (const _ of stream.textStream);
  await ai.embed({ model: openai.embedding('text-embedding-3-small'), value: 'sunny day in Paris', experimental_telemetry: telemetry('embed-one') });
  await ai.embedMany({ model: openai.embedding('text-embedding-3-small'), values: ['rain', 'snow'], experimental_telemetry: telemetry('embed-many') });
  try {
    await ai.generateText({ model: openai.chat('broken-model'), prompt: 'This call fails.', maxRetries: 0, experimental_telemetry: telemetry('failing-call') });
  } catch {
    // Expected: the fake server answers 500.
  }
}

module.exports = { run };
