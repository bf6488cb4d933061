import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useState, type ReactNode } from 'react';

/**
 * A vertical list ordered by drag and drop (native HTML drag events) or, from the keyboard,
 * by the up and down buttons on each row. `onMove(from, to)` gets the new position.
 */
export function SortableList<T>(props: {
  items: readonly T[];
  itemKey: (item: T) => string;
  render: (item: T, index: number) => ReactNode;
  onMove: (from: number, to: number) => void;
  labels: { up: string; down: string; handle: string };
  testId?: string;
}) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const { items, labels } = props;
  return (
    <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid={props.testId}>
      {items.map((item, index) => (
        <li
          key={props.itemKey(item)}
          draggable
          data-testid="sortable-item"
          onDragStart={(event) => {
            setDragging(index);
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData('text/plain', String(index));
          }}
          onDragOver={(event) => {
            event.preventDefault();
            setOver(index);
          }}
          onDragLeave={() => setOver((current) => (current === index ? null : current))}
          onDrop={(event) => {
            event.preventDefault();
            const from = dragging ?? Number(event.dataTransfer.getData('text/plain'));
            setDragging(null);
            setOver(null);
            if (Number.isInteger(from) && from !== index) props.onMove(from, index);
          }}
          onDragEnd={() => {
            setDragging(null);
            setOver(null);
          }}
          style={{
            padding: '6px 8px',
            marginBottom: 4,
            border: '1px solid #e5e7eb',
            borderRadius: 6,
            background: over === index && dragging !== index ? '#eef4ff' : '#fff',
            opacity: dragging === index ? 0.5 : 1,
            cursor: 'grab',
          }}
        >
          <Flex align="center" gap={8}>
            <HolderOutlined aria-label={labels.handle} style={{ color: '#8c8c8c' }} />
            <div style={{ flex: 1, minWidth: 0 }}>{props.render(item, index)}</div>
            <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={labels.up} disabled={index === 0} onClick={() => props.onMove(index, index - 1)} />
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              aria-label={labels.down}
              disabled={index === items.length - 1}
              onClick={() => props.onMove(index, index + 1)}
            />
          </Flex>
        </li>
      ))}
    </ol>
  );
}
