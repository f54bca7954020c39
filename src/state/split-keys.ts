import type { KeyPress } from './keymap.js';

/**
 * The keys in one write from the terminal. Ink hands a write of several keys over as one
 * string when no escape sequence separates them ("jq", or "j\r" from `tmux send-keys j Enter`):
 * each character is a key of its own, and the control characters among them are the keys they
 * stand for (Enter, Tab, Backspace, Ctrl-letter), never dropped as text.
 */
export function splitKeys(input: string): Array<{ input: string; key: KeyPress }> {
  return [...input].map((char) => {
    switch (char) {
      case '\r':
      case '\n':
        return { input: '', key: { return: true } };
      case '\t':
        return { input: '', key: { tab: true } };
      case '\u007f':
      case '\b':
        return { input: '', key: { backspace: true } };
      default: {
        const code = char.charCodeAt(0);
        // Ctrl-A … Ctrl-Z arrive as 1 … 26.
        if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ctrl: true } };
        return { input: char, key: {} };
      }
    }
  });
}
