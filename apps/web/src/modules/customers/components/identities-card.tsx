import { CheckCircleOutlined, DeleteOutlined, MailOutlined, MessageOutlined, PhoneOutlined, StarOutlined, WechatOutlined } from '@ant-design/icons';
import type { Customer360, CustomerIdentity, IdentityKind } from '@switchboard/contracts';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api';
import { Alert, Button, Card, ErrorAlert, Flex, Input, Select, Tag, Tooltip, Typography, useToast } from '../../../ui';
import { Popconfirm } from '../../../ui/admin-kit';
import { List } from '../../../ui/workspace-kit';
import { useCustomerChanges } from '../hooks/use-customer-360';
import { useCustomerErrorText } from '../hooks/use-customer-error';
import { identityActions, KIND_ORDER, sortIdentities, type RemoveBlock } from '../utils/identity-actions';

const icons: Record<IdentityKind, ReactNode> = {
  email: <MailOutlined />,
  phone: <PhoneOutlined />,
  wechat: <WechatOutlined />,
  chat_visitor: <MessageOutlined />,
};

const blockText: Record<Exclude<RemoveBlock, null>, 'cannotRemoveLast' | 'cannotRemovePrimary' | 'cannotRemoveStaffEmail'> = {
  last: 'cannotRemoveLast',
  primary: 'cannotRemovePrimary',
  staffEmail: 'cannotRemoveStaffEmail',
};

