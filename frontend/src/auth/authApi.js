import { ApiError, api } from '../api/http.js';

/**
 * Registers or signs in. Resolves to `{ token, user }`; rejects with an Error whose message is
 * ready to show.
 * @param {'login' | 'register'} mode
 */
export async function authenticate(mode, username, password) {
  try {
    return await api(`/api/auth/${mode}`, { method: 'POST', body: { username, password } });
  } catch (e) {
    throw new Error(authErrorMessage(e, mode));
  }
}

/** The message for a failed sign-in or registration. */
export function authErrorMessage(e, mode) {
  if (!(e instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (e.status) {
    case 409:
      return 'That name is already taken. Choose another one, or sign in if it is yours.';
    case 401:
      return mode === 'login' ? 'Wrong name or password.' : 'Not allowed.';
    case 429:
      return e.retryAfter != null
        ? `Too many attempts. Try again in ${e.retryAfter} s.`
        : 'Too many attempts. Try again in a moment.';
    case 400:
      return e.message || 'Invalid name or password.';
    case 0:
      return e.message;
    default:
      return 'The server could not complete the request. Please try again.';
  }
}
