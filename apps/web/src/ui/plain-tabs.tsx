import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './plain-tabs.css';

export interface PlainTab {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

/**
 * Tabs drawn like Ant Design's "line" tabs, without their measuring: Ant Design's Tabs reads the
 * size of every tab on mount and again whenever the page around it moves (the ink bar), which
 * forces a layout of the whole ticket page. Only the active panel is rendered. Keyboard as the
 * WAI-ARIA tabs pattern: arrows, Home and End move between tabs and show them.
 */
export function PlainTabs({ items, activeKey, onChange }: { items: PlainTab[]; activeKey: string; onChange: (key: string) => void }) {
  const id = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const active = items.find((item) => item.key === activeKey) ?? items[0];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((item) => item.key === active?.key);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % items.length
      : event.key === 'ArrowLeft' ? (index - 1 + items.length) % items.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? items.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    onChange(items[next]!.key);
    tabs.current[next]?.focus();
  };

  return (
    <div className="sb-tabs">
      <div role="tablist" className="sb-tabs-nav" onKeyDown={onKeyDown}>
        {items.map((item, index) => {
          const selected = item.key === active?.key;
          return (
            <button
              key={item.key}
              ref={(node) => {
                tabs.current[index] = node;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${item.key}`}
              aria-selected={selected}
              aria-controls={`${id}-panel-${item.key}`}
              tabIndex={selected ? 0 : -1}
              className={`sb-tabs-tab${selected ? ' is-active' : ''}`}
              onClick={() => onChange(item.key)}
            >
              {item.label}
            </button>
          );
        })}
      </div>
      {active && (
        <div role="tabpanel" id={`${id}-panel-${active.key}`} aria-labelledby={`${id}-tab-${active.key}`} className="sb-tabs-panel">
          {active.children}
        </div>
      )}
    </div>
  );
}
