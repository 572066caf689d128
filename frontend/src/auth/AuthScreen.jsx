import { useState } from 'react';
import { authenticate } from './authApi.js';
import { sessionFromToken } from './session.js';

const NAME_RULE = 'Names have 3 to 32 letters, digits, _, - or . ; passwords at least 8 characters.';

/** The first screen: sign in, or create an account, with a name and a password. */
export default function AuthScreen({ onSignedIn, notice }) {
  const [mode, setMode] = useState('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e) {
    e.preventDefault();
    setError('');
    setBusy(true);
    try {
      const { token, user } = await authenticate(mode, username.trim(), password);
      const session = sessionFromToken(token, user);
      if (!session) throw new Error('The server sent an unusable token.');
      onSignedIn(session);
    } catch (err) {
      setError(err.message);
      setBusy(false);
    }
  }

  const register = mode === 'register';
  return (
    <main className="flex min-h-full items-center justify-center bg-slate-50 p-4 dark:bg-slate-950">
      <div className="w-full max-w-sm rounded-2xl bg-white p-6 shadow-lg ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
        <h1 className="mb-1 text-2xl font-semibold">Chat</h1>
        <p className="mb-5 text-sm text-slate-500 dark:text-slate-400">
          {register ? 'Create an account to start chatting.' : 'Sign in to continue.'}
        </p>

        <div role="tablist" aria-label="Sign in or create account" className="mb-5 grid grid-cols-2 rounded-lg bg-slate-100 p-1 text-sm dark:bg-slate-800">
          {[
            ['login', 'Sign in'],
            ['register', 'Create account'],
          ].map(([m, label]) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              onClick={() => {
                setMode(m);
                setError('');
              }}
              className={`rounded-md py-1.5 font-medium transition ${
                mode === m ? 'bg-white shadow dark:bg-slate-700' : 'text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200'
              }`}
            >
              {label}
            </button>
          ))}
        </div>

        {notice && !error && (
          <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            {notice}
          </p>
        )}

        <form onSubmit={submit} className="space-y-4" aria-label={register ? 'Create account' : 'Sign in'}>
          <div>
            <label htmlFor="username" className="mb-1 block text-sm font-medium">
              Name
            </label>
            <input
              id="username"
              name="username"
              autoComplete="username"
              required
              maxLength={64}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-950"
              aria-describedby={register ? 'name-rule' : undefined}
            />
            {register && (
              <p id="name-rule" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                {NAME_RULE}
              </p>
            )}
          </div>
          <div>
            <label htmlFor="password" className="mb-1 block text-sm font-medium">
              Password
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete={register ? 'new-password' : 'current-password'}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-950"
            />
          </div>
          {error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              {error}
            </p>
          )}
          <button
            type="submit"
            disabled={busy}
            className="w-full rounded-lg bg-indigo-600 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
          >
            {busy ? 'Please wait…' : register ? 'Create account' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
