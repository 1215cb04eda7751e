import type { StageResult } from './connection-test.ts';

/** What long-running commands report while they work. */
export type ProgressEvent =
  | { type: 'test.stage'; integration: string; stage: StageResult }
  | { type: 'sync.progress'; integration: string; runId: number; phase: 'connecting' | 'users' | 'groups' | 'applying'; entriesRead: number };
