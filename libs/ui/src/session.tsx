import { createContext, ReactNode, useContext, useState } from 'react';
import type { SessionUser } from './service-views';

export interface Session {
  /** Kept in memory only: a reload signs the user out, and nothing lands in browser storage. */
  token: string;
  user: SessionUser;
}

interface SessionContextValue {
  session: Session | null;
  signIn: (session: Session) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children, initial = null }: { children: ReactNode; initial?: Session | null }) {
  const [session, setSession] = useState<Session | null>(initial);
  return <SessionContext.Provider value={{ session, signIn: setSession, signOut: () => setSession(null) }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The token of the signed-in user (views are only shown to a signed-in user). */
export function useToken(): string {
  const { session } = useSession();
  if (!session) throw new Error('no session');
  return session.token;
}
