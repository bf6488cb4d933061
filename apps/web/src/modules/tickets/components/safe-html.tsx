import { createElement, Fragment, useMemo, type ReactNode } from 'react';
import { sanitizeHtml, type SafeNode } from '../utils/safe-html';

function render(nodes: SafeNode[], prefix: string): ReactNode[] {
  return nodes.map((node, index) => {
    const key = `${prefix}.${index}`;
    if (typeof node === 'string') return <Fragment key={key}>{node}</Fragment>;
    const children = node.children.length > 0 ? render(node.children, key) : undefined;
    return createElement(node.tag, { key, ...node.attrs, ...(node.tag === 'img' ? { loading: 'lazy' } : {}) }, children);
  });
}

/**
 * Message HTML through the allow-list (utils/safe-html.ts): parsed inert by DOMParser, rebuilt as
 * React elements with escaped text. Falls back to the plain-text body if parsing is impossible.
 */
export function SafeHtml({ html, fallback }: { html: string; fallback: string }) {
  const nodes = useMemo(() => {
    if (typeof DOMParser === 'undefined') return null;
    try {
      return sanitizeHtml(html, new DOMParser());
    } catch {
      return null;
    }
  }, [html]);
  if (!nodes) return <div style={{ whiteSpace: 'pre-wrap' }}>{fallback}</div>;
  return <>{render(nodes, 'h')}</>;
}
