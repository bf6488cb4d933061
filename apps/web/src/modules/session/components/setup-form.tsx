import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { browserTimeZone, timeZones } from '../../../lib/format';
import { LANGUAGES, useLanguage, type Language } from '../../../lib/i18n';
import { Alert, Button, Form, Input, Select, applyFieldErrors } from '../../../ui';
import type { SetupInput } from '../api/session-api';
import { useSetup } from '../hooks/use-session';

/** The server's minimum (identity module, passwords.ts). */
export const MIN_PASSWORD_LENGTH = 8;

interface Values {
  company: string;
  name: string;
  email: string;
  password: string;
  confirm: string;
  locale: Language;
  time_zone: string;
}

const fieldNames = ['company', 'name', 'email', 'password', 'locale', 'time_zone'] as const;

/** First run: the company, its first administrator, their language and time zone. */
export function SetupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const { language, setLanguage } = useLanguage();
  const [form] = Form.useForm<Values>();
  const setup = useSetup();
  const initialZone = useMemo(browserTimeZone, []);
  const zoneOptions = useMemo(() => timeZones(initialZone).map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') })), [initialZone]);

  const submit = (values: Values) => {
    const input: SetupInput = {
      company: values.company.trim(),
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
      locale: values.locale,
      time_zone: values.time_zone,
    };
    setup.mutate(input, {
      onSuccess: onDone,
      onError: (error) => applyFieldErrors(form, errors.fields(error), fieldNames),
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      disabled={setup.isPending}
      initialValues={{ locale: language, time_zone: initialZone }}
      data-testid="setup-form"
    >
      {setup.error && <Alert type="error" showIcon role="alert" title={errors.describe(setup.error)} style={{ marginBottom: 16 }} />}
      <Form.Item name="company" label={t('setup.company')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input placeholder={t('setup.companyPlaceholder')} autoComplete="organization" autoFocus maxLength={200} />
      </Form.Item>
      <Form.Item name="name" label={t('setup.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input autoComplete="name" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('setup.email')}
        rules={[
          { required: true, message: t('validation.required') },
          { type: 'email', message: t('validation.email') },
        ]}
      >
        <Input autoComplete="email" inputMode="email" maxLength={254} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('setup.password')}
        extra={t('setup.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        rules={[
          { required: true, message: t('validation.required') },
          { min: MIN_PASSWORD_LENGTH, message: t('validation.passwordTooShort', { min: MIN_PASSWORD_LENGTH }) },
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('setup.confirmPassword')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordsDiffer'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      <Form.Item name="locale" label={t('setup.language')}>
        <Select<Language>
          // Choosing the desk's language also switches this page to it.
          onChange={(value) => setLanguage(value)}
          options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="time_zone" label={t('setup.timeZone')}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={zoneOptions} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={setup.isPending}>
        {t('setup.submit')}
      </Button>
    </Form>
  );
}
