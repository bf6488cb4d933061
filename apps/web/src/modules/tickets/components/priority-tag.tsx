import { useTranslation } from 'react-i18next';
import { Tag } from '../../../ui';
import type { Priority } from '../api/tickets-api';

const colours: Record<Priority, string | undefined> = { low: undefined, normal: 'blue', high: 'orange', urgent: 'red' };

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Tag color={colours[priority]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`priority.${priority}`)}
    </Tag>
  );
}
