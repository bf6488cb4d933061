import type { ReactNode } from 'react';
import './plain-tag.css';

export type PlainTagColour = 'default' | 'gold' | 'volcano' | 'blue' | 'purple' | 'green' | 'orange' | 'red';

/**
 * A tag drawn like Ant Design's default ("filled", preset colours) from one span and a class:
 * lists show two per row, and the component costs a style hook and a context read per tag.
 */
export function PlainTag(props: { colour?: PlainTagColour; title?: string; children: ReactNode; 'data-status'?: string }) {
  const { colour = 'default', title, children } = props;
  return (
    <span className={`sb-tag sb-tag-${colour}`} title={title} data-status={props['data-status']}>
      {children}
    </span>
  );
}
