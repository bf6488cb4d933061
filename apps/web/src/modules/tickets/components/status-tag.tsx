import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PlainTag, type PlainTagColour } from '../../../ui';
import type { StatusCategory } from '../api/tickets-api';
import { customStatusName } from '../utils/status';

const colours: Record<StatusCategory, PlainTagColour> = {
  new: 'gold',
  open: 'volcano',
  pending: 'blue',
  on_hold: 'purple',
  solved: 'green',
  closed: 'default',
};

/** The status tag with a given `t` (a list row passes its own rather than subscribe per tag). */
export function statusTag(t: TFunction, category: StatusCategory, name?: string | null) {
  const label = t(`status.${category}`);
  const custom = customStatusName(category, name);
  return (
    <PlainTag colour={colours[category]} data-status={category} title={custom ? label : undefined}>
      {custom ?? label}
    </PlainTag>
  );
}

/**
 * The status as agents know it: the tenant's own name when it has one (the category's name on
 * hover), the category's otherwise.
 */
export function StatusTag({ category, name }: { category: StatusCategory; name?: string | null }) {
  const { t } = useTranslation();
  return statusTag(t, category, name);
}
