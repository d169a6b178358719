// Chart colours come from the theme's --vscode-* variables, read at run time (a canvas cannot use CSS
// variables), and are read again when VS Code switches theme (it changes <body>'s class and style).

export interface ChartTheme {
  fg: string;
  muted: string;
  grid: string;
  ok: string;
  failed: string;
  running: string;
  other: string[];
  p50: string;
  p95: string;
  tokens: string;
  cost: string;
  font: string;
}

export function readTheme(el: Element = document.body): ChartTheme {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const fg = v('--vscode-foreground', '#888');
  return {
    fg,
    muted: v('--vscode-descriptionForeground', fg),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    ok: v('--vscode-charts-green', '#388a34'),
    failed: v('--vscode-charts-red', v('--vscode-errorForeground', '#e51400')),
    running: v('--vscode-charts-blue', '#1a85ff'),
    other: [v('--vscode-charts-yellow', '#bf8803'), v('--vscode-charts-purple', '#652d90'), v('--vscode-charts-orange', '#d18616'), v('--vscode-charts-foreground', fg)],
    p50: v('--vscode-charts-blue', '#1a85ff'),
    // Yellow rather than orange: some dark themes' orange is too dark to read as a thin line.
    p95: v('--vscode-charts-yellow', '#bf8803'),
    tokens: v('--vscode-charts-purple', '#652d90'),
    cost: v('--vscode-charts-green', '#388a34'),
    font: `${v('--vscode-font-size', '12px')} ${v('--vscode-font-family', 'sans-serif')}`,
  };
}

/** Calls `onChange` whenever the theme may have changed. */
export function watchTheme(onChange: () => void): () => void {
  const mo = new MutationObserver(onChange);
  mo.observe(document.body, { attributes: true, attributeFilter: ['class', 'style', 'data-vscode-theme-kind'] });
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => mo.disconnect();
}
