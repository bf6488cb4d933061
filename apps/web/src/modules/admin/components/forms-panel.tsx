import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Flex, Form, Input, Select, Space, Tag, Typography } from '../../../ui';
import { Popconfirm, SortableList, Switch } from '../../../ui/admin-kit';
import { adminApi, type FieldRow, type FormRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useFields, useForms } from '../hooks/use-admin';
import { localName, moveItem } from '../utils/admin-rules';
import { ApiErrorNote, ReadOnlyNote, SectionHeader } from './admin-parts';

/** Ticket forms: which custom fields each has, in which order (drag, or arrows from the keyboard). */
export function FormsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const forms = useForms();
  const fields = useFields();
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const current = forms.data?.find((f) => f.id === selected) ?? null;
  useEffect(() => {
    if (selected === null && forms.data?.length) setSelected(forms.data[0].id);
  }, [forms.data, selected]);
  return (
    <>
      <SectionHeader title={t('admin.forms.title')} action={canEdit && <Button type="primary" onClick={() => setSelected('new')}>{t('admin.common.add')}</Button>} />
      <ReadOnlyNote readOnly={!canEdit} />
      <ApiErrorNote error={forms.error ?? fields.error} />
      <Flex gap={16} align="flex-start" wrap>
        <Card size="small" style={{ width: 240 }}>
          <nav aria-label={t('admin.forms.title')}>
            {(forms.data ?? []).map((form) => (
              <Button key={form.id} type={form.id === selected ? 'primary' : 'text'} block style={{ justifyContent: 'flex-start', marginBottom: 4 }} onClick={() => setSelected(form.id)}>
                {form.name}
                {form.is_default && <Tag style={{ marginLeft: 8 }}>{t('admin.forms.isDefault')}</Tag>}
              </Button>
            ))}
          </nav>
        </Card>
        <div style={{ flex: 1, minWidth: 320 }}>
          {(current || selected === 'new') && (
            <FormEditor key={current?.id ?? 'new'} form={current} fields={fields.data ?? []} canEdit={canEdit} onSaved={(id) => setSelected(id)} onDeleted={() => setSelected(null)} />
          )}
        </div>
      </Flex>
    </>
  );
}

function FormEditor(props: { form: FormRow | null; fields: FieldRow[]; canEdit: boolean; onSaved: (id: string) => void; onDeleted: () => void }) {
  const { t, i18n } = useTranslation();
  const { form, fields, canEdit } = props;
  const [name, setName] = useState(form?.name ?? '');
  const [fieldIds, setFieldIds] = useState<string[]>(form?.field_ids ?? []);
  const [isDefault, setIsDefault] = useState(form?.is_default ?? false);
  const [active, setActive] = useState(form?.active ?? true);
  const byId = new Map(fields.map((f) => [f.id, f]));
  const save = useAdminMutation(
    () => {
      const body = { name: name.trim(), field_ids: fieldIds, is_default: isDefault, active };
      return form ? adminApi.forms.update(form.id, body) : adminApi.forms.create(body);
    },
    { invalidate: [adminKeys.forms()] },
  );
  const remove = useAdminMutation(() => adminApi.forms.remove(form!.id), { invalidate: [adminKeys.forms()], successText: t('admin.common.deleted') });
  const available = fields.filter((f) => !fieldIds.includes(f.id));
  return (
    <Card data-testid="form-editor">
      <ApiErrorNote error={save.error ?? remove.error} />
      <Form layout="vertical" disabled={!canEdit} onFinish={() => save.mutate(undefined, { onSuccess: (row) => props.onSaved(row.id) })}>
        <Form.Item label={t('admin.common.name')} required validateStatus={name.trim() ? undefined : 'error'} help={name.trim() ? undefined : t('validation.required')}>
          <Input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} aria-label={t('admin.common.name')} />
        </Form.Item>
        <Typography.Text strong>{t('admin.forms.fields')}</Typography.Text>
        <Typography.Paragraph type="secondary">{t('admin.forms.dragHint')}</Typography.Paragraph>
        <SortableList
          testId="form-fields"
          items={fieldIds}
          itemKey={(id) => id}
          labels={{ up: t('admin.common.moveUp'), down: t('admin.common.moveDown'), handle: t('admin.common.dragHandle') }}
          onMove={(from, to) => canEdit && setFieldIds((ids) => moveItem(ids, from, to))}
          render={(id) => {
            const field = byId.get(id);
            return (
              <Flex justify="space-between" align="center" gap={8}>
                <span>
                  {field ? localName(field, i18n.language) : id} <Typography.Text type="secondary">({field ? t(`admin.fields.types.${field.type}`) : '?'})</Typography.Text>
                  {field?.required && <Tag color="red" style={{ marginLeft: 8 }}>{t('admin.forms.requiredNote')}</Tag>}
                  {field?.required_on_solve && <Tag color="orange" style={{ marginLeft: 8 }}>{t('admin.forms.requiredOnSolveNote')}</Tag>}
                </span>
                {canEdit && (
                  <Button size="small" type="link" onClick={() => setFieldIds((ids) => ids.filter((x) => x !== id))}>
                    {t('admin.forms.remove')}
                  </Button>
                )}
              </Flex>
            );
          }}
        />
        {canEdit && available.length > 0 && (
          <Select
            style={{ width: '100%', marginTop: 8 }}
            placeholder={t('admin.forms.addField')}
            aria-label={t('admin.forms.addField')}
            value={null}
            onChange={(id: string) => setFieldIds((ids) => [...ids, id])}
            options={available.map((f) => ({ value: f.id, label: localName(f, i18n.language) }))}
            data-testid="form-add-field"
          />
        )}
        <Space size={24} style={{ marginTop: 16 }} wrap>
          <Flex gap={8} align="center">
            <Switch checked={isDefault} onChange={setIsDefault} aria-label={t('admin.forms.isDefault')} />
            {t('admin.forms.isDefault')}
          </Flex>
          <Flex gap={8} align="center">
            <Switch checked={active} onChange={setActive} aria-label={t('admin.common.active')} />
            {t('admin.common.active')}
          </Flex>
        </Space>
        {canEdit && (
          <Flex gap={8} style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!name.trim()} data-testid="save-form">
              {t('admin.common.save')}
            </Button>
            {form && (
              <Popconfirm title={t('admin.common.confirmDelete')} onConfirm={() => remove.mutate(undefined, { onSuccess: props.onDeleted })}>
                <Button danger>{t('admin.common.delete')}</Button>
              </Popconfirm>
            )}
          </Flex>
        )}
      </Form>
    </Card>
  );
}
