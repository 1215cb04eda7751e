import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { CliIo } from './io.ts';

/** The real process as a CliIo. Only the entry point calls this. */
export function nodeIo(): CliIo {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinIsTty: Boolean(process.stdin.isTTY),
    stdoutIsTty: Boolean(process.stdout.isTTY),
    stderrIsTty: Boolean(process.stderr.isTTY),
    promptHidden: (question) =>
      new Promise((resolve) => {
        process.stderr.write(question);
        const rl = createInterface({ input: process.stdin, terminal: true });
        // Swallow the echo: readline writes typed characters through _writeToOutput.
        (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
        rl.question('', (answer) => {
          rl.close();
          process.stderr.write('\n');
          resolve(answer);
        });
      }),
    user: safeUser(),
  };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
