// OpenInference (Arize): the OpenAI instrumentation under traceAgent / traceTool from openinference-core (a tool
// loop with the `openai` SDK, a streamed call with usage, embeddings, an HTTP 500), or the LangChain
// instrumentation (a ChatOpenAI agent step with a bound tool, the tool, and an embedding).
const { registerInstrumentations } = require('@opentelemetry/instrumentation');

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

async function withOpenAI(openaiUrl) {
  const { OpenAIInstrumentation } = require('@arizeai/openinference-instrumentation-openai');
  const instrumentation = new OpenAIInstrumentation();
  registerInstrumentations({ instrumentations: [instrumentation] });
  const OpenAI = require('openai');
  instrumentation.manuallyInstrument(OpenAI.OpenAI ?? OpenAI);
  const { traceAgent, traceTool } = require('@arizeai/openinference-core');
  const client = new (OpenAI.OpenAI ?? OpenAI)({ baseURL: openaiUrl, apiKey: 'sk-fixture', maxRetries: 0 });
  // A tool without a `name` option: its span is named after the function.
  const getWeather = traceTool(async function get_weather(args) {
    return { city: args.city, temperatureC: 18, sky: 'sunny' };
  });
  const agent = traceAgent(async function weather_agent(question) {
    const messages = [{ role: 'system', content: 'You are a weather assistant.' }, { role: 'user', content: question }];
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    const call = first.choices[0].message.tool_calls[0];
    const result = await getWeather(JSON.parse(call.function.arguments));
    messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
    const second = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    return second.choices[0].message.content;
  }, { name: 'weather_agent' });
  await agent('What is the weather in Paris?');
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

async function withLangChain(openaiUrl) {
  const { LangChainInstrumentation } = require('@arizeai/openinference-instrumentation-langchain');
  const CallbackManagerModule = require('@langchain/core/callbacks/manager');
  new LangChainInstrumentation().manuallyInstrument(CallbackManagerModule);
  const { ChatOpenAI, OpenAIEmbeddings } = require('@langchain/openai');
  const { tool } = require('@langchain/core/tools');
  const { HumanMessage, SystemMessage, ToolMessage } = require('@langchain/core/messages');
  const { z } = require('zod');
  const getWeather = tool(async ({ city }) => JSON.stringify({ city, temperatureC: 18, sky: 'sunny' }), {
    name: 'get_weather', description: 'Current weather for a city', schema: z.object({ city: z.string() }),
  });
  const model = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: 'sk-fixture', configuration: { baseURL: openaiUrl }, maxRetries: 0 });
  const withTools = model.bindTools([getWeather]);
  const messages = [new SystemMessage('You are a weather assistant.'), new HumanMessage('What is the weather in Paris?')];
  const first = await withTools.invoke(messages);
  const call = first.tool_calls[0];
  const result = await getWeather.invoke(call.args);
  messages.push(first, new ToolMessage({ content: result, tool_call_id: call.id }));
  await withTools.invoke(messages);
  const embeddings = new OpenAIEmbeddings({ model: 'text-embedding-3-small', apiKey: 'sk-fixture', configuration: { baseURL: openaiUrl } });
  await embeddings.embedDocuments(['sunny day in Paris', 'rain']);
  try {
    await new ChatOpenAI({ model: 'broken-model', apiKey: 'sk-fixture', configuration: { baseURL: openaiUrl }, maxRetries: 0 }).invoke('This call fails.');
  } catch {
    // Expected: the fake server answers 500.
  }
}

async function run({ openaiUrl, which }) {
  if (which === 'openai') await withOpenAI(openaiUrl);
  else await withLangChain(openaiUrl);
}

module.exports = { run };
