import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Flex, Input, Segmented, Select } from '../../../ui';
import { useCustomerSearch } from '../hooks/use-customers';

export type CustomerChoice = { kind: 'existing'; id: string } | { kind: 'new'; name: string; email: string; phone: string };

/** Picks an existing customer (search by name or email) or describes a new one. */
export function CustomerPicker({ value, onChange }: { value: CustomerChoice | null; onChange: (choice: CustomerChoice | null) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'existing' | 'new'>(value?.kind ?? 'existing');
  const [q, setQ] = useState('');
  const search = useCustomerSearch(q);
  const fresh = value?.kind === 'new' ? value : { kind: 'new' as const, name: '', email: '', phone: '' };

  return (
    <Flex vertical gap={8} data-testid="customer-picker">
      <Segmented<'existing' | 'new'>
        value={mode}
        onChange={(next) => {
          setMode(next);
          onChange(next === 'new' ? fresh : null);
        }}
        options={[
          { value: 'existing', label: t('ws.create.existingCustomer') },
          { value: 'new', label: t('ws.create.newCustomer') },
        ]}
      />
      {mode === 'existing' ? (
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          placeholder={t('ws.create.customerPlaceholder')}
          aria-label={t('ws.create.customer')}
          value={value?.kind === 'existing' ? value.id : undefined}
          onChange={(id: string) => onChange({ kind: 'existing', id })}
          loading={search.isFetching}
          options={(search.data ?? []).map((customer) => ({
            value: customer.id,
            label: customer.email ? `${customer.name} <${customer.email}>` : customer.phone ? `${customer.name} (${customer.phone})` : customer.name,
          }))}
          data-testid="customer-search"
        />
      ) : (
        <Flex gap={8} wrap>
          <Input aria-label={t('ws.create.name')} placeholder={t('ws.create.name')} value={fresh.name} onChange={(e) => onChange({ ...fresh, name: e.target.value })} style={{ flex: '1 1 160px' }} data-testid="new-customer-name" />
          <Input aria-label={t('ws.create.email')} placeholder={t('ws.create.email')} type="email" value={fresh.email} onChange={(e) => onChange({ ...fresh, email: e.target.value })} style={{ flex: '1 1 200px' }} data-testid="new-customer-email" />
          <Input aria-label={t('ws.create.phone')} placeholder={t('ws.create.phone')} value={fresh.phone} onChange={(e) => onChange({ ...fresh, phone: e.target.value })} style={{ flex: '1 1 140px' }} />
        </Flex>
      )}
    </Flex>
  );
}
