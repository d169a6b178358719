// One uPlot chart, sized to its container and rebuilt when the theme or the data changes. uPlot draws on a
// canvas and sets sizes through the CSSOM (element.style), which a CSP without 'unsafe-inline' allows; its
// stylesheet comes from the bundle's CSS file. Hover reports the bucket index; a click reports it too.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { ChartTheme } from './theme';

export interface ChartSpec {
  opts: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
}

interface Props {
  label: string;
  theme: ChartTheme;
  build: (theme: ChartTheme) => ChartSpec;
  height?: number;
  onHover?: (idx: number | null) => void;
  /** Bucket index and the value of the y scale under the pointer. */
  onPick?: (idx: number, y: number) => void;
  onPaint?: () => void;
}

export function Chart({ label, theme, build, height = 200, onHover, onPick, onPaint }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const cb = useRef({ onHover, onPick, onPaint });
  cb.current = { onHover, onPick, onPaint };

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const spec = build(theme);
    const width = Math.max(200, el.clientWidth);
    let painted = false;
    const opts: uPlot.Options = {
      ...spec.opts, width, height,
      hooks: {
        ...spec.opts.hooks,
        setCursor: [(u) => cb.current.onHover?.(u.cursor.idx ?? null)],
        draw: [() => {
          if (painted) return;
          painted = true;
          cb.current.onPaint?.();
        }],
      },
    };
    const plot = new uPlot(opts, spec.data, el);
    plot.root.setAttribute('aria-hidden', 'true');
    const click = () => {
      const idx = plot.cursor.idx;
      const top = plot.cursor.top;
      if (idx === null || idx === undefined || top === undefined || top < 0) return;
      cb.current.onPick?.(idx, plot.posToVal(top, 'y'));
    };
    plot.over.addEventListener('click', click);
    plot.over.style.cursor = cb.current.onPick ? 'pointer' : 'default';
    const ro = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== plot.width) plot.setSize({ width: w, height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.over.removeEventListener('click', click);
      plot.destroy();
    };
  }, [theme, build, height]);

  return <div class="chart" ref={box} role="img" aria-label={label} />;
}

/** Shared axis and grid styling from the theme. */
export function axes(t: ChartTheme, yLabel: string, y2?: string): uPlot.Axis[] {
  const base = { stroke: t.muted, font: t.font, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } };
  const out: uPlot.Axis[] = [{ ...base }, { ...base, label: yLabel, labelFont: t.font, size: 60 }];
  // Small money figures: three significant digits, so neighbouring ticks never read the same.
  if (y2) out.push({ ...base, scale: 'y2', side: 1, label: y2, labelFont: t.font, size: 70, grid: { show: false }, values: (_u, splits) => splits.map((v) => (v === 0 ? '0' : String(Number(v.toPrecision(3))))) });
  return out;
}
