import { useId, type ComponentProps, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Input, Select, Typography, type FormInstance } from '../../../ui';
import { Checkbox, InputNumber, Radio, Switch } from '../../../ui/admin-kit';
import { useGroups } from '../../tickets';
import type { Mailbox } from '../api/email-api';
import { imapHasPassword, type MailboxFormValues } from '../utils/mailbox-form';
import { cleanDomains, inRange, isDomain, isHost, LIMITS } from '../utils/mailbox-rules';
import { ConnectionTest } from './connection-test';

type Rules = NonNullable<ComponentProps<typeof Form.Item>['rules']>;

/** A titled part of the form, announced as a group named by its title. */
function Section(props: { title: string; children: ReactNode; testId: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} role="group" data-testid={props.testId} style={{ marginBottom: 8 }}>
      <Typography.Title level={5} id={id} style={{ marginTop: 8, paddingBottom: 6, borderBottom: '1px solid #eef0f3' }}>
        {props.title}
      </Typography.Title>
      {props.children}
    </section>
  );
}

const hostPort = { display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 1fr)', gap: 12, alignItems: 'start' } as const;
const pair = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 12, alignItems: 'start' } as const;

/** Every section of the mailbox form; IMAP and SMTP connection fields show only when they are used. */
export function MailboxFields(props: { form: FormInstance<MailboxFormValues>; saved: Mailbox | null; canTest: boolean; dirty: boolean }) {
  const { t } = useTranslation();
  const { form, saved } = props;
  const groups = useGroups();
  const imapOn = Form.useWatch(['imap', 'enabled'], form);
  const imapSecure = Form.useWatch(['imap', 'secure'], form);
  const smtpMode = Form.useWatch(['outbound', 'mode'], form);
  const smtpSecure = Form.useWatch(['outbound', 'secure'], form);
  const clearImap = Form.useWatch(['imap', 'clear_password'], form);
  const clearSmtp = Form.useWatch(['outbound', 'clear_password'], form);

  const required: Rules = [{ required: true, whitespace: true, message: t('validation.required') }];
  const tooLong = (max: number): Rules => [{ max, message: t('admin.email.form.tooLong', { max }) }];
  const between = (range: { min: number; max: number }, whole = true): Rules => [
    { required: true, message: t('validation.required') },
    {
      validator: (_, value) =>
        value === null || value === undefined || inRange(value, range, whole)
          ? Promise.resolve()
          : Promise.reject(new Error(whole && typeof value === 'number' && !Number.isInteger(value) ? t('admin.email.form.notWhole') : t('admin.email.form.range', range))),
    },
  ];
  const port: Rules = [
    { validator: (_, value) => (value === null || value === undefined || inRange(value, LIMITS.port) ? Promise.resolve() : Promise.reject(new Error(t('admin.email.form.range', LIMITS.port)))) },
  ];
  const host = (requiredWhen: () => boolean): Rules => [
    {
      validator: (_, value: string | undefined) => {
        if (!value?.trim()) return requiredWhen() ? Promise.reject(new Error(t('admin.email.form.requiredForImap'))) : Promise.resolve();
        return isHost(value) ? Promise.resolve() : Promise.reject(new Error(t('admin.email.form.badHost')));
      },
    },
  ];
  const domains: Rules = [
    {
      validator: (_, value: string[] | undefined) => {
        const bad = (value ?? []).find((domain) => !isDomain(domain));
        if (bad !== undefined) return Promise.reject(new Error(t('admin.email.form.badDomain', { domain: bad })));
        if ((value ?? []).length > LIMITS.domains) return Promise.reject(new Error(t('admin.email.form.tooManyDomains', { max: LIMITS.domains })));
        return Promise.resolve();
      },
    },
  ];
  const imapPassword: Rules = [
    ...tooLong(LIMITS.password),
    {
      validator: (_, value: string | undefined) =>
        imapHasPassword({ password: value ?? '', clear_password: Boolean(form.getFieldValue(['imap', 'clear_password'])) }, saved ?? undefined)
          ? Promise.resolve()
          : Promise.reject(new Error(t('admin.email.form.requiredForImap'))),
    },
  ];

  const passwordHint = (set: boolean | undefined) => (set ? t('admin.email.form.passwordSet') : t('admin.email.form.passwordNotSet'));

  return (
    <>
      <Section title={t('admin.email.form.sections.general')} testId="section-general">
        <div style={pair}>
          <Form.Item name="address" label={t('admin.email.form.address')} extra={t('admin.email.form.addressHint')} rules={[...required, { type: 'email', message: t('validation.email') }, ...tooLong(LIMITS.address)]}>
            <Input autoComplete="off" inputMode="email" autoFocus={!saved} />
          </Form.Item>
          <Form.Item name="name" label={t('admin.email.form.name')} extra={t('admin.email.form.nameHint')} rules={[...required, ...tooLong(LIMITS.name)]}>
            <Input autoComplete="off" />
          </Form.Item>
        </div>
        <div style={pair}>
          <Form.Item name="default_group_id" label={t('admin.email.form.defaultGroup')} extra={t('admin.email.form.defaultGroupHint')}>
            <Select
              allowClear
              placeholder={t('admin.email.form.noGroup')}
              loading={groups.isPending}
              options={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
              optionFilterProp="label"
              showSearch
            />
          </Form.Item>
          <Form.Item name="active" label={t('admin.email.form.active')} valuePropName="checked" extra={t('admin.email.form.activeHint')}>
            <Switch />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('admin.email.form.sections.inbound')} testId="section-inbound">
        <Form.Item name="smtp_inbound" label={t('admin.email.form.smtpInbound')} valuePropName="checked" extra={t('admin.email.form.smtpInboundHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="allowed_sender_domains" label={t('admin.email.form.allowedDomains')} extra={t('admin.email.form.allowedDomainsHint')} rules={domains} normalize={(value: string[]) => cleanDomains(value)}>
          <Select mode="tags" tokenSeparators={[',', ' ', ';', '，', '；']} open={false} suffixIcon={null} placeholder="example.com" />
        </Form.Item>
      </Section>

      <Section title={t('admin.email.form.sections.imap')} testId="section-imap">
        <Form.Item name={['imap', 'enabled']} label={t('admin.email.form.imapEnabled')} valuePropName="checked" extra={t('admin.email.form.imapHint')}>
          <Switch />
        </Form.Item>
        {imapOn && (
          <>
            <div style={hostPort}>
              <Form.Item name={['imap', 'host']} label={t('admin.email.form.host')} rules={host(() => Boolean(form.getFieldValue(['imap', 'enabled'])))}>
                <Input placeholder="imap.example.com" autoComplete="off" />
              </Form.Item>
              <Form.Item name={['imap', 'port']} label={t('admin.email.form.port')} rules={port}>
                <InputNumber min={LIMITS.port.min} max={LIMITS.port.max} precision={0} placeholder={imapSecure ? '993' : '143'} style={{ width: '100%' }} />
              </Form.Item>
            </div>
            <Form.Item name={['imap', 'secure']} label={t('admin.email.form.tls')} valuePropName="checked" extra={t('admin.email.form.imapTlsHint')}>
              <Switch />
            </Form.Item>
            <div style={pair}>
              <Form.Item name={['imap', 'user']} label={t('admin.email.form.user')} rules={[{ required: true, whitespace: true, message: t('admin.email.form.requiredForImap') }, ...tooLong(LIMITS.user)]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name={['imap', 'password']} label={t('admin.email.form.password')} extra={passwordHint(saved?.imap.password_set)} rules={imapPassword} dependencies={[['imap', 'clear_password']]}>
                <Input.Password autoComplete="new-password" disabled={Boolean(clearImap) || undefined} />
              </Form.Item>
            </div>
            {saved?.imap.password_set && (
              <Form.Item name={['imap', 'clear_password']} valuePropName="checked" style={{ marginTop: -8 }}>
                <Checkbox>{t('admin.email.form.clearPassword')}</Checkbox>
              </Form.Item>
            )}
            <div style={pair}>
              <Form.Item name={['imap', 'folder']} label={t('admin.email.form.folder')} rules={[...required, ...tooLong(LIMITS.folder)]}>
                <Input placeholder="INBOX" autoComplete="off" />
              </Form.Item>
              <Form.Item name={['imap', 'poll_seconds']} label={t('admin.email.form.pollSeconds')} rules={between(LIMITS.pollSeconds)}>
                <InputNumber min={LIMITS.pollSeconds.min} max={LIMITS.pollSeconds.max} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </div>
          </>
        )}
        <ConnectionTest target="imap" mailbox={saved} canTest={props.canTest} dirty={props.dirty} />
      </Section>

      <Section title={t('admin.email.form.sections.outbound')} testId="section-outbound">
        <Form.Item name={['outbound', 'mode']} label={t('admin.email.form.outboundMode')}>
          <Radio.Group
            aria-label={t('admin.email.form.outboundMode')}
            options={(['smtp', 'disabled'] as const).map((mode) => ({ value: mode, label: t(`admin.email.form.modes.${mode}`) }))}
          />
        </Form.Item>
        {smtpMode !== 'disabled' && (
          <>
            <div style={hostPort}>
              <Form.Item name={['outbound', 'host']} label={t('admin.email.form.host')} extra={t('admin.email.form.smtpHostHint')} rules={host(() => false)}>
                <Input placeholder="smtp.example.com" autoComplete="off" />
              </Form.Item>
              <Form.Item name={['outbound', 'port']} label={t('admin.email.form.port')} rules={port}>
                <InputNumber min={LIMITS.port.min} max={LIMITS.port.max} precision={0} placeholder={smtpSecure ? '465' : '587'} style={{ width: '100%' }} />
              </Form.Item>
            </div>
            <Form.Item name={['outbound', 'secure']} label={t('admin.email.form.tls')} valuePropName="checked" extra={t('admin.email.form.smtpTlsHint')}>
              <Switch />
            </Form.Item>
            <div style={pair}>
              <Form.Item name={['outbound', 'user']} label={t('admin.email.form.user')} rules={tooLong(LIMITS.user)}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name={['outbound', 'password']} label={t('admin.email.form.password')} extra={passwordHint(saved?.outbound.password_set)} rules={tooLong(LIMITS.password)}>
                <Input.Password autoComplete="new-password" disabled={Boolean(clearSmtp) || undefined} />
              </Form.Item>
            </div>
            {saved?.outbound.password_set && (
              <Form.Item name={['outbound', 'clear_password']} valuePropName="checked" style={{ marginTop: -8 }}>
                <Checkbox>{t('admin.email.form.clearPassword')}</Checkbox>
              </Form.Item>
            )}
            <ConnectionTest target="smtp" mailbox={saved} canTest={props.canTest} dirty={props.dirty} />
          </>
        )}
      </Section>

      <Section title={t('admin.email.form.sections.signatures')} testId="section-signatures">
        <Typography.Paragraph type="secondary">{t('admin.email.form.signatureHint')}</Typography.Paragraph>
        <div style={pair}>
          <Form.Item name="signature_zh" label={t('admin.email.form.signatureZh')} rules={tooLong(LIMITS.signature)}>
            <Input.TextArea rows={4} showCount maxLength={LIMITS.signature} lang="zh-CN" />
          </Form.Item>
          <Form.Item name="signature_en" label={t('admin.email.form.signatureEn')} rules={tooLong(LIMITS.signature)}>
            <Input.TextArea rows={4} showCount maxLength={LIMITS.signature} lang="en" />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('admin.email.form.sections.autoAck')} testId="section-auto-ack">
        <div style={pair}>
          <Form.Item name="auto_ack_enabled" label={t('admin.email.form.autoAck')} valuePropName="checked" extra={t('admin.email.form.autoAckHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="auto_ack_per_sender_hour" label={t('admin.email.form.autoAckPerSender')} rules={between(LIMITS.autoAckPerSenderHour)}>
            <InputNumber min={LIMITS.autoAckPerSenderHour.min} max={LIMITS.autoAckPerSenderHour.max} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('admin.email.form.sections.limits')} testId="section-limits">
        <div style={pair}>
          <Form.Item name="send_limit_per_minute" label={t('admin.email.form.sendLimit')} rules={between(LIMITS.sendLimitPerMinute)}>
            <InputNumber min={LIMITS.sendLimitPerMinute.min} max={LIMITS.sendLimitPerMinute.max} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="max_message_mb" label={t('admin.email.form.maxSize')} extra={t('admin.email.form.maxSizeHint')} rules={between(LIMITS.maxMessageMb, false)}>
            <InputNumber min={LIMITS.maxMessageMb.min} max={LIMITS.maxMessageMb.max} step={1} style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Section>
    </>
  );
}
