// A component that re-renders only when one of its props changed identity (Preact core has no memo;
// preact/compat's would pull in the compat layer for one function).
import { Component, type ComponentType, h } from 'preact';

export function pure<P extends object>(Inner: ComponentType<P>): ComponentType<P> {
  class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const prev = this.props as Record<string, unknown>;
      for (const k in next) if ((next as Record<string, unknown>)[k] !== prev[k]) return true;
      return false;
    }
    override render() {
      return h(Inner as ComponentType<object>, this.props as object);
    }
  }
  return Pure as unknown as ComponentType<P>;
}
