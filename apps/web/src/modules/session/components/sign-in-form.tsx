import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { Alert, Button, Form, Input, Select, applyFieldErrors } from '../../../ui';
import { tenantChoices, type LoginInput, type TenantChoice } from '../api/session-api';
import { useLogin } from '../hooks/use-session';

interface Values {
  email: string;
  password: string;
  tenant?: string;
}

const fieldNames = ['email', 'password', 'tenant'] as const;

/** Email and password; when the email exists in several companies, asks which one. */
export function SignInForm({ onSignedIn, notice }: { onSignedIn: () => void; notice?: string }) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const [form] = Form.useForm<Values>();
  const login = useLogin();
  // null: not asked; []: asked, but the server listed no companies (type the name).
  const [choices, setChoices] = useState<TenantChoice[] | null>(null);

  const submit = (values: Values) => {
    const input: LoginInput = { email: values.email.trim(), password: values.password };
    if (choices !== null && values.tenant) input.tenant = values.tenant.trim();
    login.mutate(input, {
      onSuccess: onSignedIn,
      onError: (error) => {
        const offered = tenantChoices(error);
        if (offered) {
          setChoices(offered);
          if (offered.length) form.setFieldValue('tenant', undefined);
          return;
        }
        applyFieldErrors(form, errors.fields(error), fieldNames);
      },
    });
  };

  const failure = login.error && tenantChoices(login.error) === null ? errors.describe(login.error) : null;

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={login.isPending} data-testid="sign-in-form">
      {notice && !failure && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
      <Form.Item
        name="email"
        label={t('signIn.email')}
        rules={[
          { required: true, message: t('validation.required') },
          { type: 'email', message: t('validation.email') },
        ]}
      >
        <Input autoComplete="username" autoFocus inputMode="email" />
      </Form.Item>
      <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      {choices !== null && (
        <>
          <Alert type="info" showIcon title={t('signIn.companyPrompt')} style={{ marginBottom: 16 }} />
          <Form.Item name="tenant" label={t('signIn.company')} rules={[{ required: true, message: t('validation.required') }]}>
            {choices.length > 0 ? (
              <Select
                placeholder={t('signIn.companyPlaceholder')}
                options={choices.map((choice) => ({ value: choice.slug, label: choice.name }))}
              />
            ) : (
              <Input placeholder={t('signIn.companyNamePlaceholder')} />
            )}
          </Form.Item>
        </>
      )}
      <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}
