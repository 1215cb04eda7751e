/** The stages of a connection test, in order (docs/architecture.md#failure-taxonomy). A failing stage skips the rest. */
export const STAGES = ['dns', 'tcp', 'tls', 'bind', 'base_dn', 'search', 'attributes', 'encoding'] as const;
export type StageName = (typeof STAGES)[number];

export type StageStatus = 'pass' | 'warn' | 'fail' | 'skipped';
