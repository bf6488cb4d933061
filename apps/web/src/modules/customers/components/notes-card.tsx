import type { Customer360 } from '@switchboard/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, ErrorAlert, Flex, Input, Typography, useToast } from '../../../ui';
import { useCustomerChanges } from '../hooks/use-customer-360';
import { useCustomerErrorText } from '../hooks/use-customer-error';

/** Free-text notes on the customer, for colleagues; edited in place. */
export function NotesCard({ customer }: { customer: Customer360 }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useCustomerErrorText();
  const { update } = useCustomerChanges(customer.id);
  const [draft, setDraft] = useState<string | null>(null);
  const editable = customer.can_manage && !customer.merged_into_id;

  const save = () => {
    if (draft === null) return;
    update.mutate(
      { notes: draft },
      {
        onSuccess: () => {
          setDraft(null);
          toast.success(t('ws.customers.notes.saved'));
        },
      },
    );
  };

  return (
    <Card
      title={t('ws.customers.notes.title')}
      size="small"
      data-testid="customer-notes"
      extra={
        editable &&
        draft === null && (
          <Button size="small" type="link" onClick={() => setDraft(customer.notes)} data-testid="notes-edit">
            {t('ws.customers.notes.edit')}
          </Button>
        )
      }
    >
      {draft === null ? (
        customer.notes ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="notes-text">
            {customer.notes}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('ws.customers.notes.empty')}</Typography.Text>
        )
      ) : (
        <Flex vertical gap={8}>
          {update.isError && <ErrorAlert message={errorText(update.error)} />}
          <Input.TextArea
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={10_000}
            placeholder={t('ws.customers.notes.placeholder')}
            aria-label={t('ws.customers.notes.title')}
            autoFocus
            data-testid="notes-input"
          />
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => setDraft(null)}>{t('ws.customers.notes.cancel')}</Button>
            <Button type="primary" onClick={save} loading={update.isPending} data-testid="notes-save">
              {t('ws.customers.notes.save')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
