/** Anything with a `dispose()`; structurally the same as vscode.Disposable, without importing vscode. */
export interface IDisposable {
  dispose(): unknown;
}

/**
 * Owns disposables and disposes them in reverse order. A registration that arrives after `dispose()`
 * is disposed at once, so a late async registration cannot leak a listener.
 */
export class DisposableStore implements IDisposable {
  private readonly items: IDisposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  register<T extends IDisposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) throw new AggregateError(errors, 'Some disposables failed to dispose');
  }
}
