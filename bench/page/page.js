// The bench/test page's stand-in for VS Code's webview runtime (plain JS, served as-is with the CSP nonce).
// acquireVsCodeApi(): postMessage goes to the Node-side TraceSession via the exposed __agentlensHost
// binding; its answers arrive as window `message` events, like VS Code's. getState/setState use
// sessionStorage, so a reload restores the view as VS Code's webview state does.
(() => {
  'use strict';
  const KEY = 'agentlens-webview-state';
  let state;
  try {
    state = JSON.parse(sessionStorage.getItem(KEY) || 'null') || undefined;
  } catch {
    state = undefined;
  }
  const deliver = (data) => window.dispatchEvent(new MessageEvent('message', { data }));
  // Typed arrays cross as {$$typed, data} (bench/harness.ts pageJson); VS Code's webview gets them as typed arrays.
  // (A walk after the parse, not a reviver: a reviver is called for each of the millions of values.)
  const TYPED = /^(Int8|Uint8|Int16|Uint16|Int32|Uint32|Float32|Float64)Array$/;
  const revive = (v) => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') v[i] = revive(v[i]);
      return v;
    }
    if (v === null || typeof v !== 'object') return v;
    if (typeof v.$$typed === 'string' && TYPED.test(v.$$typed)) return new globalThis[v.$$typed](v.data);
    for (const k of Object.keys(v)) if (v[k] !== null && typeof v[k] === 'object') v[k] = revive(v[k]);
    return v;
  };
  const parse = (json) => revive(JSON.parse(json));
  let acquired = false;
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called only once');
    acquired = true;
    return {
      postMessage(msg) {
        window.__agentlensHost(msg).then((json) => {
          for (const r of parse(json)) deliver(r);
        });
      },
      getState: () => state,
      setState(s) {
        state = s;
        sessionStorage.setItem(KEY, JSON.stringify(s));
      },
    };
  };

  // After the frame that follows this call has painted: rAF, then a task queued from it.
  const afterPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now());
        ch.port2.postMessage(0);
      }),
    );
  // Runs `act` at the start of a frame; resolves with the main-thread time until that frame is painted.
  const timeFrame = (act) =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const t0 = performance.now();
        act();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t0);
        ch.port2.postMessage(0);
      }),
    );
  const percentile = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
  };

  window.__bench = {
    afterPaint,
    percentile,
    clearState() {
      state = undefined;
      sessionStorage.removeItem(KEY);
    },
    /** Any host message as JSON (bench/harness.ts pageJson), parsed and dispatched now. */
    post(json) {
      deliver(parse(json));
    },
    /** The host's `trace` message: parsed here (as VS Code deserializes it), dispatched, timed to first paint of rows. */
    async deliver(json) {
      const t0 = performance.now();
      deliver(parse(json));
      for (;;) {
        const t = await afterPaint();
        if (document.querySelector('.tree-scroll .row')) return t - t0;
        if (t - t0 > 30000) return NaN;
      }
    },
    /** Scrolls the tree by `px` per frame for `ms`; per-frame main-thread time from the scroll event to painted. */
    async scroll(ms, px) {
      const el = document.querySelector('.tree-scroll');
      el.scrollTop = 0;
      await afterPaint();
      const times = [];
      let tScroll = -1;
      const onScroll = () => (tScroll = performance.now());
      window.addEventListener('scroll', onScroll, true); // capture: before the app's own listener
      const end = performance.now() + ms;
      await new Promise((done) => {
        const frame = () => {
          const started = tScroll;
          tScroll = -1;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) el.scrollTop = 0;
          else el.scrollTop += px;
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            if (started >= 0) times.push(performance.now() - started);
            if (performance.now() < end) requestAnimationFrame(frame);
            else done();
          };
          ch.port2.postMessage(0);
        };
        requestAnimationFrame(frame);
      });
      window.removeEventListener('scroll', onScroll, true);
      return { frames: times.length, p95: percentile(times, 95), max: Math.max(...times) };
    },
    async clearSearch() {
      const input = document.querySelector('.search-input');
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await afterPaint();
      await afterPaint();
    },
    /** Types `query` one character at a time; per keystroke, ms until its results are painted. */
    async type(query) {
      const input = document.querySelector('.search-input');
      const times = [];
      for (let k = 1; k <= query.length; k++) {
        const q = query.slice(0, k);
        await afterPaint();
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        for (;;) {
          const t = await afterPaint();
          if (document.querySelector('.search-count')?.dataset.resultsFor === q) {
            times.push(t - t0);
            break;
          }
          if (t - t0 > 30000) {
            times.push(NaN);
            break;
          }
        }
      }
      return times;
    },
    /** Collapses, then expands, the first root (the largest subtree): main-thread ms to painted, each. */
    async toggle() {
      document.querySelector('.tree-scroll').scrollTop = 0;
      await afterPaint();
      const click = () => document.querySelector('.tree-scroll [data-toggle="0"]').click();
      const collapse = await timeFrame(click);
      const rowsCollapsed = document.querySelectorAll('.tree-scroll .row').length;
      await afterPaint();
      const expand = await timeFrame(click);
      return { collapse, expand, rowsCollapsed };
    },
    /**
     * Scrolls the tree by `px` each frame for `ms`: the intervals between successive requestAnimationFrame
     * callbacks, i.e. frame to frame as a person sees it (a frame that misses vsync shows as a ~33 ms interval).
     */
    async scrollIntervals(ms, px) {
      const el = document.querySelector('.tree-scroll');
      el.scrollTop = 0;
      await afterPaint();
      const intervals = [];
      let last = -1;
      const end = performance.now() + ms;
      await new Promise((done) => {
        const frame = (t) => {
          if (last >= 0) intervals.push(t - last);
          last = t;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) el.scrollTop = 0;
          else el.scrollTop += px;
          if (t < end) requestAnimationFrame(frame);
          else done();
        };
        requestAnimationFrame(frame);
      });
      return { frames: intervals.length, p95: percentile(intervals, 95), max: Math.max(...intervals) };
    },
  };
})();
