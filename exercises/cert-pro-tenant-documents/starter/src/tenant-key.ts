// Tenant identity of the document store (read-only): how a tenant id and a document's local id
// make one entity id, and the error a workspace raises when it is handed another tenant's document.

/** Separates the tenant and the local id inside an entity id: "acme/42". */
export const SEPARATOR = '/';

/** The entity id of the document with local id `localId` in tenant `tenantId`. */
export function documentKey(tenantId: string, localId: string): string {
  return `${tenantId}${SEPARATOR}${localId}`;
}

/** A document of one tenant was handed to the workspace of another. */
export class TenantMismatchError extends Error {
  override readonly name = 'TenantMismatchError';
  readonly expectedTenantId: string;
  readonly actualTenantId: string;

  constructor(expectedTenantId: string, actualTenantId: string) {
    super(`A document of tenant "${actualTenantId}" was handed to the workspace of tenant "${expectedTenantId}"`);
    this.expectedTenantId = expectedTenantId;
    this.actualTenantId = actualTenantId;
  }
}
