import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PlainTag, type PlainTagColour } from '../../../ui';
import type { Priority } from '../api/tickets-api';

const colours: Record<Priority, PlainTagColour> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };

/** The priority tag with a given `t` (a list row passes its own rather than subscribe per tag). */
export function priorityTag(t: TFunction, priority: Priority) {
  return (
    <PlainTag colour={colours[priority]}>
      {t(`priority.${priority}`)}
    </PlainTag>
  );
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return priorityTag(t, priority);
}
