import { useEffect, useState } from 'react';

/** The view named by the URL hash ('#/analytics' -> 'analytics'; anything else -> 'chat'). */
export function useHashRoute() {
  const read = () => (window.location.hash === '#/analytics' ? 'analytics' : 'chat');
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route) {
  window.location.hash = route === 'analytics' ? '#/analytics' : '#/';
}
