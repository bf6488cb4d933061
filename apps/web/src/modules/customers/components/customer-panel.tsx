import { CrownOutlined, MailOutlined, PhoneOutlined, TagOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import { Avatar, Flex, Skeleton, Tag, Typography } from '../../../ui';
import { List } from '../../../ui/workspace-kit';
import { StatusTag } from '../../tickets';
import { requesterTicketsQuery, useCustomer, useOrganization } from '../hooks/use-customers';

/** Who asked: identities, organization, VIP level, tags, and their other tickets; the name opens the customer page. */
export function CustomerPanel({ customerId, ticketId }: { customerId: string; ticketId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const customer = useCustomer(customerId);
  const organization = useOrganization(customer.data?.organization_id);
  const tickets = useQuery(requesterTicketsQuery(customerId));
  if (customer.isPending) return <Skeleton active avatar paragraph={{ rows: 3 }} />;
  if (!customer.data) return <Typography.Text type="secondary">{t('ws.customer.unknown')}</Typography.Text>;
  const person = customer.data;
  const others = (tickets.data ?? []).filter((ticket) => ticket.id !== ticketId);

  return (
    <Flex vertical gap={12} data-testid="customer-panel">
      <Flex align="center" gap={10}>
        <Avatar size={40} style={{ background: '#8c6dd7', flex: 'none' }}>
          {person.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <div style={{ minWidth: 0 }}>
          <Link
            to={`/customers/${person.id}`}
            title={t('ws.customers.page.openPage')}
            style={{ display: 'block', fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
            data-testid="customer-page-link"
          >
            {person.name}
          </Link>
          {organization.data && <Typography.Text type="secondary">{organization.data.name}</Typography.Text>}
        </div>
        {person.vip_level > 0 ? (
          <Tag color="gold" icon={<CrownOutlined />} style={{ marginInlineStart: 'auto' }} data-testid="vip">
            {t('ws.customer.vipValue', { level: person.vip_level })}
          </Tag>
        ) : (
          <Tag bordered={false} style={{ marginInlineStart: 'auto' }}>
            {t('ws.customer.notVip')}
          </Tag>
        )}
      </Flex>
      <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 10px', fontSize: 13 }}>
        {person.email && (
          <>
            <dt>
              <MailOutlined aria-label={t('ws.customer.email')} />
            </dt>
            <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>
              <a href={`mailto:${person.email}`}>{person.email}</a>
            </dd>
          </>
        )}
        {person.phone && (
          <>
            <dt>
              <PhoneOutlined aria-label={t('ws.customer.phone')} />
            </dt>
            <dd style={{ margin: 0 }}>{person.phone}</dd>
          </>
        )}
        {person.external_id && (
          <>
            <dt>
              <Typography.Text type="secondary">{t('ws.customer.externalId')}</Typography.Text>
            </dt>
            <dd style={{ margin: 0 }}>{person.external_id}</dd>
          </>
        )}
        {person.tags.length > 0 && (
          <>
            <dt>
              <TagOutlined aria-label={t('ws.customer.tags')} />
            </dt>
            <dd style={{ margin: 0 }}>
              {person.tags.map((tag) => (
                <Tag key={tag}>{tag}</Tag>
              ))}
            </dd>
          </>
        )}
      </dl>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ws.customer.otherTickets')}
        </Typography.Text>
        {others.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('ws.customer.noOtherTickets')}
          </Typography.Paragraph>
        ) : (
          <List
            size="small"
            dataSource={others.slice(0, 8)}
            data-testid="other-tickets"
            renderItem={(ticket) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Flex vertical style={{ minWidth: 0, flex: 1 }} gap={2}>
                  <Link to={`/tickets/${ticket.id}`} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                    #{ticket.number} {ticket.subject}
                  </Link>
                  <Flex justify="space-between" align="center">
                    <StatusTag category={ticket.status} name={ticket.status_name} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {format.relative(ticket.updated_at)}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </div>
    </Flex>
  );
}
