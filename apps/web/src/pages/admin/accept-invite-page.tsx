import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useErrorText } from '../../lib/api';
import { adminApi } from '../../modules/admin';
import { LanguagePicker, sessionKeys } from '../../modules/session';
import { Alert, AuthLayout, Button, Form, Input, PageLoader, Result, applyFieldErrors } from '../../ui';

const MIN_PASSWORD = 8;

/** /accept-invite?token=...: the invited agent sets a password and is signed in. */
export function AcceptInvitePage() {
  const { t } = useTranslation();
  const errors = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const invitation = useQuery({ queryKey: ['invitation', token], queryFn: () => adminApi.invitations.check(token), enabled: token.length >= 20, retry: false, staleTime: Infinity });
  const accept = useMutation({
    mutationFn: (password: string) => adminApi.invitations.accept(token, password),
    onSuccess: async () => {
      queryClient.clear();
      await queryClient.invalidateQueries({ queryKey: sessionKeys.me() });
      navigate('/', { replace: true });
    },
    onError: (error) => applyFieldErrors(form, errors.fields(error), ['password']),
  });

  if (token.length >= 20 && invitation.isPending) return <PageLoader label={t('common.loading')} />;
  if (token.length < 20 || invitation.isError) {
    return (
      <AuthLayout title={t('admin.invite.invalidTitle')} corner={<LanguagePicker />}>
        <Result
          status="warning"
          title={t('admin.invite.invalidTitle')}
          subTitle={token.length < 20 ? t('admin.invite.missingToken') : errors.describe(invitation.error)}
          extra={<Button onClick={() => navigate('/sign-in')}>{t('admin.invite.toSignIn')}</Button>}
        />
      </AuthLayout>
    );
  }
  const info = invitation.data!;
  return (
    <AuthLayout
      title={t('admin.invite.title', { company: info.tenant.name })}
      subtitle={t('admin.invite.subtitle', { name: info.name, email: info.email })}
      corner={<LanguagePicker />}
    >
      {accept.error ? <Alert type="error" showIcon role="alert" title={errors.describe(accept.error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => accept.mutate(v.password)} disabled={accept.isPending} data-testid="accept-invite-form">
        <input type="email" autoComplete="username" value={info.email} readOnly hidden />
        <Form.Item
          name="password"
          label={t('admin.invite.password')}
          extra={t('setup.passwordHint', { min: MIN_PASSWORD })}
          rules={[{ required: true, message: t('validation.required') }, { min: MIN_PASSWORD, message: t('validation.passwordTooShort', { min: MIN_PASSWORD }) }, { max: 256 }]}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('admin.invite.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string) => {
                if (value && value !== getFieldValue('password')) throw new Error(t('validation.passwordsDiffer'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={accept.isPending}>
          {t('admin.invite.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
