// Global-state keys the shell reads before the core loads (src/extension.ts) and the core writes.

/** Per-agent record filters (src/views/filterStore.ts). */
export const FILTERS_KEY = 'agentlens.recordFilters';
/** Walkthrough steps done (src/walkthrough.ts). */
export const WALKTHROUGH_KEY = 'agentlens.walkthrough.done';
/** The context key per walkthrough step its completion event waits for. */
export const walkthroughContextKey = (step: string): string => `agentlens.walkthrough.${step}`;
