import { main } from '../../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** kiosque's command line run in this process, as typed: its exit status and what it printed on each stream. */
export async function runCli(args: string[], columns = 80): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), columns });
  return { code, stdout, stderr };
}
