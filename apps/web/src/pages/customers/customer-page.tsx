import { ArrowLeftOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../lib/api';
import {
  CustomerEditDialog,
  CustomerHeader,
  CustomerHistory,
  CustomerTickets,
  IdentitiesCard,
  MergeDialog,
  NotesCard,
  useCustomer360,
  useCustomerErrorText,
} from '../../modules/customers';
import { Alert, Button, Card, ErrorAlert, Flex, Result, Skeleton } from '../../ui';
import { Tabs } from '../../ui/workspace-kit';

/** `/customers/:id`: the customer 360 (who they are, how to reach them, every ticket, what changed). */
export function CustomerPage() {
  const { customerId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useCustomerErrorText();
  const customer = useCustomer360(customerId);
  const [tab, setTab] = useState('tickets');
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState<{ sourceId?: string } | null>(null);
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/tickets'))} style={{ paddingInline: 0, alignSelf: 'flex-start' }}>
      {t('ws.customers.page.back')}
    </Button>
  );

  if (customer.isPending) {
    return (
      <Card>
        <Skeleton active avatar paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (customer.isError) {
    const missing = customer.error instanceof ApiError && [400, 403, 404].includes(customer.error.status);
    return missing ? (
      <Result status="404" title={t('ws.customers.page.notFound')} extra={back} />
    ) : (
      <Flex vertical gap={16}>
        {back}
        <ErrorAlert message={errorText(customer.error)} onRetry={() => void customer.refetch()} retryLabel={t('common.retry')} />
      </Flex>
    );
  }
  const person = customer.data;

  return (
    <Flex vertical gap={12} data-testid="customer-page">
      {back}
      {person.merged_into_id && (
        <Alert
          type="info"
          showIcon
          title={t('ws.customers.page.merged')}
          action={<Link to={`/customers/${person.merged_into_id}`}>{t('ws.customers.page.openMerged')}</Link>}
          data-testid="customer-merged"
        />
      )}
      {!person.can_manage && !person.merged_into_id && <Alert type="info" showIcon title={t('ws.customers.page.readOnly')} />}
      <CustomerHeader customer={person} onEdit={() => setEditing(true)} onMerge={() => setMerging({})} />
      <Flex gap={12} align="stretch" wrap>
        <div style={{ flex: '1 1 380px', minWidth: 0 }}>
          <IdentitiesCard customer={person} onMergeOwner={(ownerId) => setMerging({ sourceId: ownerId })} />
        </div>
        <div style={{ flex: '1 1 300px', minWidth: 0 }}>
          <NotesCard customer={person} />
        </div>
      </Flex>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'tickets', label: t('ws.customers.tickets.title'), children: <CustomerTickets customerId={person.id} /> },
            { key: 'history', label: t('ws.customers.history.title'), children: <CustomerHistory customerId={person.id} active={tab === 'history'} /> },
          ]}
        />
      </Card>
      {editing && <CustomerEditDialog customer={person} onClose={() => setEditing(false)} />}
      {merging && <MergeDialog target={person} initialSourceId={merging.sourceId} onClose={() => setMerging(null)} />}
    </Flex>
  );
}
