import { writeSync } from 'node:fs';

/** xterm's alternate screen (the shell's screen and scrollback are kept aside until it is left). */
const ENTER_ALT = '\u001B[?1049h';
const LEAVE_ALT = '\u001B[?1049l';
/** Button presses and the wheel (1000), reported as SGR sequences (1006): the only mouse mode asked for (see mouse.ts). */
export const MOUSE_ON = '\u001B[?1000h\u001B[?1006h';
export const MOUSE_OFF = '\u001B[?1006l\u001B[?1000l';
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';
const CLEAR_HOME = '\u001B[2J\u001B[H';

/** Signals after which the terminal must be given back before the process ends. */
const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'] as const;

export interface FullScreen {
  /** Gives the terminal back as it was (main screen, cursor shown, no mouse reports). Safe to call twice. */
  restore(): void;
  /** Runs `program` with the terminal as the shell left it (a text browser), then takes the screen back. */
  foreground<T>(program: () => T): T;
}

/**
 * The reader's screen: entered once, and left whatever ends the reader — quitting, Ctrl-C,
 * a crash (before Node prints the error, so that the error is printed on the shell's screen)
 * or a signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT: the terminal is given back, then the signal
 * ends the process as it would have). Sequences are written synchronously: on the way out of
 * a crash or at `exit` there is no later turn of the event loop to write them in.
 */
export function enterFullScreen({ mouse, fd = 1 }: { mouse: boolean; fd?: number }): FullScreen {
  const write = (text: string) => {
    try {
      writeSync(fd, text);
    } catch {
      // The terminal is gone (a hang-up): there is nothing left to give back.
    }
  };
  let active = true;
  write(ENTER_ALT + CLEAR_HOME + (mouse ? MOUSE_ON : ''));
  // Keys typed between the first paint and Ink's taking the keyboard must reach Ink as typed: in
  // the terminal's line mode an Enter would arrive as "\n" (not Enter) and be echoed. Raw from now.
  const keyboard = process.stdin.isTTY ? process.stdin : undefined;
  keyboard?.setRawMode(true);

  const leave = () => write((mouse ? MOUSE_OFF : '') + SHOW_CURSOR + LEAVE_ALT);
  const onExit = () => restore();
  const onCrash = () => restore();
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    // Then end as the signal would have: once no listener is left, its default action applies.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const restore = () => {
    if (!active) return;
    active = false;
    leave();
    try {
      keyboard?.setRawMode(false);
    } catch {
      // The terminal is gone (a hang-up).
    }
    process.off('exit', onExit);
    process.off('uncaughtExceptionMonitor', onCrash);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  process.on('exit', onExit);
  process.on('uncaughtExceptionMonitor', onCrash);
  for (const signal of SIGNALS) process.once(signal, onSignal);

  return {
    restore,
    foreground(program) {
      if (!active) return program();
      const stdin = process.stdin;
      const raw = stdin.isTTY && stdin.isRaw;
      leave();
      if (raw) stdin.setRawMode(false);
      try {
        return program();
      } finally {
        if (raw) stdin.setRawMode(true);
        // Back on a blank alternate screen: the reader's next frame is drawn whole (see useReader's notice).
        write(ENTER_ALT + CLEAR_HOME + HIDE_CURSOR + (mouse ? MOUSE_ON : ''));
      }
    },
  };
}
