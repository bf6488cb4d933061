import { CrownOutlined, EditOutlined, MailOutlined, MergeCellsOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import type { Customer360 } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Avatar, Button, Card, Flex, Tag, Typography } from '../../../ui';
import { StatusTag } from '../../tickets';

const CATEGORIES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;

/** Who this is: name, VIP level, organization, tags, primary addresses, and the ticket counts by status. */
export function CustomerHeader({ customer, onEdit, onMerge }: { customer: Customer360; onEdit: () => void; onMerge: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canMerge = customer.can_manage && customer.role === 'customer' && !customer.merged_into_id;
  return (
    <Card data-testid="customer-header">
      <Flex gap={16} align="flex-start" wrap>
        <Avatar size={56} style={{ background: '#8c6dd7', flex: 'none', fontSize: 24 }} aria-hidden>
          {customer.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">
              {customer.name}
            </Typography.Title>
            {customer.vip_level > 0 ? (
              <Tag color="gold" icon={<CrownOutlined />} data-testid="customer-vip">
                {t('ws.customers.header.vip', { level: customer.vip_level })}
              </Tag>
            ) : (
              <Tag bordered={false}>{t('ws.customers.header.notVip')}</Tag>
            )}
            {customer.role !== 'customer' && <Tag color="blue">{t('ws.customers.page.staff')}</Tag>}
            {!customer.active && <Tag color="red">{t('ws.customers.page.inactive')}</Tag>}
          </Flex>
          <Flex gap={16} wrap style={{ fontSize: 13 }}>
            <Typography.Text type="secondary">
              <TeamOutlined aria-label={t('ws.customers.edit.organization')} /> {customer.organization?.name ?? t('ws.customers.header.noOrganization')}
            </Typography.Text>
            {customer.email && (
              <Typography.Text>
                <MailOutlined aria-label={t('ws.customers.identities.kinds.email')} /> <a href={`mailto:${customer.email}`}>{customer.email}</a>
              </Typography.Text>
            )}
            {customer.phone && (
              <Typography.Text>
                <PhoneOutlined aria-label={t('ws.customers.identities.kinds.phone')} /> {customer.phone}
              </Typography.Text>
            )}
            <Typography.Text type="secondary">{t('ws.customers.page.since', { date: format.dateTime(customer.created_at) })}</Typography.Text>
          </Flex>
          <Flex gap={4} wrap aria-label={t('ws.customers.edit.tags')} role="list">
            {customer.tags.length === 0 ? (
              <Typography.Text type="secondary">{t('ws.customers.header.noTags')}</Typography.Text>
            ) : (
              customer.tags.map((tag) => (
                <Tag key={tag} role="listitem">
                  {tag}
                </Tag>
              ))
            )}
          </Flex>
        </Flex>
        {customer.can_manage && !customer.merged_into_id && (
          <Flex gap={8} wrap>
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="customer-edit">
              {t('ws.customers.header.edit')}
            </Button>
            {canMerge && (
              <Button icon={<MergeCellsOutlined />} onClick={onMerge} data-testid="customer-merge">
                {t('ws.customers.header.merge')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
      <Flex gap={8} wrap align="center" style={{ marginTop: 16 }} role="group" aria-label={t('ws.customers.counts.label')} data-testid="customer-counts">
        <Tag bordered={false} color="processing">
          {t('ws.customers.counts.total')}: {customer.ticket_counts.total}
        </Tag>
        {CATEGORIES.filter((category) => customer.ticket_counts[category] > 0).map((category) => (
          <Flex key={category} gap={4} align="center">
            <StatusTag category={category} />
            <Typography.Text>{customer.ticket_counts[category]}</Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
