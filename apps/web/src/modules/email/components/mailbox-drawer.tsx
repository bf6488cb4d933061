import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { Alert, Button, Form, Space, useToast } from '../../../ui';
import { Drawer } from '../../../ui/admin-kit';
import type { Mailbox } from '../api/email-api';
import { useSaveMailbox } from '../hooks/use-mailboxes';
import { attemptFor, type Attempt } from '../utils/attempt-key';
import { emptyMailboxValues, mailboxToValues, problemsToFields, valuesToBody, type MailboxFormValues } from '../utils/mailbox-form';
import { MailboxFields } from './mailbox-fields';

/**
 * Create or edit one mailbox, in sections. Saving keeps the drawer open on the saved mailbox
 * (a new one becomes editable and testable at once); passwords are cleared from the form after
 * each save, since the API never gives them back.
 */
export function MailboxDrawer(props: { mailbox: Mailbox | null; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errors = useErrorText();
  const [form] = Form.useForm<MailboxFormValues>();
  // The mailbox as last saved: the one opened, or the answer to this drawer's own save.
  const [saved, setSaved] = useState<Mailbox | null>(props.mailbox);
  const [dirty, setDirty] = useState(false);
  const save = useSaveMailbox(saved?.id ?? null);
  const attempt = useRef<Attempt | null>(null);

  const submit = (values: MailboxFormValues) => {
    // Hidden sections (IMAP off, sending disabled) keep their values in the store: send them too.
    const all = { ...values, ...(form.getFieldsValue(true) as MailboxFormValues) };
    const body = valuesToBody(all, saved ?? undefined);
    attempt.current = attemptFor(attempt.current, JSON.stringify(body), () => crypto.randomUUID());
    save.mutate(
      { body, idempotencyKey: attempt.current.key },
      {
        onSuccess: (mailbox) => {
          toast.success(saved ? t('admin.common.saved') : t('admin.email.form.created'));
          setSaved(mailbox);
          setDirty(false);
          attempt.current = null;
          form.resetFields();
          form.setFieldsValue(mailboxToValues(mailbox));
        },
        onError: (error) => {
          const fields = problemsToFields(errors.fields(error));
          if (fields.length) {
            // The paths are the form's own nested names (utils/mailbox-form.ts formFieldFor).
            form.setFields(fields as Parameters<typeof form.setFields>[0]);
            form.scrollToField(fields[0].name);
          }
        },
      },
    );
  };

  const title = saved ? t('admin.email.form.editTitle', { address: saved.address }) : t('admin.email.form.createTitle');
  return (
    <Drawer
      open
      title={title}
      size={760}
      onClose={props.onClose}
      destroyOnHidden
      data-testid="mailbox-drawer"
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={props.onClose}>{props.canEdit ? t('admin.common.cancel') : t('common.back')}</Button>
          {props.canEdit && (
            <Button type="primary" onClick={() => form.submit()} loading={save.isPending} data-testid="save-mailbox">
              {t('admin.common.save')}
            </Button>
          )}
        </Space>
      }
    >
      {save.error && <Alert type="error" showIcon role="alert" title={errors.describe(save.error)} data-testid="admin-error" style={{ marginBottom: 16 }} />}
      <Form<MailboxFormValues>
        form={form}
        layout="vertical"
        initialValues={saved ? mailboxToValues(saved) : emptyMailboxValues()}
        onFinish={submit}
        onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name)}
        onValuesChange={() => setDirty(true)}
        disabled={!props.canEdit}
        data-testid="mailbox-form"
      >
        <MailboxFields form={form} saved={saved} canTest={props.canEdit} dirty={dirty} />
      </Form>
    </Drawer>
  );
}
