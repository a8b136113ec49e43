import { api } from '../api/client';
import { createSourceLookup } from './sourceLookup';

/** The note's sources, looked up through the contract (see sourceLookup.ts). */
export const fetchSource = createSourceLookup((input) => api.getSource(input));
