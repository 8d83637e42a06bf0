// In dist/: validators-iqchannels.js, generated at build time (see from-source.ts).
import { validatorFromSource } from './from-source';

export const validate = validatorFromSource('iqchannels');
