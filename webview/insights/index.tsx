import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import type { InsightsWebviewToHost } from '../../src/shared/insightsProtocol';
import { App } from './App';
import './insights.css';

// The insights panel's own bundle (dist/insights.js + .css): the trace viewer does not load uPlot, and this
// panel does not load the trace viewer's Markdown renderer.
declare function acquireVsCodeApi(): { postMessage(m: InsightsWebviewToHost): void };
const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : { postMessage: () => undefined };
const post = (m: InsightsWebviewToHost) => api.postMessage(m);
const root = document.getElementById('root');
if (root) render(<App post={post} />, root);
