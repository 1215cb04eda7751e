import type { Placeholder } from '../../core/command-grammar.ts';
import { ROLES } from '../../core/roles.ts';

/** The arguments several commands take, worded once for every face's usage and help. */
export const NAME: Placeholder = { key: 'name', name: 'name', what: 'an integration name', example: 'corp-ad' };
export const REQUEST_ID: Placeholder = { key: 'id', name: 'id', what: 'a request id', example: '12' };
export const PERSON: Placeholder = { key: 'identity', name: 'who', what: 'a person (an @mention, or slack:<id>, teams:<id>, web:<login>)', example: 'web:alice', identity: true };
export const ROLE: Placeholder = { key: 'role', name: 'role', what: 'a role', example: 'operator', oneOf: ROLES };
export const LOGIN: Placeholder = { key: 'login', name: 'login', what: 'a dashboard login', example: 'alice' };

/** Free text after the other words in chat (`disable corp-old migrated`), `--<key> TEXT` on the CLI. */
export const rest = (key: string, what: string): Placeholder => ({ key, name: key, what, example: 'migrated to corp-ad', optional: true, rest: true });
