import type { SearchPage } from '@switchboard/contracts';
import type { SearchResult } from './search.service.ts';

const iso = (value: Date) => new Date(value).toISOString();

/** Service result -> API page (the response schema is the allow-list). */
export function presentSearchResult(result: SearchResult): SearchPage {
  const page = { next_cursor: result.next_cursor, capped: result.capped };
  switch (result.type) {
    case 'ticket':
      return {
        ...page,
        data: result.hits.map((hit) => ({
          type: 'ticket' as const,
          id: hit.id,
          rank: hit.rank,
          title_html: hit.title_html,
          snippet_html: hit.snippet_html,
          number: String(hit.number),
          subject: hit.subject,
          status_category: hit.status_category,
          priority: hit.priority,
          requester_id: hit.requester_id,
          assignee_id: hit.assignee_id,
          group_id: hit.group_id,
          tags: hit.tags,
          created_at: iso(hit.created_at),
          updated_at: iso(hit.updated_at),
        })),
      };
    case 'user':
      return { ...page, data: result.hits.map((hit) => ({ type: 'user' as const, ...hit })) };
    case 'organization':
      return { ...page, data: result.hits.map((hit) => ({ type: 'organization' as const, ...hit })) };
  }
}
