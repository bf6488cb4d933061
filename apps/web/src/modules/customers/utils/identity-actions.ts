import type { CustomerIdentity, IdentityKind } from '@switchboard/contracts';

/** Why an identity cannot be removed (the same rules the server answers 409 with), or null. */
export type RemoveBlock = 'last' | 'primary' | 'staffEmail' | null;

export interface IdentityActions {
  verify: boolean;
  makePrimary: boolean;
  removeBlock: RemoveBlock;
}

export const KIND_ORDER: readonly IdentityKind[] = ['email', 'phone', 'wechat', 'chat_visitor'];

/** What the identity's menu offers: verify when unverified, make primary when not, remove unless a rule forbids it. */
export function identityActions(identity: CustomerIdentity, all: readonly CustomerIdentity[], personRole: string): IdentityActions {
  const othersOfKind = all.filter((other) => other.kind === identity.kind && other.id !== identity.id);
  let removeBlock: RemoveBlock = null;
  if (all.length <= 1) removeBlock = 'last';
  else if (identity.is_primary && othersOfKind.length > 0) removeBlock = 'primary';
  else if (identity.is_primary && identity.kind === 'email' && personRole !== 'customer') removeBlock = 'staffEmail';
  return { verify: identity.verified_at === null, makePrimary: !identity.is_primary, removeBlock };
}

/** Kinds in a fixed order, primary first within each, as the list shows them. */
export function sortIdentities(identities: readonly CustomerIdentity[]): CustomerIdentity[] {
  return [...identities].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || Number(b.is_primary) - Number(a.is_primary) || Number(a.id) - Number(b.id),
  );
}
