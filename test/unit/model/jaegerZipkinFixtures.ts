// A small agent run (agent → chat with a user-message log → failing tool) as Jaeger JSON and as Zipkin v2 JSON, in
// the shapes the projects' own data has (Jaeger's model/converter/json fixtures and UI test traces: {key, type, value}
// tags, µs times, references, processes; Zipkin's v2 span model). Shared by the unit and integration tests.
export const T = '4bf92f3577b34da6a3ce929d0e0e4736';
export const US = 1_764_800_000_000_000;

export function jaegerTrace(traceID = T) {
  return {
    traceID,
    spans: [
      {
        traceID, spanID: '00f067aa0ba902b7', operationName: 'invoke_agent Weather', references: [], startTime: US, duration: 900_000,
        tags: [
          { key: 'gen_ai.operation.name', type: 'string', value: 'invoke_agent' }, { key: 'gen_ai.agent.name', type: 'string', value: 'Weather' },
          { key: 'span.kind', type: 'string', value: 'internal' },
        ],
        logs: [], processID: 'p1', warnings: null,
      },
      {
        traceID, spanID: '53995c3f42cd8ad8', operationName: 'chat gpt-4o', startTime: US + 100_000, duration: 400_000,
        references: [{ refType: 'CHILD_OF', traceID, spanID: '00f067aa0ba902b7' }],
        tags: [
          { key: 'gen_ai.operation.name', type: 'string', value: 'chat' }, { key: 'gen_ai.request.model', type: 'string', value: 'gpt-4o' },
          { key: 'gen_ai.usage.input_tokens', type: 'int64', value: 34 }, { key: 'gen_ai.usage.output_tokens', type: 'int64', value: 12 },
          { key: 'gen_ai.request.temperature', type: 'float64', value: 0.5 }, { key: 'span.kind', type: 'string', value: 'client' },
          { key: 'blob', type: 'binary', value: 'AAAwOQ==' },
        ],
        logs: [{ timestamp: US + 110_000, fields: [{ key: 'event', type: 'string', value: 'gen_ai.user.message' }, { key: 'content', type: 'string', value: 'Weather in Paris?' }] }],
        processID: 'p2', warnings: ['clock skew adjusted'],
      },
      {
        traceID, spanID: '6e0c63257de34c92', operationName: 'execute_tool get_weather', startTime: US + 500_000, duration: 300_000,
        references: [{ refType: 'FOLLOWS_FROM', traceID, spanID: '00f067aa0ba902b7' }],
        tags: [
          { key: 'gen_ai.operation.name', type: 'string', value: 'execute_tool' }, { key: 'gen_ai.tool.name', type: 'string', value: 'get_weather' },
          { key: 'otel.status_code', type: 'string', value: 'ERROR' }, { key: 'otel.status_description', type: 'string', value: 'weather service down' },
          { key: 'error', type: 'bool', value: true }, { key: 'otel.scope.name', type: 'string', value: 'my-agent' },
        ],
        logs: [], processID: 'p2', warnings: null,
      },
    ],
    processes: {
      p1: { serviceName: 'weather-agent', tags: [{ key: 'service.version', type: 'string', value: '1.4.0' }] },
      p2: { serviceName: 'weather-agent', tags: [] },
    },
    warnings: null,
  };
}

export function zipkin(traceId = T) {
  return [
    {
      traceId, id: '00f067aa0ba902b7', name: 'invoke_agent weather', timestamp: US, duration: 900_000, localEndpoint: { serviceName: 'weather-agent', ipv4: '127.0.0.1' },
      tags: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Weather' },
    },
    {
      traceId, id: '53995c3f42cd8ad8', parentId: '00f067aa0ba902b7', kind: 'CLIENT', name: 'chat gpt-4o', timestamp: US + 100_000, duration: 400_000,
      localEndpoint: { serviceName: 'weather-agent' }, remoteEndpoint: { serviceName: 'openai', port: 443 },
      annotations: [{ timestamp: US + 150_000, value: 'first token' }],
      tags: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': '34', 'gen_ai.usage.output_tokens': '12' },
    },
    {
      traceId, id: '6e0c63257de34c92', parentId: '00f067aa0ba902b7', name: 'execute_tool get_weather', timestamp: US + 500_000, duration: 300_000,
      localEndpoint: { serviceName: 'weather-agent' }, tags: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather', error: 'weather service down' },
    },
  ];
}

