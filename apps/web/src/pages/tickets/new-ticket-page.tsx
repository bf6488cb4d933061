import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorText } from '../../lib/api';
import { CustomerPicker, customersApi, type CustomerChoice } from '../../modules/customers';
import { useGroups, workspaceApi } from '../../modules/tickets';
import { Alert, Button, Card, Flex, Form, Input, Select, Typography, useToast } from '../../ui';

interface Values {
  subject: string;
  description: string;
  via: 'phone' | 'web';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  group_id?: string;
}

/** `/tickets/new`: a ticket on behalf of a customer who called or walked in. */
export function NewTicketPage() {
  const { t } = useTranslation();
  const errors = useErrorText();
  const toast = useToast();
  const navigate = useNavigate();
  const groups = useGroups().data ?? [];
  const [customer, setCustomer] = useState<CustomerChoice | null>(null);
  const [customerError, setCustomerError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(crypto.randomUUID());

  const submit = async (values: Values) => {
    setCustomerError(null);
    setError(null);
    if (!customer) return setCustomerError(t('validation.required'));
    if (customer.kind === 'new') {
      if (!customer.name.trim()) return setCustomerError(t('validation.required'));
      if (!customer.email.trim() && !customer.phone.trim()) return setCustomerError(t('ws.create.emailOrPhone'));
    }
    setBusy(true);
    try {
      const requesterId =
        customer.kind === 'existing'
          ? customer.id
          : (await customersApi.create({ name: customer.name.trim(), email: customer.email.trim() || null, phone: customer.phone.trim() || null })).id;
      setCustomer({ kind: 'existing', id: requesterId });
      const ticket = await workspaceApi.create(
        {
          subject: values.subject,
          comment: { body: values.description, public: true, author_id: requesterId },
          requester_id: requesterId,
          via: values.via,
          priority: values.priority,
          group_id: values.group_id ?? null,
        },
        key.current,
      );
      toast.success(t('ws.create.created', { number: ticket.number }));
      navigate(`/tickets/${ticket.id}`, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ws.create.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('ws.create.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Form<Values> layout="vertical" initialValues={{ via: 'phone', priority: 'normal' }} onFinish={(values) => void submit(values)} data-testid="new-ticket-form" requiredMark="optional">
          <Form.Item label={t('ws.create.customer')} required validateStatus={customerError ? 'error' : undefined} help={customerError}>
            <CustomerPicker value={customer} onChange={setCustomer} />
          </Form.Item>
          <Form.Item name="subject" label={t('ws.create.subject')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 255 }]}>
            <Input maxLength={255} data-testid="new-subject" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('ws.create.description')}
            extra={t('ws.create.descriptionHint')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="new-description" />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="via" label={t('ws.create.via')} style={{ flex: '1 1 160px' }}>
              <Select options={[{ value: 'phone', label: t('via.voice') }, { value: 'web', label: t('via.web') }]} />
            </Form.Item>
            <Form.Item name="priority" label={t('ticket.fields.priority')} style={{ flex: '1 1 160px' }}>
              <Select options={(['low', 'normal', 'high', 'urgent'] as const).map((value) => ({ value, label: t(`priority.${value}`) }))} />
            </Form.Item>
            <Form.Item name="group_id" label={t('ticket.fields.group')} style={{ flex: '1 1 200px' }}>
              <Select allowClear options={groups.map((group) => ({ value: group.id, label: group.name }))} />
            </Form.Item>
          </Flex>
          {error != null && <Alert type="error" showIcon title={errors.describe(error)} style={{ marginBottom: 12 }} />}
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="create-ticket">
              {t('ws.create.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
