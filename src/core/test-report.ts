import type { FailureClass, FailureReason } from './failures.ts';
import type { StageName, StageStatus } from './stages.ts';

// The JSON contract of a test: the CLI, the dashboard and chat render exactly this. Keep it stable.
export interface StageResult {
  name: StageName;
  status: StageStatus;
  durationMs: number;
  detail: string;
}
export interface FailureReport {
  class: FailureClass;
  reason: FailureReason;
  stage: StageName;
  message: string;
  diagnostic: string;
  checklist: string[];
}
export interface CertificateReport {
  subject: string;
  issuer: string;
  notAfter: string;
  daysLeft: number;
}
export interface TestReport {
  integration: string;
  ok: boolean;
  stages: StageResult[];
  failure: FailureReport | null;
  certificate: CertificateReport | null;
}
