import type { Ask, ReaderState } from './types.js';

/** Leaves a request in state for the hooks to carry out (in order, once). */
export function ask(state: ReaderState, request: Ask): ReaderState {
  return { ...state, requests: [...state.requests, { ...request, id: state.nextRequestId }], nextRequestId: state.nextRequestId + 1 };
}
