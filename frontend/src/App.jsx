import { useCallback, useEffect, useState } from 'react';
import AuthScreen from './auth/AuthScreen.jsx';
import ChatApp from './chat/ChatApp.jsx';
import { setUnauthorizedHandler } from './api/http.js';
import { clearSession, isExpired, loadSession, saveSession } from './auth/session.js';

export default function App() {
  const [session, setSession] = useState(loadSession);
  const [notice, setNotice] = useState('');

  const signIn = useCallback((s) => {
    saveSession(s);
    setNotice('');
    setSession(s);
  }, []);

  const signOut = useCallback((message = '') => {
    clearSession();
    setNotice(message);
    setSession(null);
  }, []);

  const expired = useCallback(() => signOut('Your session has expired. Please sign in again.'), [signOut]);

  useEffect(() => {
    setUnauthorizedHandler(expired);
    if (!session?.expiresAt) return undefined;
    // Sign out when the token expires rather than failing requests one by one.
    const ms = Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(() => isExpired(session) && expired(), Math.max(ms, 0));
    return () => clearTimeout(timer);
  }, [session, expired]);

  if (!session) return <AuthScreen onSignedIn={signIn} notice={notice} />;
  return <ChatApp key={session.token} session={session} onSignOut={() => signOut()} onUnauthorized={expired} />;
}
