import { createContext, useContext } from 'react';
import type { Me } from '../../src/api/contract.js';

export interface Session {
  me: Me;
  logout: () => void;
}
export const SessionContext = createContext<Session | null>(null);
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}
