// Trace panel bench: npm run bench:trace -- [--steps N | FILE] [--scroll-px PX] [--query Q] [--theme dark|light|hc] [--screenshot PNG]
// Prints one JSON line: {"steps","firstPaintMs","scrollFrameP95Ms","scrollIntervalP95Ms","searchMs","toggleMs","heapMB","loadAvg1m"}.
//   firstPaintMs      the `trace` message (JSON parse included) to the first painted rows
//   scrollFrameP95Ms  p95 main-thread time per frame (scroll event → painted), scrolling for 2 s at --scroll-px
//                     per frame (default 120 ≈ a wheel notch every frame, 330 rows/s; 600 is a hard fling)
//   scrollIntervalP95Ms p95 of frame-to-frame intervals (requestAnimationFrame to requestAnimationFrame) over the
//                     same 2 s scroll: what a person sees; 16.7 is every frame on time, a missed frame shows as ~33
//   searchMs          the slowest keystroke of a typed query (keystroke → host round trip → results painted);
//                     median over 3 typings
//   toggleMs          the slower of collapsing and expanding the largest subtree (click → painted); median of 5
//   heapMB            the page's used JS heap after GC
// Build first, production last (it minifies dist/ and leaves out/ alone):
//   node esbuild.mjs && node esbuild.mjs --production && node out/bench/traceBench.js --steps 100000
import { generateTrace } from './generateTrace';
import { Harness } from './harness';
import { loadTraceFile } from './loadTrace';
import type { Trace } from '../src/model/types';
import { median, round, withLoad } from './stats';

interface Args {
  steps: number;
  file?: string;
  theme: 'dark' | 'light' | 'hc';
  screenshot?: string;
  query: string;
  scrollPx: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { steps: 10_000, theme: 'dark', query: 'refund shipping', scrollPx: 120 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--steps') args.steps = Number(argv[++i]);
    else if (a === '--theme') args.theme = argv[++i] as Args['theme'];
    else if (a === '--screenshot') args.screenshot = argv[++i];
    else if (a === '--query') args.query = argv[++i]!;
    else if (a === '--scroll-px') args.scrollPx = Number(argv[++i]);
    else if (!a.startsWith('--')) args.file = a;
    else throw new Error(`Unknown option ${a}`);
  }
  if (!args.file && !(args.steps > 0)) throw new Error('--steps needs a positive number');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const trace: Trace = args.file ? loadTraceFile(args.file) : generateTrace(args.steps);
  const h = await Harness.start({ theme: args.theme });
  try {
    await h.open(trace, { autoTrace: false });
    const outline = h.session!.outline; // the host builds it before posting, outside the measurement
    const warm = h.session!.warmSearch(); // and warms the search index in slices while the webview paints
    const firstPaintMs = (await h.deliverTrace()) as number;
    await warm;
    const scroll = (await h.page.evaluate(`window.__bench.scroll(2000, ${args.scrollPx})`)) as { p95: number; frames: number };
    const intervals = (await h.page.evaluate(`window.__bench.scrollIntervals(2000, ${args.scrollPx})`)) as { p95: number; frames: number; max: number };
    // This machine is shared: toggle and search repeat and report the median of their repetitions.
    const toggles: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t = (await h.page.evaluate('window.__bench.toggle()')) as { collapse: number; expand: number };
      toggles.push(Math.max(t.collapse, t.expand));
    }
    const typings: number[][] = [];
    for (let k = 0; k < 3; k++) {
      await h.page.evaluate('window.__bench.clearSearch()');
      typings.push((await h.page.evaluate(`window.__bench.type(${JSON.stringify(args.query)})`)) as number[]);
    }
    if (args.screenshot) await h.page.screenshot({ path: args.screenshot });
    const heapMB = await h.heapMB();
    const violations = (await h.page.evaluate('window.__violations.length')) as number;
    if (violations > 0) process.stderr.write(`warning: ${violations} CSP violation(s) in the page\n`);
    process.stderr.write(`scroll ${args.scrollPx} px/frame, ${scroll.frames} frames (intervals: ${intervals.frames} frames, max ${round(intervals.max)} ms); toggles ${toggles.map(round).join(' ')} ms\n`);
    for (const t of typings) process.stderr.write(`keystrokes ${t.map(round).join(' ')} ms\n`);
    console.log(
      JSON.stringify(withLoad({
        steps: outline.header.stepCount,
        firstPaintMs: round(firstPaintMs),
        scrollFrameP95Ms: round(scroll.p95),
        scrollIntervalP95Ms: round(intervals.p95),
        searchMs: round(median(typings.map((t) => Math.max(...t)))),
        toggleMs: round(median(toggles)),
        heapMB: round(heapMB),
      })),
    );
  } finally {
    await h.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
