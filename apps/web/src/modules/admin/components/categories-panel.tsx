import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, Form, Input, Select, Space } from '../../../ui';
import { Modal, Popconfirm, Tree, type TreeDataNode } from '../../../ui/admin-kit';
import { adminApi, type CategoryRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useCategories } from '../hooks/use-admin';
import { CATEGORY_MAX_DEPTH, categoryTree, localName, parentChoices, type CategoryNode } from '../utils/admin-rules';
import { ApiErrorNote, ReadOnlyNote, SectionHeader } from './admin-parts';

interface Values {
  name: string;
  name_zh?: string;
  parent_id?: string | null;
}

/** The category tree (three levels): add at any level, rename, move under another parent, delete. */
export function CategoriesPanel({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const [editing, setEditing] = useState<{ row: CategoryRow | null; parentId: string | null } | null>(null);
  const remove = useAdminMutation((id: string) => adminApi.categories.remove(id), { invalidate: [adminKeys.categories()], successText: t('admin.common.deleted') });

  const treeData = useMemo(() => {
    const toNode = (node: CategoryNode): TreeDataNode => ({
      key: node.key,
      title: (
        <Flex gap={8} align="center">
          <span>{localName(node.row, i18n.language)}</span>
          {canEdit && (
            <Space size={2}>
              {node.row.depth < CATEGORY_MAX_DEPTH && (
                <Button size="small" type="link" onClick={() => setEditing({ row: null, parentId: node.row.id })}>
                  {t('admin.categories.addChild')}
                </Button>
              )}
              <Button size="small" type="link" onClick={() => setEditing({ row: node.row, parentId: node.row.parent_id })}>
                {t('admin.common.edit')}
              </Button>
              <Popconfirm title={t('admin.common.confirmDelete')} onConfirm={() => remove.mutate(node.row.id)}>
                <Button size="small" type="link" danger>
                  {t('admin.common.delete')}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </Flex>
      ),
      children: node.children.map(toNode),
    });
    return categoryTree(categories.data ?? []).map(toNode);
  }, [categories.data, canEdit, i18n.language, t, remove]);

  return (
    <>
      <SectionHeader
        title={t('admin.categories.title')}
        hint={t('admin.categories.hint')}
        action={canEdit && <Button type="primary" onClick={() => setEditing({ row: null, parentId: null })}>{t('admin.common.add')}</Button>}
      />
      <ReadOnlyNote readOnly={!canEdit} />
      <ApiErrorNote error={categories.error ?? remove.error} />
      {categories.data && categories.data.length === 0 && <p>{t('admin.common.empty')}</p>}
      <Tree treeData={treeData} defaultExpandAll selectable={false} blockNode key={categories.dataUpdatedAt} data-testid="category-tree" />
      {editing && <CategoryModal rows={categories.data ?? []} row={editing.row} parentId={editing.parentId} onClose={() => setEditing(null)} />}
    </>
  );
}

function CategoryModal({ rows, row, parentId, onClose }: { rows: CategoryRow[]; row: CategoryRow | null; parentId: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useAdminMutation(
    (v: Values) => {
      const body = { name: v.name.trim(), name_zh: v.name_zh?.trim() || null, parent_id: v.parent_id ?? null };
      return row ? adminApi.categories.update(row.id, body) : adminApi.categories.create(body);
    },
    { invalidate: [adminKeys.categories()], form, fieldNames: ['name', 'name_zh', 'parent_id'] },
  );
  const parents = parentChoices(
    rows.filter((r) => r.id !== row?.id),
    (r) => localName(r, i18n.language),
  );
  return (
    <Modal open title={row?.name ?? t('admin.common.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('admin.common.save')} cancelText={t('admin.common.cancel')} confirmLoading={save.isPending} destroyOnHidden>
      <ApiErrorNote error={save.error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ name: row?.name, name_zh: row?.name_zh ?? undefined, parent_id: parentId }} onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>
        <Form.Item name="parent_id" label={t('admin.categories.parent')}>
          <Select options={[{ value: null as unknown as string, label: t('admin.categories.topLevel') }, ...parents]} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="name_zh" label={t('admin.common.nameZh')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
