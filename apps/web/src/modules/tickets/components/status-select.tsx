import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { Select, useToast } from '../../../ui';
import type { StatusCategory, Ticket } from '../api/tickets-api';
import { isStaleVersion, useUpdateTicket } from '../hooks/use-tickets';
import { statusChoices } from '../utils/status';

/**
 * Changes the ticket's status with the version the agent saw (If-Match). When someone else got
 * there first the server says 412: the ticket is reloaded and the agent told why.
 */
export function StatusSelect({ ticket, readOnly = false }: { ticket: Ticket; readOnly?: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errors = useErrorText();
  const update = useUpdateTicket(ticket.id);

  const change = (status: StatusCategory) => {
    if (status === ticket.status) return;
    update.mutate(
      { version: ticket.version, patch: { status } },
      {
        onSuccess: () => toast.success(t('ticket.statusChanged', { status: t(`status.${status}`) })),
        onError: (error) => (isStaleVersion(error) ? toast.warning(t('ticket.stale')) : toast.error(errors.describe(error))),
      },
    );
  };

  return (
    <Select<StatusCategory>
      value={ticket.status}
      onChange={change}
      loading={update.isPending}
      disabled={readOnly || update.isPending || ticket.status === 'closed'}
      aria-label={t('ticket.fields.status')}
      data-testid="status-select"
      style={{ minWidth: 150 }}
      options={statusChoices(ticket.status).map((value) => ({
        value,
        label: t(`status.${value}`),
        disabled: value === 'new' && ticket.status !== 'new',
      }))}
    />
  );
}
