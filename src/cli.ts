import { EXIT, exitCodeFor, isKiosqueError } from './errors.js';
import { parseCommandLine, type ParsedArgs, USAGE } from './cli/args.js';
import { type CliIo, errorJson, terminalIo } from './cli/io.js';
import { stripControls } from './text/sanitize.js';
import { hideCredentials } from './text/url.js';
import { VERSION } from './version.js';

export type { CliIo } from './cli/io.js';

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  columns: process.stdout.columns || 80,
};

/** Runs one command line; returns the exit status. Never throws for a user's mistake. */
export async function main(argv: string[], rawIo: CliIo = defaultIo): Promise<number> {
  // Every line written, a bug report included, is cleaned of control sequences on its way out.
  const io = terminalIo(rawIo);
  let args: ParsedArgs | undefined;
  try {
    args = parseCommandLine(argv);
    return await run(args, io);
  } catch (error) {
    return report(error, args?.options.json ?? argv.includes('--json'), io);
  }
}

async function run({ command, options }: ParsedArgs, io: CliIo): Promise<number> {
  // Each command loads only what it needs: the reader's first frame waits for no feed writer or HTTP library.
  switch (command.name) {
    case 'help':
      io.stdout(USAGE + '\n');
      return EXIT.ok;
    case 'version':
      io.stdout(options.json ? JSON.stringify({ version: VERSION }) + '\n' : `kiosque ${VERSION}\n`);
      return EXIT.ok;
    case 'reader': {
      const { runReader } = await import('./ui/run.js');
      return runReader(command.sources, options);
    }
    default: {
      const { runCommand } = await import('./cli/commands.js');
      return runCommand(command, options, io);
    }
  }
}

function report(error: unknown, json: boolean, io: CliIo): number {
  if (isKiosqueError(error)) {
    io.stderr(json ? JSON.stringify(errorJson(error)) + '\n' : `kiosque: ${stripControls(error.message)}\n`);
    return exitCodeFor(error.code);
  }
  // A bug, not a user error: say so plainly, with the detail for a report.
  // Without the credentials of any address in it: a bug's report is pasted in public.
  const detail = hideCredentials(error instanceof Error ? (error.stack ?? error.message) : String(error));
  io.stderr(
    json
      ? JSON.stringify({ error: { code: 'INTERNAL', message: hideCredentials(String((error as Error)?.message ?? error)), url: null } }) +
          '\n'
      : `kiosque: internal error, please report it:\n${detail}\n`,
  );
  return EXIT.internal;
}
