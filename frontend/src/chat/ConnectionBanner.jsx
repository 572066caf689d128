/** A banner while the socket is not live: connecting, reconnecting, or catching up. */
export default function ConnectionBanner({ status }) {
  if (status === 'connected') return null;
  const text =
    status === 'reconnecting'
      ? 'Connection lost. Reconnecting…'
      : status === 'joining'
        ? 'Connected. Catching up…'
        : status === 'unauthorized'
          ? 'Your session is no longer valid.'
          : 'Connecting…';
  const tone =
    status === 'reconnecting' || status === 'unauthorized'
      ? 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100'
      : 'bg-sky-50 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100';
  return (
    <div role="status" data-testid="connection-banner" data-status={status} className={`px-4 py-1.5 text-center text-sm ${tone}`}>
      {text}
    </div>
  );
}
