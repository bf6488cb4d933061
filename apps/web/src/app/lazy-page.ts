import { createElement, lazy, useState, type ComponentType } from 'react';

export interface LazyPage {
  /** The page: renders at once when its chunk was preloaded, through React.lazy otherwise. */
  Page: ComponentType;
  /** Fetches the page's chunk ahead of time (once; a failed fetch may be tried again). */
  preload: () => Promise<ComponentType>;
}

/**
 * A page in a chunk of its own. React.lazy alone suspends on the first render even when the
 * chunk is already in, and a suspended route shows its fallback and reveals the page on React's
 * fallback throttle (up to 300 ms later). Preloaded, the page renders on the first try.
 */
export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Page() {
    // Chosen once per mount: switching from the lazy wrapper to the page itself would remount it.
    const [Component] = useState<ComponentType>(() => loaded ?? Lazy);
    return createElement(Component);
  }
  return { Page, preload };
}
