import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketUpdateBody } from '@switchboard/contracts';
import { useErrorText } from '../../../lib/api';
import { Alert, Button, Flex, Input, Select, Typography, useToast } from '../../../ui';
import { ticketsApi, type Ticket } from '../api/tickets-api';
import { ticketKeys } from '../hooks/ticket-keys';
import { isStaleVersion } from '../hooks/use-tickets';
import { runBulk, type BulkFailure } from '../utils/bulk';
import type { GroupRow, StaffRow } from '../api/workspace-api';

export interface BulkBarProps {
  tickets: Ticket[];
  meId: string;
  agents: StaffRow[];
  groups: GroupRow[];
  onDone: () => void;
  /** Query keys to refresh after the run (the view's list, counts). */
  refresh: ReadonlyArray<readonly unknown[]>;
}

/** Actions over the selected tickets: one PATCH each with its version; what failed is listed. */
export function BulkBar({ tickets, meId, agents, groups, onDone, refresh }: BulkBarProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const errors = useErrorText();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<BulkFailure[]>([]);
  const [tag, setTag] = useState('');

  const apply = async (patch: TicketUpdateBody) => {
    setBusy(true);
    setFailures([]);
    const result = await runBulk(
      tickets.map(({ id, number, version }) => ({ id, number, version })),
      patch,
      {
        update: (id, version, body) => ticketsApi.update(id, version, body),
        reload: (id) => ticketsApi.get(id),
        isStale: isStaleVersion,
      },
    );
    setBusy(false);
    for (const key of [...refresh, ticketKeys.all]) void queryClient.invalidateQueries({ queryKey: key });
    if (result.failed.length === 0) {
      toast.success(t('ws.bulk.done', { count: result.updated.length }));
      onDone();
    } else {
      toast.warning(t('ws.bulk.partial', { ok: result.updated.length, failed: result.failed.length }));
      setFailures(result.failed);
    }
  };

  const statusOptions = (['open', 'pending', 'on_hold', 'solved'] as const).map((value) => ({ value, label: t(`status.${value}`) }));
  const priorityOptions = (['low', 'normal', 'high', 'urgent'] as const).map((value) => ({ value, label: t(`priority.${value}`) }));

  return (
    <Flex vertical gap={8} data-testid="bulk-bar">
      <Flex align="center" gap={8} wrap style={{ padding: '8px 12px', background: '#eef4fd', borderRadius: 8 }}>
        <Typography.Text strong>{t('ws.list.selected', { count: tickets.length })}</Typography.Text>
        <Button size="small" onClick={() => void apply({ assignee_id: meId })} loading={busy} data-testid="bulk-assign-me">
          {t('ws.bulk.assignToMe')}
        </Button>
        <Select
          size="small"
          placeholder={t('ws.bulk.assign')}
          aria-label={t('ws.bulk.assign')}
          style={{ width: 150 }}
          disabled={busy}
          showSearch={{ optionFilterProp: 'label' }}
          value={null}
          options={agents.map((agent) => ({ value: agent.id, label: agent.name }))}
          onChange={(id: string) => void apply({ assignee_id: id })}
        />
        <Select
          size="small"
          placeholder={t('ws.bulk.status')}
          aria-label={t('ws.bulk.status')}
          style={{ width: 120 }}
          disabled={busy}
          value={null}
          options={statusOptions}
          onChange={(status: (typeof statusOptions)[number]['value']) => void apply({ status })}
          data-testid="bulk-status"
        />
        <Select
          size="small"
          placeholder={t('ws.bulk.priority')}
          aria-label={t('ws.bulk.priority')}
          style={{ width: 120 }}
          disabled={busy}
          value={null}
          options={priorityOptions}
          onChange={(priority: (typeof priorityOptions)[number]['value']) => void apply({ priority })}
        />
        <Select
          size="small"
          placeholder={t('ws.bulk.group')}
          aria-label={t('ws.bulk.group')}
          style={{ width: 130 }}
          disabled={busy}
          value={null}
          options={groups.map((group) => ({ value: group.id, label: group.name }))}
          onChange={(id: string) => void apply({ group_id: id })}
        />
        <Input.Search
          size="small"
          placeholder={t('ws.bulk.tagPlaceholder')}
          aria-label={t('ws.bulk.addTag')}
          style={{ width: 180 }}
          value={tag}
          onChange={(event) => setTag(event.target.value)}
          enterButton={t('ws.bulk.apply')}
          disabled={busy}
          onSearch={(value) => {
            const name = value.trim();
            if (!name) return;
            setTag('');
            void apply({ add_tags: [name] });
          }}
        />
        <Button size="small" type="text" onClick={onDone} style={{ marginInlineStart: 'auto' }}>
          {t('ws.list.clear')}
        </Button>
      </Flex>
      {failures.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFailures([]) }}
          title={t('ws.bulk.failedTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="bulk-failures">
              {failures.map((failure) => (
                <li key={failure.id}>{t('ws.bulk.failedItem', { number: failure.number, reason: errors.describe(failure.error) })}</li>
              ))}
            </ul>
          }
        />
      )}
    </Flex>
  );
}
