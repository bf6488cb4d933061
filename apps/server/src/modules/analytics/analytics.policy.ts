import { forbidden } from '../../platform/errors/app-error.ts';
import { isStaff, type Actor } from '../../platform/auth-context/actor.ts';

/** Tenant-wide figures: staff who see every ticket (a restricted agent would learn about others' queues). */
export function authorizeReadFacts(actor: Actor): void {
  if (!isStaff(actor.role) || actor.ticketAccess !== 'all') throw forbidden('Reports need access to all tickets');
}
