import { EXIT, exitCodeFor, isKiosqueError } from './errors.js';
import { parseCommandLine, type ParsedArgs } from './cli/args.js';
import { type CleanIo, type CliIo, errorJson, terminalIo } from './cli/io.js';
import { stripControls } from './text/sanitize.js';
import { hideCredentials } from './text/url.js';
import { VERSION } from './version.js';

export type { CliIo } from './cli/io.js';

/**
 * The process's own streams. A closed pipe (`kiosque headlines | head -1`) ends kiosque at once,
 * quietly, with status 0: the program reading the output has all it wanted. Text is wrapped
 * only for a terminal; choosing among items is offered only when both ends are one.
 */
function processIo(): CliIo {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
      throw error;
    });
  }
  const terminal = process.stdout.isTTY && process.stdin.isTTY;
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    columns: process.stdout.isTTY ? process.stdout.columns || 80 : undefined,
    ...(terminal ? { choose: async (question, items) => (await import('./ui/choose.js')).chooseOne(question, items) } : {}),
  };
}

/** Runs one command line; returns the exit status. Never throws for a user's mistake. */
export async function main(argv: string[], rawIo: CliIo = processIo()): Promise<number> {
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

async function run({ command, options }: ParsedArgs, io: CleanIo): Promise<number> {
  // Each command loads only what it needs: the reader's first frame waits for no feed writer or HTTP library.
  switch (command.name) {
    case 'help': {
      const { helpText } = await import('./cli/help.js');
      const { text, problems } = helpText({ cacheDir: options.cacheDir });
      for (const problem of problems) io.stderr(`kiosque: ${problem}\n`);
      io.stdout(text);
      return EXIT.ok;
    }
    case 'version':
      io.stdout(options.json ? JSON.stringify({ version: VERSION }) + '\n' : `kiosque ${VERSION}\n`);
      return EXIT.ok;
    case 'reader': {
      // The list left last time, painted before the reader loads the rest (it draws over it when it comes).
      const { paintKeptList } = await import('./ui/terminal/kept-paint.js');
      const painted = paintKeptList(command.sources, options);
      const { runReader } = await import('./ui/run.js');
      return runReader(command.sources, options, painted);
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
