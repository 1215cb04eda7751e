/** What the CLI touches of its process, injected so tests can run it in-process. */
export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for --password-stdin). */
  readStdin: () => Promise<string>;
  stdinIsTty: boolean;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  /** Prompts on the terminal without echoing what is typed. */
  promptHidden?: (question: string) => Promise<string>;
  /** OS user name, for the default actor `cli:<user>`. */
  user: string;
}

export class UsageError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}
