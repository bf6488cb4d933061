import { SearchOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Flex, Input, Tag, Typography } from '../../../ui';
import { AutoComplete } from '../../../ui/workspace-kit';
import type { SearchHit } from '../api/search-api';
import { useDebounced, useQuickSearch } from '../hooks/use-search';
import { MarkedText } from './marked-text';

const typeColour: Record<SearchHit['type'], string> = { ticket: 'blue', user: 'purple', organization: 'cyan' };

export const hitPath = (hit: SearchHit, q: string) => (hit.type === 'ticket' ? `/tickets/${hit.id}` : `/search?q=${encodeURIComponent(q)}`);

/** The header's search box: results as you type; Enter opens every result; "/" focuses it. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text, 200);
  const results = useQuickSearch(q);
  const hits = q.trim() ? (results.data?.data ?? []).slice(0, 8) : [];

  const options = hits.map((hit) => ({
    value: `${hit.type}:${hit.id}`,
    label: (
      <Flex vertical gap={2} style={{ minWidth: 0 }} data-testid="search-option">
        <Flex gap={6} align="center">
          <Tag color={typeColour[hit.type]} bordered={false} style={{ marginInlineEnd: 0 }}>
            {t(`ws.search.types.${hit.type}`)}
          </Tag>
          <Typography.Text ellipsis style={{ flex: 1 }}>
            {hit.number ? `#${hit.number} ` : ''}
            {hit.title}
          </Typography.Text>
        </Flex>
        {hit.snippet && (
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
            <MarkedText snippet={hit.snippet} />
          </Typography.Text>
        )}
      </Flex>
    ),
  }));

  return (
    // The header's 64px line height must not reach the input.
    <div style={{ lineHeight: 'normal', display: 'flex', alignItems: 'center' }}>
    <AutoComplete
      value={text}
      options={options}
      onChange={(value: string) => setText(value)}
      onSelect={(value: string) => {
        const hit = hits.find((candidate) => `${candidate.type}:${candidate.id}` === value);
        setText('');
        if (hit) navigate(hitPath(hit, q));
      }}
      popupMatchSelectWidth={420}
      style={{ width: 320 }}
      data-testid="global-search"
    >
      <Input
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t('ws.search.placeholder')}
        aria-label={t('ws.search.label')}
        allowClear
        onKeyDown={(event) => {
          if (event.key === 'Escape') (event.target as HTMLInputElement).blur();
          if (event.key === 'Enter' && text.trim() && !document.querySelector('.ant-select-item-option-active')) {
            navigate(`/search?q=${encodeURIComponent(text.trim())}`);
            (event.target as HTMLInputElement).blur();
          }
        }}
      />
    </AutoComplete>
    </div>
  );
}
