import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from '../../../ui';
import { Modal, Popconfirm, Switch } from '../../../ui/admin-kit';
import { adminApi, type FieldInput, type FieldRow, type FieldType } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useFields } from '../hooks/use-admin';
import { checkFieldDraft, fieldBody, FIELD_KEY_PATTERN, hasOptions, keyFromTitle, localName, patternIsValid } from '../utils/admin-rules';
import { ApiErrorNote, ReadOnlyNote, SectionHeader } from './admin-parts';

const TYPES: FieldType[] = ['text', 'number', 'date', 'dropdown', 'multi_select', 'checkbox', 'regex'];
const fieldNames = ['key', 'title', 'title_zh', 'type', 'options', 'pattern', 'required', 'required_on_solve', 'active'] as const;

type Values = Omit<FieldInput, 'options'> & { options?: Array<{ value?: string; label?: string; label_zh?: string | null }> };

/** Custom ticket fields of every type: options for dropdowns, a pattern for regex fields. */
export function FieldsPanel({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const fields = useFields();
  const [editing, setEditing] = useState<FieldRow | 'new' | null>(null);
  const remove = useAdminMutation((id: string) => adminApi.fields.remove(id), { invalidate: [adminKeys.fields(), adminKeys.forms()], successText: t('admin.common.deleted') });
  const columns: TableColumnsType<FieldRow> = [
    { title: t('admin.fields.fieldTitle'), key: 'title', render: (_, f) => localName(f, i18n.language) },
    { title: t('admin.fields.key'), dataIndex: 'key', key: 'key', render: (key: string) => <code>{key}</code> },
    { title: t('admin.fields.type'), key: 'type', render: (_, f) => <Tag>{t(`admin.fields.types.${f.type}`)}</Tag> },
    {
      title: t('admin.fields.required'),
      key: 'required',
      render: (_, f) => (
        <Space size={4}>
          {f.required && <Tag color="red">{t('admin.fields.required')}</Tag>}
          {f.required_on_solve && <Tag color="orange">{t('admin.fields.requiredOnSolve')}</Tag>}
        </Space>
      ),
    },
    { title: t('admin.common.active'), key: 'active', render: (_, f) => (f.active ? t('admin.common.yes') : t('admin.common.no')) },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, f) =>
        canEdit && (
          <Space size={4}>
            <Button size="small" onClick={() => setEditing(f)}>
              {t('admin.common.edit')}
            </Button>
            <Popconfirm title={t('admin.common.confirmDelete')} onConfirm={() => remove.mutate(f.id)}>
              <Button size="small" danger>
                {t('admin.common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];
  return (
    <>
      <SectionHeader title={t('admin.fields.title')} action={canEdit && <Button type="primary" onClick={() => setEditing('new')} data-testid="add-field">{t('admin.common.add')}</Button>} />
      <ReadOnlyNote readOnly={!canEdit} />
      <ApiErrorNote error={fields.error ?? remove.error} />
      <Table<FieldRow> rowKey="id" columns={columns} dataSource={fields.data ?? []} loading={fields.isPending} pagination={false} data-testid="fields-table" />
      {editing && <FieldModal field={editing === 'new' ? null : editing} taken={(fields.data ?? []).map((f) => f.key)} onClose={() => setEditing(null)} />}
    </>
  );
}

function FieldModal({ field, taken, onClose }: { field: FieldRow | null; taken: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form) ?? field?.type ?? 'text';
  const [keyTouched, setKeyTouched] = useState(Boolean(field));
  const save = useAdminMutation(
    (values: Values) => {
      const body = fieldBody({ ...values, key: field?.key ?? values.key, type: field?.type ?? values.type });
      if (field) {
        const { key: _key, type: _type, ...patch } = body;
        return adminApi.fields.update(field.id, patch);
      }
      return adminApi.fields.create(body);
    },
    { invalidate: [adminKeys.fields(), adminKeys.forms()], form, fieldNames },
  );
  const submit = (values: Values) => {
    const issues = checkFieldDraft({ ...values, key: field?.key ?? values.key, type: field?.type ?? values.type });
    if (issues.length) {
      form.setFields(issues.map((issue) => ({ name: issue.path as never, errors: [t(`admin.fields.${issue.message}`) as string] })));
      return;
    }
    save.mutate(values, { onSuccess: onClose });
  };
  return (
    <Modal
      open
      width={640}
      title={field?.title ?? t('admin.common.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ApiErrorNote error={save.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="field-form"
        initialValues={
          field
            ? { ...field, title_zh: field.title_zh ?? undefined, options: field.options.map((o) => ({ ...o, label_zh: o.label_zh ?? undefined })) }
            : { type: 'text', required: false, required_on_solve: false, active: true, options: [] }
        }
        onValuesChange={(changed: Partial<Values>) => {
          if (!field && !keyTouched && changed.title !== undefined) form.setFieldValue('key', keyFromTitle(changed.title, taken));
        }}
        onFinish={submit}
      >
        <Form.Item name="title" label={t('admin.fields.fieldTitle')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="title_zh" label={t('admin.fields.titleZh')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="key"
            label={t('admin.fields.key')}
            extra={t('admin.fields.keyHint')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('validation.required') }, { pattern: FIELD_KEY_PATTERN, message: t('admin.fields.badKey') }]}
          >
            <Input disabled={Boolean(field)} onChange={() => setKeyTouched(true)} />
          </Form.Item>
          <Form.Item name="type" label={t('admin.fields.type')} style={{ width: 200 }}>
            <Select disabled={Boolean(field)} options={TYPES.map((value) => ({ value, label: t(`admin.fields.types.${value}`) }))} data-testid="field-type" />
          </Form.Item>
        </Flex>
        {hasOptions(type) && <OptionsEditor />}
        {type === 'regex' && (
          <Form.Item
            name="pattern"
            label={t('admin.fields.pattern')}
            extra={t('admin.fields.patternHint')}
            rules={[{ validator: async (_, value?: string) => { if (!patternIsValid(value ?? '')) throw new Error(t('admin.fields.badPattern')); } }]}
          >
            <Input style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
        <Space size={24} wrap>
          <Form.Item name="required" label={t('admin.fields.required')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="required_on_solve" label={t('admin.fields.requiredOnSolve')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** The options of a dropdown or multi-select field: value, label, Chinese label. */
function OptionsEditor() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('admin.fields.options')} required>
      <Form.List name="options">
        {(items, { add, remove }, { errors }) => (
          <>
            {items.map((item, index) => (
              <Flex key={item.key} gap={8} align="flex-start">
                <Form.Item name={[item.name, 'value']} style={{ flex: 1, marginBottom: 8 }} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
                  <Input placeholder={t('admin.fields.optionValue')} aria-label={`${t('admin.fields.optionValue')} ${index + 1}`} />
                </Form.Item>
                <Form.Item name={[item.name, 'label']} style={{ flex: 1, marginBottom: 8 }} rules={[{ max: 200 }]}>
                  <Input placeholder={t('admin.fields.optionLabel')} aria-label={`${t('admin.fields.optionLabel')} ${index + 1}`} />
                </Form.Item>
                <Form.Item name={[item.name, 'label_zh']} style={{ flex: 1, marginBottom: 8 }} rules={[{ max: 200 }]}>
                  <Input placeholder={t('admin.fields.optionLabelZh')} aria-label={`${t('admin.fields.optionLabelZh')} ${index + 1}`} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('admin.common.delete')} onClick={() => remove(item.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: '' })} data-testid="add-option">
              {t('admin.fields.addOption')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