/** The customer's emails, phones, WeChat ids and chat visitors: add, verify, make primary, remove. */
export function IdentitiesCard({ customer, onMergeOwner }: { customer: Customer360; onMergeOwner: (ownerId: string) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useCustomerErrorText();
  const changes = useCustomerChanges(customer.id);
  const identities = sortIdentities(customer.identities);
  const editable = customer.can_manage && !customer.merged_into_id;
  const failed = [changes.verify, changes.makePrimary, changes.removeIdentity].find((mutation) => mutation.isError);

  return (
    <Card title={t('ws.customers.identities.title')} size="small" data-testid="customer-identities">
      {failed && <ErrorAlert message={errorText(failed.error)} />}
      {identities.length === 0 ? (
        <Typography.Text type="secondary">{t('ws.customers.identities.empty')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={identities}
          renderItem={(identity) => (
            <IdentityRow
              key={identity.id}
              identity={identity}
              all={identities}
              role={customer.role}
              editable={editable}
              onVerify={() => changes.verify.mutate(identity.id, { onSuccess: () => toast.success(t('ws.customers.identities.verifiedDone')) })}
              onPrimary={() => changes.makePrimary.mutate(identity.id, { onSuccess: () => toast.success(t('ws.customers.identities.primaryDone', { value: identity.value })) })}
              onRemove={() => changes.removeIdentity.mutate(identity.id, { onSuccess: () => toast.success(t('ws.customers.identities.removed')) })}
            />
          )}
        />
      )}
      {editable && <AddIdentityForm customer={customer} onMergeOwner={onMergeOwner} />}
    </Card>
  );
}

function IdentityRow(props: {
  identity: CustomerIdentity;
  all: CustomerIdentity[];
  role: string;
  editable: boolean;
  onVerify: () => void;
  onPrimary: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { identity } = props;
  const actions = identityActions(identity, props.all, props.role);
  const label = t(`ws.customers.identities.kinds.${identity.kind}`);
  return (
    <List.Item style={{ paddingInline: 0 }} data-testid="identity-row" data-kind={identity.kind}>
      <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <Tooltip title={label}>
            <span aria-label={label} role="img">
              {icons[identity.kind]}
            </span>
          </Tooltip>
          <Typography.Text style={{ overflowWrap: 'anywhere' }} data-testid="identity-value">
            {identity.value}
          </Typography.Text>
        </Flex>
        <Flex gap={4} wrap align="center">
          {identity.is_primary && (
            <Tag color="blue" icon={<StarOutlined />}>
              {t('ws.customers.identities.primary')}
            </Tag>
          )}
          {identity.verified_at ? (
            <Tag color="green" icon={<CheckCircleOutlined />}>
              {t('ws.customers.identities.verified')}
            </Tag>
          ) : (
            <Tag bordered={false}>{t('ws.customers.identities.unverified')}</Tag>
          )}
          {props.editable && (
            <Flex gap={4} wrap role="group" aria-label={t('ws.customers.identities.actionsFor', { value: identity.value })} style={{ marginInlineStart: 'auto' }}>
              {actions.verify && (
                <Button size="small" type="link" onClick={props.onVerify}>
                  {t('ws.customers.identities.verify')}
                </Button>
              )}
              {actions.makePrimary && (
                <Button size="small" type="link" onClick={props.onPrimary} data-testid="identity-make-primary">
                  {t('ws.customers.identities.makePrimary')}
                </Button>
              )}
              {actions.removeBlock ? (
                <Tooltip title={t(`ws.customers.identities.${blockText[actions.removeBlock]}`)}>
                  <Button size="small" type="text" icon={<DeleteOutlined />} disabled aria-label={`${t('ws.customers.identities.remove')} ${identity.value}`} />
                </Tooltip>
              ) : (
                <Popconfirm title={t('ws.customers.identities.removeConfirm', { value: identity.value })} onConfirm={props.onRemove}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('ws.customers.identities.remove')} ${identity.value}`} />
                </Popconfirm>
              )}
            </Flex>
          )}
        </Flex>
      </Flex>
    </List.Item>
  );
}

/** Kind and value; when another customer has the value, says who and offers to merge them in. */
function AddIdentityForm({ customer, onMergeOwner }: { customer: Customer360; onMergeOwner: (ownerId: string) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useCustomerErrorText();
  const { addIdentity } = useCustomerChanges(customer.id);
  const [kind, setKind] = useState<IdentityKind>('email');
  const [value, setValue] = useState('');
  // Once the value is this customer's (added, or merged in from its owner), the form starts over.
  const typed = value.trim().toLowerCase();
  const arrived = typed !== '' && customer.identities.some((identity) => identity.value.toLowerCase() === typed || identity.value_normalized === typed);
  useEffect(() => {
    if (!arrived) return;
    setValue('');
    addIdentity.reset();
  }, [arrived, addIdentity]);
  const taken = addIdentity.error instanceof ApiError && addIdentity.error.code === 'IDENTITY_TAKEN' ? addIdentity.error.extra<string>('owner_id') : undefined;

  const submit = () => {
    if (!value.trim()) return;
    addIdentity.mutate(
      { kind, value: value.trim() },
      {
        onSuccess: () => {
          setValue('');
          toast.success(t('ws.customers.identities.added'));
        },
      },
    );
  };

  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      <Typography.Text strong id="add-identity-title">
        {t('ws.customers.identities.addTitle')}
      </Typography.Text>
      <Flex gap={8} wrap role="group" aria-labelledby="add-identity-title">
        <Select<IdentityKind>
          value={kind}
          onChange={setKind}
          aria-label={t('ws.customers.identities.kind')}
          style={{ width: 130 }}
          options={KIND_ORDER.map((option) => ({ value: option, label: t(`ws.customers.identities.kinds.${option}`) }))}
          data-testid="identity-kind"
        />
        <Input
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onPressEnter={submit}
          placeholder={t(`ws.customers.identities.placeholders.${kind}`)}
          aria-label={t('ws.customers.identities.value')}
          style={{ flex: '1 1 180px' }}
          data-testid="identity-value-input"
        />
        <Button type="primary" onClick={submit} loading={addIdentity.isPending} disabled={!value.trim()} data-testid="identity-add">
          {t('ws.customers.identities.add')}
        </Button>
      </Flex>
      {taken ? (
        <Alert
          type="warning"
          showIcon
          data-testid="identity-taken"
          title={t('ws.customers.identities.takenTitle', { value: value.trim() })}
          description={
            <Flex vertical gap={8}>
              <span>{t('ws.customers.identities.takenBody')}</span>
              <Flex gap={8} wrap>
                <Link to={`/customers/${taken}`}>{t('ws.customers.identities.openOwner')}</Link>
                {customer.role === 'customer' && (
                  <Button size="small" onClick={() => onMergeOwner(taken)} data-testid="identity-merge-owner">
                    {t('ws.customers.identities.mergeOwner')}
                  </Button>
                )}
              </Flex>
            </Flex>
          }
        />
      ) : (
        addIdentity.isError && <ErrorAlert message={errorText(addIdentity.error)} />
      )}
    </Flex>
  );
}
