import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorText } from '../../../lib/api';
import { Alert, Button, Card, Flex, Form, Input, Typography, applyFieldErrors, useToast } from '../../../ui';
import { portalApi } from '../api/portal-api';
import { useAttachments } from '../hooks/use-portal';
import { idempotencyKey, portalKeys } from '../utils/portal-utils';
import { AttachmentPicker } from './attachment-picker';

interface Values {
  subject: string;
  body: string;
}

/** A new request: subject, description, files. */
export function PortalNewTicket() {
  const { t } = useTranslation();
  const errors = useErrorText();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [key] = useState(idempotencyKey);
  const attachments = useAttachments();
  const create = useMutation({
    mutationFn: (v: Values) => portalApi.create({ subject: v.subject.trim(), body: v.body.trim(), attachmentTokens: attachments.tokens }, key),
    onSuccess: async (ticket) => {
      toast.success(t('portal.create.created', { number: ticket.number }));
      await queryClient.invalidateQueries({ queryKey: portalKeys.tickets() });
      navigate(`/portal/tickets/${ticket.id}`, { replace: true });
    },
    onError: (error) => applyFieldErrors(form, Object.fromEntries(Object.entries(errors.fields(error)).map(([path, m]) => [path.replace(/^comment\./, ''), m])), ['subject', 'body']),
  });
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('portal.create.title')}
      </Typography.Title>
      {create.error ? <Alert type="error" showIcon role="alert" title={errors.describe(create.error)} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => create.mutate(v)} disabled={create.isPending} data-testid="portal-new-ticket">
        <Form.Item name="subject" label={t('portal.create.subject')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 255 }]}>
          <Input autoFocus maxLength={255} />
        </Form.Item>
        <Form.Item name="body" label={t('portal.create.description')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={6} maxLength={200_000} />
        </Form.Item>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <AttachmentPicker attachments={attachments} />
          <Button type="primary" htmlType="submit" size="large" loading={create.isPending} disabled={attachments.busy}>
            {t('portal.create.submit')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
