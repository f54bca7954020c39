import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * kiosque's command line run in this process, as typed: its exit status and what it printed on each stream.
 * `columns`: the width of the terminal it prints to, or 'piped' for output to a pipe or a file.
 */
export async function runCli(args: string[], columns: number | 'piped' = 80): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    columns: columns === 'piped' ? undefined : columns,
  });
  return { code, stdout, stderr };
}

/** The built command (npm run build): bin/kiosque.js and the bundle it loads. */
export const BUILT_CLI = path.resolve(import.meta.dirname, '..', '..', 'bin', 'kiosque.js');
export const isBuilt = existsSync(path.resolve(import.meta.dirname, '..', '..', 'dist', 'bundle', 'cli.js'));

export interface BuiltRunOptions {
  env?: Record<string, string | undefined>;
  /** Closes the read end of kiosque's stdout at once, as `head` does when it has read enough. */
  closeStdout?: boolean;
}

/** The built command run as a shell runs it, in a process of its own with pipes for its streams. */
export function runBuilt(args: string[], options: BuiltRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (options.closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
}
