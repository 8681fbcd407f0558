// Unchanged copy of the read-only starter file, so this case type-checks on its own (the grader uses its own copy).
// Which users belong to which tenant (read-only). In production this is a directory lookup or a
// cached membership table; the entity only needs the yes/no answer, so it receives this interface.
export interface Membership {
  belongsTo(userId: string, tenantId: string): boolean;
}

/** Membership from a fixed list of (user, tenant) pairs: what the tests and demos use. */
export class StaticMembership implements Membership {
  readonly #pairs: Set<string>;

  constructor(pairs: readonly (readonly [userId: string, tenantId: string])[]) {
    this.#pairs = new Set(pairs.map(([userId, tenantId]) => JSON.stringify([userId, tenantId])));
  }

  belongsTo(userId: string, tenantId: string): boolean {
    return this.#pairs.has(JSON.stringify([userId, tenantId]));
  }
}
