/**
 * Instance roles, as OIC checks them: calling an integration needs ServiceInvoker or higher; the Developer
 * API (listing integrations) and endpoint metadata need ServiceUser or higher.
 */
export type OicRole = "ServiceInvoker" | "ServiceUser" | "ServiceDeveloper" | "ServiceAdministrator";

const RANK: Record<OicRole, number> = {
  ServiceInvoker: 1,
  ServiceUser: 2,
  ServiceDeveloper: 3,
  ServiceAdministrator: 4,
};

/** The sandbox's users and their roles: carol is signed in fine but has no role on the instance (403). */
export const DEFAULT_ROLES: Readonly<Record<string, OicRole | null>> = {
  alice: "ServiceDeveloper",
  bob: "ServiceUser",
  carol: null,
};

/** Whether `role` is at least `needed`. */
export function hasRole(role: OicRole | null | undefined, needed: OicRole): boolean {
  return role !== null && role !== undefined && RANK[role] >= RANK[needed];
}
