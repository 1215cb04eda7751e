/** The stages of a connection test, in order (docs/architecture.md#failure-taxonomy). A failing stage skips the rest. */
export const STAGES = ['dns', 'tcp', 'tls', 'bind', 'base_dn', 'search', 'attributes', 'encoding'] as const;
/** API kinds: a token instead of a bind, one read instead of base DN and search; JSON is UTF-8 by definition. */
export const API_STAGES = ['dns', 'tcp', 'tls', 'token', 'read', 'attributes'] as const;
export type StageName = (typeof STAGES)[number] | (typeof API_STAGES)[number];

export type StageStatus = 'pass' | 'warn' | 'fail' | 'skipped';
