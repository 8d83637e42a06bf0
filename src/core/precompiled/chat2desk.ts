// In dist/: validators-chat2desk.js, generated at build time (see from-source.ts).
import { validatorFromSource } from './from-source';

export const validate = validatorFromSource('chat2desk');
