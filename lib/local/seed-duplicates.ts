import type { AccountsServices } from '#domain/accounts/accounts-services';
import type { Actor } from '#domain/ports';

/**
 * The same customer entered twice, by the same e-mail with two phones, a
 * note on the second: identification by the e-mail lists both, and
 * `POST /v1/contacts/{id}/merges` can show a merge (ADR 0032).
 */
export async function seedDuplicateContacts(s: AccountsServices, actor: Actor): Promise<void> {
  await s.contacts.create(actor, {
    firstName: 'Elsa',
    lastName: 'Nyberg',
    email: 'elsa.nyberg@example.se',
    phones: ['070-555 77 01'],
  });
  const second = await s.contacts.create(actor, {
    firstName: 'Elsa',
    lastName: 'Nyberg',
    email: 'Elsa.Nyberg@example.se',
    phones: ['076-555 77 02'],
    greeting: 'Hej Elsa',
  });
  await s.subjects.addNote(
    actor,
    { type: 'contact', id: second.value.id },
    'Called from her new mobile about moving to Luleå.',
  );
}
