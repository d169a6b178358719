// A worker's API client for its trace: made on first use from the connection's plain options and kept for live
// refreshes, made again only when the options changed (a new sign-in, new proxy settings).
export class OneClient<C> {
  private held: { key: string; client: C } | undefined;

  constructor(private readonly close: (client: C) => Promise<void>) {}

  get(init: unknown, make: () => C): C {
    const key = JSON.stringify(init);
    if (this.held?.key !== key) {
      if (this.held) void this.close(this.held.client);
      this.held = { key, client: make() };
    }
    return this.held.client;
  }
}
