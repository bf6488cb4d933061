// The search module's public surface: app/ and other modules import from here only.
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import type { ReactionConsumer } from '../../platform/queue/job.ts';
import { getSegmenter } from '../../platform/search/segmenter.ts';
import { createDirectoryIndexConsumer, createTicketIndexConsumer } from './search.consumer.ts';
import { searchRoutes } from './search.routes.ts';
import { createSearchService } from './search.service.ts';

export { reindexTenant, type ReindexKind, type ReindexProgress } from './search.reindex.ts';
export { indexTickets, indexUsers, indexOrganizations } from './search.indexer.ts';
export { SEARCH_TICKETS_CONSUMER, SEARCH_DIRECTORY_CONSUMER, DIRECTORY_TOPIC } from './search.consumer.ts';
export { getSegmenter } from '../../platform/search/segmenter.ts';

/**
 * Search over tickets, users and organizations: GET /api/v1/search (`routes`), and the reaction
 * consumers that keep the documents up with ticket events and directory changes (`consumers`).
 */
export function createSearchModule(deps: { db: Database; logger: Logger }, options: { candidateCap?: number } = {}) {
  const service = createSearchService({ db: deps.db, segmenter: getSegmenter, candidateCap: options.candidateCap });
  const consumers: ReactionConsumer[] = [
    createTicketIndexConsumer({ ...deps, segmenter: getSegmenter }),
    createDirectoryIndexConsumer({ ...deps, segmenter: getSegmenter }),
  ];
  return { service, routes: searchRoutes(service), consumers };
}
