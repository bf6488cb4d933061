import { useTranslation } from 'react-i18next';
import { Tag, Tooltip } from '../../../ui';
import type { StatusCategory } from '../api/tickets-api';
import { customStatusName } from '../utils/status';

const colours: Record<StatusCategory, string> = {
  new: 'gold',
  open: 'volcano',
  pending: 'blue',
  on_hold: 'purple',
  solved: 'green',
  closed: 'default',
};

/** The status as agents know it: the tenant's own name when it has one, the category's otherwise. */
export function StatusTag({ category, name }: { category: StatusCategory; name?: string | null }) {
  const { t } = useTranslation();
  const label = t(`status.${category}`);
  const custom = customStatusName(category, name);
  const tag = (
    <Tag color={colours[category]} data-status={category} style={{ marginInlineEnd: 0 }}>
      {custom ?? label}
    </Tag>
  );
  return custom ? <Tooltip title={label}>{tag}</Tooltip> : tag;
}
