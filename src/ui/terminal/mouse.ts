/**
 * Mouse reports as the terminal sends them in SGR mode (alt-screen.ts asks for modes 1000 and
 * 1006): ESC [ < button ; column ; row M for a press, m for a release. Ink hands each sequence
 * to the input handler as one piece, without its ESC; App.tsx asks this module first, so that
 * a report never reaches the key table (its digits and its final M would be keys).
 */
export type MouseReport =
  /** The wheel, one notch: down (1) or up (-1). */
  | { kind: 'wheel'; delta: 1 | -1; x: number; y: number }
  /** The left button pressed at a cell (1-based column and row of the screen). */
  | { kind: 'click'; x: number; y: number };

const SGR_REPORT = /^\u001B?\[<(\d{1,4});(\d{1,5});(\d{1,5})([Mm])$/;
/** The legacy (X10) report's introducer, followed by three raw bytes: sent by a terminal without SGR mode. */
const X10_REPORT = /^\u001B?\[M/;

const WHEEL = 64;
const MOTION = 32;

/**
 * Reads one input piece as a mouse report: the report, `ignored` for a report the reader has no
 * use for (a release, a drag, the middle or right button, a horizontal wheel, a legacy report),
 * or undefined when it is not a mouse report at all (a key).
 */
export class MouseDecoder {
  /** Raw bytes of a legacy report still to be dropped, when they come as a piece of their own. */
  private legacyBytes = 0;

  decode(input: string): MouseReport | 'ignored' | undefined {
    if (this.legacyBytes > 0) {
      const dropped = Math.min(this.legacyBytes, [...input].length);
      this.legacyBytes -= dropped;
      return 'ignored';
    }
    const match = SGR_REPORT.exec(input);
    if (!match) {
      if (X10_REPORT.test(input)) {
        // The three bytes follow in this piece or the next one.
        this.legacyBytes = Math.max(0, 3 - [...input.replace(X10_REPORT, '')].length);
        return 'ignored';
      }
      return undefined;
    }
    const button = Number(match[1]);
    const x = Number(match[2]);
    const y = Number(match[3]);
    const pressed = match[4] === 'M';
    if (!pressed || button & MOTION) return 'ignored';
    if (button & WHEEL) {
      const which = button & 3;
      return which === 0 ? { kind: 'wheel', delta: -1, x, y } : which === 1 ? { kind: 'wheel', delta: 1, x, y } : 'ignored';
    }
    // The left button, without a modifier (Shift is the terminal's own, for selecting text).
    return (button & 0b11111) === 0 ? { kind: 'click', x, y } : 'ignored';
  }
}
