import type { Customer360, CustomerUpdateBody } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, useErrorText } from '../../../lib/api';
import { applyFieldErrors, ErrorAlert, Form, Input, Select, useToast } from '../../../ui';
import { InputNumber, Modal } from '../../../ui/workspace-kit';
import { useCustomerChanges } from '../hooks/use-customer-360';
import { useCustomerErrorText } from '../hooks/use-customer-error';
import { customerKeys } from '../hooks/use-customers';

interface Values {
  name: string;
  organization_id: string | null;
  vip_level: number;
  tags: string[];
}

const FIELDS = ['name', 'organization_id', 'vip_level', 'tags'] as const;

/** Organizations matching what the agent types (the first 20), plus the current one. */
function useOrganizationOptions(q: string, current: Customer360['organization']) {
  const search = useQuery({
    queryKey: [...customerKeys.all, 'organization-options', q],
    queryFn: ({ signal }) =>
      api.get<{ data: Array<{ id: string; name: string }> }>('/api/v1/organizations', { query: { q: q || undefined, limit: 20 }, signal }).then((page) => page.data),
    staleTime: 30_000,
  });
  const options = (search.data ?? []).map((org) => ({ value: org.id, label: org.name }));
  if (current && !options.some((option) => option.value === current.id)) options.unshift({ value: current.id, label: current.name });
  return { options, loading: search.isFetching };
}

/** Name, organization, VIP level and tags of a customer (notes are edited in place). */
export function CustomerEditDialog({ customer, onClose }: { customer: Customer360; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useCustomerErrorText();
  const errors = useErrorText();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const organizations = useOrganizationOptions(q, customer.organization);
  const { update } = useCustomerChanges(customer.id);

  const submit = (values: Values) => {
    const body: CustomerUpdateBody = {
      name: values.name.trim(),
      organization_id: values.organization_id ?? null,
      vip_level: values.vip_level ?? 0,
      tags: values.tags ?? [],
    };
    update.mutate(body, {
      onSuccess: () => {
        toast.success(t('ws.customers.edit.saved'));
        onClose();
      },
      onError: (error) => applyFieldErrors(form, errors.fields(error), FIELDS),
    });
  };

  return (
    <Modal
      open
      title={t('ws.customers.edit.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('ws.customers.edit.save')}
      cancelText={t('ws.customers.edit.cancel')}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {update.isError && <ErrorAlert message={errorText(update.error)} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ name: customer.name, organization_id: customer.organization_id, vip_level: customer.vip_level, tags: customer.tags }}
        onFinish={submit}
        data-testid="customer-edit-form"
      >
        <Form.Item name="name" label={t('ws.customers.edit.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="organization_id" label={t('ws.customers.edit.organization')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('ws.customers.edit.organizationPlaceholder')}
            aria-label={t('ws.customers.edit.organization')}
            options={organizations.options}
            loading={organizations.loading}
          />
        </Form.Item>
        <Form.Item name="vip_level" label={t('ws.customers.edit.vipLevel')} extra={t('ws.customers.edit.vipHint')}>
          <InputNumber min={0} max={10} precision={0} aria-label={t('ws.customers.edit.vipLevel')} />
        </Form.Item>
        <Form.Item name="tags" label={t('ws.customers.edit.tags')}>
          <Select mode="tags" tokenSeparators={[',']} placeholder={t('ws.customers.edit.tagsPlaceholder')} aria-label={t('ws.customers.edit.tags')} maxCount={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
