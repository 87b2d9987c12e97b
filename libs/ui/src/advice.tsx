import { createContext, ReactNode, useContext } from 'react';
import { ApiError } from './api';

/** What an app tells its users to do about an error, beyond the service's own message. */
export interface ErrorAdvice {
  /** 403: who may do this. */
  forbidden: string;
  /** 502/503: a service is down. */
  unavailable: string;
  /** No answer at all from the app's server. */
  unreachable: string;
}

const GENERAL_ADVICE: ErrorAdvice = {
  forbidden: 'Your role may not do this.',
  unavailable: 'A service is not answering; retry in a minute.',
  unreachable: 'The server did not answer. Check your connection, then retry.',
};

/** What to tell the user for an error: the service's message plus what to do about it. */
export function adviceFor(error: unknown, advice: ErrorAdvice = GENERAL_ADVICE): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return `${error.message}. Sign out and sign in again.`;
    if (error.status === 403) return `${error.message}. ${advice.forbidden}`;
    if (error.status === 404) return `${error.message}. It may have been removed, or it is outside your access.`;
    if (error.status === 502 || error.status === 503) return `${error.message}. ${advice.unavailable}`;
    return error.message;
  }
  return advice.unreachable;
}

const AdviceContext = createContext<ErrorAdvice>(GENERAL_ADVICE);

/** Sets the advice that ErrorState and the sign-in give below it. */
export function ErrorAdviceProvider({ advice, children }: { advice: ErrorAdvice; children: ReactNode }) {
  return <AdviceContext.Provider value={advice}>{children}</AdviceContext.Provider>;
}

/** The app's advice for an error, as a function of the error. */
export function useAdvice(): (error: unknown) => string {
  const advice = useContext(AdviceContext);
  return (error) => adviceFor(error, advice);
}
