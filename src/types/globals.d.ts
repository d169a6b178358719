/** The extension's version, injected by esbuild from package.json. */
declare const __AGENTLENS_VERSION__: string;
