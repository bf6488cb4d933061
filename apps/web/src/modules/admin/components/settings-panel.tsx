import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { browserTimeZone, timeZones } from '../../../lib/format';
import { LANGUAGES } from '../../../lib/i18n';
import { Button, Card, Flex, Form, Input, Select, Typography, useToast } from '../../../ui';
import { Upload } from '../../../ui/admin-kit';
import { sessionKeys } from '../../session';
import { adminApi, type TenantRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useTenant } from '../hooks/use-admin';
import { ApiErrorNote, SectionHeader } from './admin-parts';

const MAX_LOGO_BYTES = 512 * 1024;
type Values = Pick<TenantRow, 'name' | 'time_zone' | 'default_locale'>;

/** The workspace: name, time zone, default language, logo. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const toast = useToast();
  const invalidate = [adminKeys.tenant(), sessionKeys.me()];
  const save = useAdminMutation((v: Values) => adminApi.tenant.update({ ...v, name: v.name.trim() }), { invalidate, form, fieldNames: ['name', 'time_zone', 'default_locale'] });
  const upload = useAdminMutation((file: File) => adminApi.tenant.uploadLogo(file), { invalidate });
  const removeLogo = useAdminMutation(() => adminApi.tenant.removeLogo(), { invalidate });
  if (!tenant.data) return <ApiErrorNote error={tenant.error} />;
  const data = tenant.data;
  return (
    <>
      <SectionHeader title={t('admin.settings.title')} />
      <Flex gap={24} wrap align="flex-start">
        <Card style={{ flex: 1, minWidth: 320, maxWidth: 560 }}>
          <ApiErrorNote error={save.error} />
          <Form<Values> form={form} layout="vertical" initialValues={data} onFinish={(v) => save.mutate(v)} data-testid="tenant-form">
            <Form.Item name="name" label={t('admin.settings.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="time_zone" label={t('admin.settings.timeZone')}>
              <Select showSearch options={timeZones(data.time_zone || browserTimeZone()).map((zone) => ({ value: zone, label: zone }))} />
            </Form.Item>
            <Form.Item name="default_locale" label={t('admin.settings.defaultLanguage')} extra={t('admin.settings.defaultLanguageHint')}>
              <Select options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))} />
            </Form.Item>
            <Form.Item label={t('admin.settings.slug')}>
              <Typography.Text code copyable>{`${window.location.origin}/portal?company=${data.slug}`}</Typography.Text>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Form>
        </Card>
        <Card title={t('admin.settings.logo')} style={{ width: 320 }}>
          <ApiErrorNote error={upload.error ?? removeLogo.error} />
          <Flex vertical gap={12} align="flex-start">
            {data.logo_url ? (
              <img src={data.logo_url} alt={t('admin.settings.logo')} style={{ maxWidth: 240, maxHeight: 96, objectFit: 'contain' }} data-testid="tenant-logo" />
            ) : (
              <Typography.Text type="secondary">{t('admin.settings.noLogo')}</Typography.Text>
            )}
            <Typography.Text type="secondary">{t('admin.settings.logoHint')}</Typography.Text>
            <Upload
              accept="image/png,image/jpeg,image/gif,image/webp"
              showUploadList={false}
              beforeUpload={(file) => {
                if (file.size > MAX_LOGO_BYTES) toast.error(t('admin.settings.logoTooLarge'));
                else upload.mutate(file, { onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.tenant() }) });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending}>
                {t('admin.settings.uploadLogo')}
              </Button>
            </Upload>
            {data.logo_url && (
              <Button danger onClick={() => removeLogo.mutate(undefined)} loading={removeLogo.isPending}>
                {t('admin.settings.removeLogo')}
              </Button>
            )}
          </Flex>
        </Card>
      </Flex>
    </>
  );
}
