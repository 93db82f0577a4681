/**
 * The logged-in account for the components below the login gate: who (display name, role, jurisdiction), what
 * they may do (permissions) and the session actions (logout, password changed).
 */
import { createContext, useContext } from 'react';
import type { Me, Permission } from '../../../../server/contracts/auth';

export interface Session {
  me: Me;
  logout: () => Promise<void>;
  /** After a successful password change (clears mustChangePassword). */
  passwordChanged: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The session; null outside the login gate (tests rendering a component alone). */
export function useSession(): Session | null {
  return useContext(SessionContext);
}

/** Whether the logged-in account holds a permission. Without a session (isolated component tests) everything is allowed. */
export function useCan(permission: Permission): boolean {
  const session = useContext(SessionContext);
  return session ? session.me.permissions.includes(permission) : true;
}
