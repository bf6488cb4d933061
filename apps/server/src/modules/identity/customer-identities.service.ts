import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { IdentityCreateBody } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors/app-error.ts';
import { recordAudit } from './audit.repo.ts';
import { findCustomer, type CustomerRow } from './customer-360.repo.ts';
import * as repo from './customer-identities.repo.ts';
import { authorizeManagePerson } from './customers.policy.ts';
import { customerMerged, customerNotFound, loadProfile } from './customers.service.ts';
import { identityValue, MIRRORED_KINDS, type IdentityKind } from './domain/identity-values.ts';
import type { IdentityTables } from './identity.tables.ts';

const identityNotFound = () => notFound('IDENTITY_NOT_FOUND', 'The identity');
const mirrorOf = (kind: IdentityKind) => (kind in MIRRORED_KINDS ? MIRRORED_KINDS[kind as keyof typeof MIRRORED_KINDS] : null);

/**
 * A person's identities: add, verify, make primary, remove. The primary email (phone) is
 * mirrored on users.email (users.phone) in the same transaction. Every change is audited and
 * shows in the customer's history.
 */
export function createCustomerIdentitiesService(deps: { db: Database }) {
  const db = deps.db as Database<IdentityTables>;

  /** The person, locked, whom the actor may change; their identity `identityId` when asked. */
  async function manageable(trx: Transaction<IdentityTables>, actor: Actor, customerId: string): Promise<CustomerRow> {
    const person = await findCustomer(trx, actor.tenantId, customerId, { lock: true });
    if (!person) throw customerNotFound();
    authorizeManagePerson(actor, person);
    if (person.merged_into_id) throw customerMerged();
    return person;
  }

  async function audit(trx: Transaction<IdentityTables>, actor: Actor, customerId: string, action: string, changes: Record<string, unknown>) {
    await recordAudit(trx, actor, { action: `customer.identity_${action}`, targetType: 'user', targetId: customerId, changes });
  }

  return {
    async add(actor: Actor, customerId: string, input: z.infer<typeof IdentityCreateBody>) {
      authorize(actor, 'customers:write');
      const parsed = identityValue(input.kind, input.value);
      if (!parsed.ok) {
        throw invalid('IDENTITY_VALUE_INVALID', `This is not a valid ${input.kind} identity`, [{ path: 'body.value', message: parsed.message }]);
      }
      return db.tenantTx(actor.tenantId, async (trx) => {
        const person = await manageable(trx, actor, customerId);
        const current = await repo.identitiesOf(trx, actor.tenantId, person.id);
        const becomesPrimary = !current.some((identity) => identity.kind === input.kind && identity.is_primary);
        const row = await repo.insertIdentity(trx, actor.tenantId, {
          userId: person.id,
          kind: input.kind,
          value: parsed.value,
          normalized: parsed.normalized,
          isPrimary: becomesPrimary,
          createdBy: actor.userId,
        });
        if (!row) {
          const owner = await repo.findIdentityByValue(trx, actor.tenantId, input.kind, parsed.normalized);
          if (owner?.user_id === person.id) throw conflict('IDENTITY_ALREADY_ADDED', 'This customer already has this identity');
          throw new AppError('IDENTITY_TAKEN', 409, 'Another person has this identity: merge them if they are the same customer', {
            extra: { owner_id: owner?.user_id ?? null },
          });
        }
        const mirror = mirrorOf(row.kind);
        if (becomesPrimary && mirror) await repo.mirrorPrimary(trx, actor.tenantId, person.id, mirror, row.value);
        await audit(trx, actor, person.id, 'added', { identity_id: row.id, kind: row.kind, value: row.value, primary: becomesPrimary });
        return loadProfile(trx, actor, person.id);
      });
    },

    async verify(actor: Actor, customerId: string, identityId: string) {
      authorize(actor, 'customers:write');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const person = await manageable(trx, actor, customerId);
        const identity = await repo.findIdentity(trx, actor.tenantId, identityId);
        if (!identity || identity.user_id !== person.id) throw identityNotFound();
        if (!identity.verified_at) {
          await repo.markVerified(trx, actor.tenantId, identity.id);
          await audit(trx, actor, person.id, 'verified', { identity_id: identity.id, kind: identity.kind, value: identity.value });
        }
        return loadProfile(trx, actor, person.id);
      });
    },

    async makePrimary(actor: Actor, customerId: string, identityId: string) {
      authorize(actor, 'customers:write');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const person = await manageable(trx, actor, customerId);
        const identities = await repo.identitiesOf(trx, actor.tenantId, person.id);
        const identity = identities.find((row) => row.id === identityId);
        if (!identity) throw identityNotFound();
        if (!identity.is_primary) {
          const previous = identities.find((row) => row.kind === identity.kind && row.is_primary);
          await repo.makePrimary(trx, actor.tenantId, identity);
          const mirror = mirrorOf(identity.kind);
          if (mirror) await repo.mirrorPrimary(trx, actor.tenantId, person.id, mirror, identity.value);
          await audit(trx, actor, person.id, 'primary', {
            identity_id: identity.id,
            kind: identity.kind,
            value: identity.value,
            previous: previous?.value ?? null,
          });
        }
        return loadProfile(trx, actor, person.id);
      });
    },

    async remove(actor: Actor, customerId: string, identityId: string) {
      authorize(actor, 'customers:write');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const person = await manageable(trx, actor, customerId);
        const identities = await repo.identitiesOf(trx, actor.tenantId, person.id);
        const identity = identities.find((row) => row.id === identityId);
        if (!identity) throw identityNotFound();
        if (identities.length === 1) throw conflict('IDENTITY_LAST', 'A customer keeps at least one identity');
        const sameKind = identities.filter((row) => row.kind === identity.kind && row.id !== identity.id);
        if (identity.is_primary && sameKind.length > 0) {
          throw conflict('IDENTITY_PRIMARY', `Make another ${identity.kind} primary before removing this one`);
        }
        if (identity.kind === 'email' && identity.is_primary && person.role !== 'customer') {
          throw conflict('STAFF_EMAIL_REQUIRED', 'Staff accounts need an email to sign in with');
        }
        await repo.deleteIdentity(trx, actor.tenantId, identity.id);
        const mirror = mirrorOf(identity.kind);
        if (identity.is_primary && mirror) await repo.mirrorPrimary(trx, actor.tenantId, person.id, mirror, null);
        await audit(trx, actor, person.id, 'removed', { identity_id: identity.id, kind: identity.kind, value: identity.value });
        return loadProfile(trx, actor, person.id);
      });
    },
  };
}

export type CustomerIdentitiesService = ReturnType<typeof createCustomerIdentitiesService>;
