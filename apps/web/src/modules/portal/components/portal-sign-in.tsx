import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '../../../lib/api';
import { useLanguage } from '../../../lib/i18n';
import { Alert, Button, Card, Form, Input, Typography } from '../../../ui';
import { Tabs } from '../../../ui/admin-kit';
import { useLogin } from '../../session';
import { portalApi } from '../api/portal-api';

/** Sign in by an emailed one-time link (the default) or with a password. */
export function PortalSignIn({ company }: { company: string | null }) {
  const { t } = useTranslation();
  return (
    <Card style={{ maxWidth: 440, margin: '24px auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('portal.signIn.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.signIn.subtitle')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'link', label: t('portal.signIn.byLink'), children: <LinkForm company={company} /> },
          { key: 'password', label: t('portal.signIn.byPassword'), children: <PasswordForm company={company} /> },
        ]}
      />
      <Link to="/sign-in" style={{ fontSize: 13 }}>
        {t('portal.signIn.staffHint')}
      </Link>
    </Card>
  );
}

function LinkForm({ company }: { company: string | null }) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const { language } = useLanguage();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useMutation({ mutationFn: (email: string) => portalApi.requestLink(email, company, language), onSuccess: (_data, email) => setSentTo(email) });
  return (
    <Form layout="vertical" requiredMark={false} onFinish={(v: { email: string }) => request.mutate(v.email.trim())} data-testid="portal-link-form">
      {sentTo && <Alert type="success" showIcon role="status" title={t('portal.signIn.linkSent', { email: sentTo })} style={{ marginBottom: 16 }} data-testid="portal-link-sent" />}
      {request.error ? <Alert type="error" showIcon role="alert" title={errors.describe(request.error)} style={{ marginBottom: 16 }} /> : null}
      <Form.Item name="email" label={t('portal.signIn.email')} rules={[{ required: true, message: t('validation.required') }, { type: 'email', message: t('validation.email') }]}>
        <Input inputMode="email" autoComplete="email" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={request.isPending}>
        {t('portal.signIn.sendLink')}
      </Button>
    </Form>
  );
}

function PasswordForm({ company }: { company: string | null }) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const login = useLogin();
  return (
    <Form
      layout="vertical"
      requiredMark={false}
      onFinish={(v: { email: string; password: string }) => login.mutate({ email: v.email.trim(), password: v.password, ...(company ? { tenant: company } : {}) })}
    >
      {login.error ? <Alert type="error" showIcon role="alert" title={errors.describe(login.error)} style={{ marginBottom: 16 }} /> : null}
      <Form.Item name="email" label={t('portal.signIn.email')} rules={[{ required: true, message: t('validation.required') }, { type: 'email', message: t('validation.email') }]}>
        <Input inputMode="email" autoComplete="username" />
      </Form.Item>
      <Form.Item name="password" label={t('portal.signIn.password')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
        {t('portal.signIn.submit')}
      </Button>
    </Form>
  );
}
