// A minimal external store (getState / dispatch / subscribe) so the chat state lives outside
// React: the socket layer dispatches into it and React reads it with useSyncExternalStore.

export function createStore(reducer, initialState) {
  let state = initialState;
  const listeners = new Set();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next !== state) {
        state = next;
        for (const l of listeners) l();
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
