/**
 * How the screen is styled: whether it may use colour, which colour each part of the
 * screen takes (the theme), and whether links are drawn as clickable OSC 8 hyperlinks.
 * Decided once when the reader starts (see options.ts) and read by src/ui/Text.tsx, the
 * one place where a colour name reaches Ink, and by the first paint (first-paint.ts).
 * No Ink and no React here: the first paint draws before either is loaded.
 */

/** The parts of the screen a colour is given to; components name these, never a colour. */
export const THEME_ROLES = ['title', 'meta', 'link', 'mark', 'error', 'cursor', 'notice', 'quote', 'accent'] as const;
export type ThemeRole = (typeof THEME_ROLES)[number];

/** A named colour (or none: the terminal's own) per part of the screen. */
export type Theme = Record<ThemeRole, NamedColour | undefined>;

/** The colours every terminal names the same way (the 16 of ECMA-48 and aixterm), as Ink and the settings spell them. */
export const NAMED_COLOURS = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
  grey: 90,
  blackBright: 90,
  redBright: 91,
  greenBright: 92,
  yellowBright: 93,
  blueBright: 94,
  magentaBright: 95,
  cyanBright: 96,
  whiteBright: 97,
} as const;
export type NamedColour = keyof typeof NAMED_COLOURS;

export function isNamedColour(value: unknown): value is NamedColour {
  return typeof value === 'string' && Object.hasOwn(NAMED_COLOURS, value);
}

/** The reader's colours as they always were: the theme a setting changes part by part. */
export const DEFAULT_THEME: Theme = {
  title: 'yellow',
  // Meta lines (byline, date, the list's source and time) are dim, not coloured, unless the theme says otherwise.
  meta: undefined,
  link: 'cyan',
  mark: 'magenta',
  error: 'red',
  cursor: 'cyan',
  notice: 'yellow',
  quote: 'gray',
  accent: 'cyan',
};

/** What the screen may do, decided once at start; the defaults are those of tests (ink-testing-library) and pipes. */
export interface ScreenStyle {
  /** False under NO_COLOR, --color=never, TERM=dumb or a pipe (see options.ts): no colour at all, bold and dim stay. */
  colour: boolean;
  theme: Theme;
  /** Links drawn as OSC 8 hyperlinks: only on a terminal that is a TTY and not TERM=dumb (see options.ts). */
  hyperlinks: boolean;
}

export const DEFAULT_SCREEN_STYLE: ScreenStyle = { colour: true, theme: DEFAULT_THEME, hyperlinks: false };

/** The colour a part of the screen is drawn in, or none. */
export function colourOf(style: ScreenStyle, role: ThemeRole | undefined): NamedColour | undefined {
  return style.colour && role ? style.theme[role] : undefined;
}

/** A theme from the settings' names: a part given an unknown name keeps its default colour (the settings say which are known). */
export function themeFrom(named: Partial<Record<string, unknown>> | undefined): Theme {
  const theme = { ...DEFAULT_THEME };
  for (const role of THEME_ROLES) {
    const value = named?.[role];
    if (value === 'none' || value === 'default') theme[role] = undefined;
    else if (isNamedColour(value)) theme[role] = value;
  }
  return theme;
}

/** SGR sequences for the first paint, which draws before Ink (and its chalk) is loaded. */
export const SGR = {
  reset: '\u001B[0m',
  bold: '\u001B[1m',
  dim: '\u001B[2m',
  fg: (colour: NamedColour | undefined) => (colour ? `\u001B[${NAMED_COLOURS[colour]}m` : ''),
};
