import type { Customer360, CustomerIdentity, CustomerProfile } from '@switchboard/contracts';

/** Why this customer cannot be merged into the target, or null. */
export type MergeBlock = 'self' | 'staff' | 'alreadyMerged' | null;

export interface MergePreview {
  block: MergeBlock;
  /** Tickets the source requested (those the viewer may see). */
  tickets: number;
  identities: Array<CustomerIdentity & { becomesPrimary: boolean }>;
  tagsAdded: string[];
  vipAfter: number;
  organizationAfter: { id: string; name: string } | null;
}

/**
 * What merging `source` into `target` will do, by the server's rules (modules/identity
 * domain/customer-merge.ts): tags united, the higher VIP, the target's organization unless it
 * has none; the source's primary identity of a kind becomes the target's primary when the target
 * has none of that kind.
 */
export function mergePreview(target: Pick<CustomerProfile, 'id' | 'tags' | 'vip_level' | 'organization' | 'identities'>, source: Customer360): MergePreview {
  const block: MergeBlock =
    source.id === target.id ? 'self' : source.role !== 'customer' ? 'staff' : source.merged_into_id ? 'alreadyMerged' : null;
  const targetPrimaryKinds = new Set(target.identities.filter((identity) => identity.is_primary).map((identity) => identity.kind));
  return {
    block,
    tickets: source.ticket_counts.total,
    identities: source.identities.map((identity) => ({ ...identity, becomesPrimary: identity.is_primary && !targetPrimaryKinds.has(identity.kind) })),
    tagsAdded: source.tags.filter((tag) => !target.tags.includes(tag)),
    vipAfter: Math.max(target.vip_level, source.vip_level),
    organizationAfter: target.organization ?? source.organization,
  };
}
