/** The key flags the table looks at (a subset of Ink's Key, so this module needs no Ink). */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  home?: boolean;
  end?: boolean;
  tab?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

/** What has the keyboard: decides which rows of the table apply. */
export type Focus = 'list' | 'filter' | 'article' | 'help' | 'links';

export type Command =
  | 'down'
  | 'up'
  | 'pageDown'
  | 'pageUp'
  | 'top'
  | 'bottom'
  | 'open'
  | 'back'
  | 'forward'
  | 'quit'
  | 'forceQuit'
  | 'help'
  | 'links'
  | 'next'
  | 'previous'
  | 'filter'
  | 'reload'
  | 'browser'
  | 'close'
  | 'toggleRead'
  | 'markSourceRead'
  | 'toggleSaved'
  | 'sourcesView'
  | 'savedView'
  | 'addSite'
  | 'nextHeadline'
  | 'previousHeadline'
  | 'nextUnread'
  | 'searchNext'
  | 'failuresView'
  | 'image'
  | { related: number };

type KeyName = Exclude<keyof KeyPress, 'ctrl' | 'meta'>;

interface Binding {
  /** Characters typed (e.g. "j") or named keys (e.g. "downArrow"). */
  chars?: string[];
  keys?: KeyName[];
  ctrl?: string;
  focus: Focus[];
  command: Command;
  /** Shown by "?"; rows without it are aliases. */
  help?: { keys: string; what: string };
}

const READING: Focus[] = ['article'];
const BROWSING: Focus[] = ['list', 'article'];

/** The one table of key bindings. The help screen is generated from it. */
export const BINDINGS: Binding[] = [
  {
    chars: ['j'],
    keys: ['downArrow'],
    focus: BROWSING,
    command: 'down',
    help: { keys: 'j ↓', what: 'next headline / scroll down' },
  },
  { chars: ['k'], keys: ['upArrow'], focus: BROWSING, command: 'up', help: { keys: 'k ↑', what: 'previous headline / scroll up' } },
  { chars: [' '], keys: ['pageDown'], focus: BROWSING, command: 'pageDown', help: { keys: 'space PgDn', what: 'page down' } },
  { chars: ['b'], keys: ['pageUp'], focus: BROWSING, command: 'pageUp', help: { keys: 'b PgUp', what: 'page up' } },
  { chars: ['g'], keys: ['home'], focus: BROWSING, command: 'top', help: { keys: 'g', what: 'to the top' } },
  { chars: ['G'], keys: ['end'], focus: BROWSING, command: 'bottom', help: { keys: 'G', what: 'to the end' } },
  { keys: ['return'], focus: ['list'], command: 'open', help: { keys: 'Enter', what: 'open the headline' } },
  { chars: ['/'], focus: BROWSING, command: 'filter', help: { keys: '/', what: 'filter headlines / search article' } },
  { chars: ['N'], focus: READING, command: 'searchNext', help: { keys: 'N', what: 'next match of the search' } },
  { chars: ['R'], focus: ['list'], command: 'reload', help: { keys: 'R', what: 'reload the sources' } },
  {
    chars: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    focus: READING,
    command: { related: 0 },
    help: { keys: '1-9', what: 'open related link [n] (Lire aussi)' },
  },
  { chars: ['l'], focus: READING, command: 'links', help: { keys: 'l', what: 'list every link of the article' } },
  { chars: ['J'], focus: BROWSING, command: 'nextHeadline', help: { keys: 'J', what: 'next headline, from an article too' } },
  { chars: ['K'], focus: BROWSING, command: 'previousHeadline', help: { keys: 'K', what: 'previous headline' } },
  { chars: ['u'], focus: BROWSING, command: 'nextUnread', help: { keys: 'u', what: 'next unread headline' } },
  { chars: ['n'], focus: READING, command: 'next', help: { keys: 'n', what: 'next article of the site' } },
  { chars: ['p'], focus: READING, command: 'previous', help: { keys: 'p', what: 'previous article of the site' } },
  {
    chars: ['h'],
    keys: ['backspace', 'delete', 'leftArrow'],
    focus: BROWSING,
    command: 'back',
    help: { keys: 'h ← Backspace', what: 'back' },
  },
  { chars: ['L'], keys: ['rightArrow'], focus: BROWSING, command: 'forward', help: { keys: 'L →', what: 'forward' } },
  { chars: ['m'], focus: BROWSING, command: 'toggleRead', help: { keys: 'm', what: 'mark read / unread' } },
  { chars: ['M'], focus: ['list'], command: 'markSourceRead', help: { keys: 'M', what: 'mark the whole source read' } },
  { chars: ['s'], focus: BROWSING, command: 'toggleSaved', help: { keys: 's', what: 'save / unsave (readable offline)' } },
  { chars: ['v'], focus: BROWSING, command: 'savedView', help: { keys: 'v', what: 'saved articles' } },
  { chars: ['S'], keys: ['tab'], focus: BROWSING, command: 'sourcesView', help: { keys: 'S Tab', what: 'sources, one at a time' } },
  { chars: ['E'], focus: ['list'], command: 'failuresView', help: { keys: 'E', what: 'sources that failed, and why' } },
  { chars: ['a'], focus: READING, command: 'addSite', help: { keys: 'a', what: "add the article's site to sources" } },
  { chars: ['o'], focus: ['list', 'article'], command: 'browser', help: { keys: 'o', what: 'open in the web browser' } },
  { chars: ['i'], focus: READING, command: 'image', help: { keys: 'i', what: 'open the image in view' } },
  { chars: ['?'], focus: ['list', 'article', 'help'], command: 'help', help: { keys: '?', what: 'this help' } },
  { chars: ['q'], focus: BROWSING, command: 'quit', help: { keys: 'q Esc', what: 'back to the headlines / quit' } },
  { keys: ['escape'], focus: READING, command: 'quit' },
  { keys: ['escape'], focus: ['list'], command: 'close' },
  {
    ctrl: 'c',
    focus: ['list', 'article', 'help', 'links', 'filter'],
    command: 'forceQuit',
    help: { keys: 'Ctrl-C', what: 'quit at once' },
  },
  { keys: ['escape'], chars: ['q'], focus: ['help', 'links'], command: 'close' },
  { chars: ['j'], keys: ['downArrow'], focus: ['links', 'help'], command: 'down' },
  { chars: ['k'], keys: ['upArrow'], focus: ['links', 'help'], command: 'up' },
  { keys: ['return'], focus: ['links'], command: 'open' },
  { chars: ['l'], focus: ['links'], command: 'close' },
  { chars: ['o'], focus: ['links'], command: 'browser' },
];

/** How many rows the help shows (the keys with a line of their own). */
export function helpRowCount(): number {
  return BINDINGS.filter((binding) => binding.help).length;
}

/** The command for a key press in a focus, if any. Filter typing is handled as text, not here. */
export function commandFor(focus: Focus, input: string, key: KeyPress): Command | undefined {
  for (const binding of BINDINGS) {
    if (!binding.focus.includes(focus)) continue;
    if (binding.ctrl) {
      if (key.ctrl && input === binding.ctrl) return binding.command;
      continue;
    }
    // Terminals report a lone Esc with the meta flag set: named keys ignore it.
    if (binding.keys?.some((name) => key[name])) return binding.command;
    if (key.ctrl || key.meta) continue;
    if (input && binding.chars?.includes(input)) {
      return typeof binding.command === 'object' ? { related: Number(input) - 1 } : binding.command;
    }
  }
  return undefined;
}

/** Where the status line reminds the reader of the main keys. */
export type HintPlace = 'list' | 'source' | 'saved' | 'sources' | 'failures' | 'article';

/** The main commands of each place, with the word the status line says for each; their keys come from the table. */
const HINTS: Record<HintPlace, Array<[Command, string]>> = {
  list: [
    ['open', 'open'],
    ['filter', 'filter'],
    ['toggleRead', 'read'],
    ['toggleSaved', 'save'],
    ['sourcesView', 'sources'],
    ['savedView', 'saved'],
    ['help', 'help'],
    ['quit', 'quit'],
  ],
  source: [
    ['open', 'open'],
    ['markSourceRead', 'all read'],
    ['toggleRead', 'read'],
    ['toggleSaved', 'save'],
    ['back', 'back'],
    ['help', 'help'],
  ],
  saved: [
    ['open', 'open'],
    ['toggleSaved', 'unsave'],
    ['back', 'back'],
    ['help', 'help'],
  ],
  sources: [
    ['open', 'browse'],
    ['markSourceRead', 'all read'],
    ['back', 'back'],
    ['help', 'help'],
  ],
  failures: [
    ['open', 'browse what it kept'],
    ['back', 'back'],
    ['help', 'help'],
  ],
  article: [
    ['quit', 'list'],
    ['nextHeadline', 'next headline'],
    ['filter', 'search'],
    ['help', 'help'],
    ['back', 'back'],
  ],
};

/** The key a command is known by: the first one its row of the table shows in the help. */
function keyOf(command: Command): string {
  const binding = BINDINGS.find((candidate) => candidate.help && candidate.command === command);
  return binding?.help?.keys.split(' ')[0] ?? '';
}

/** "Enter open · / filter · …": the status line's reminder where the reader is. */
export function keyHints(place: HintPlace): string {
  return HINTS[place]
    .flatMap(([command, what]) => {
      // A command the reader's own bindings left without a key has no hint.
      const key = keyOf(command);
      return key ? [`${key} ${what}`] : [];
    })
    .join(' · ');
}

// --- The reader's own bindings (settings `keys`) ----------------------------------------

/** The table as written here, before the reader's own bindings were applied to BINDINGS. */
const TABLE: readonly Binding[] = BINDINGS.map((binding) => ({ ...binding }));

/** The commands the settings may give characters to: every named command but Ctrl-C's (the digits of related links stay). */
export const REMAPPABLE: readonly string[] = [
  ...new Set(TABLE.flatMap((binding) => (typeof binding.command === 'string' && !binding.ctrl ? [binding.command] : []))),
];

/** How a character is shown in the help ("space" for the space bar). */
const shownChar = (char: string) => (char === ' ' ? 'space' : char);

/**
 * Applies the reader's own bindings (config.json `keys`: a command → its characters) to the
 * one table, in place, so that every reader of BINDINGS (the keys, the help, the status line,
 * `kiosque --help`) has them. A command's characters replace the table's in every row of that
 * command; its named keys (arrows, Enter, Tab) stay. A character given to one command is taken
 * from any other command where both apply. Calling it again starts from the table as written
 * (`{}` puts it back). Returns what could not be applied, one sentence each.
 */
export function applyKeyBindings(user: Readonly<Record<string, readonly string[]>>): string[] {
  const problems: string[] = [];
  const wanted = new Map<string, readonly string[]>();
  for (const [name, chars] of Object.entries(user)) {
    if (REMAPPABLE.includes(name)) wanted.set(name, chars);
    else problems.push(`keys.${name}: the reader has no command "${name}" (commands: ${REMAPPABLE.join(', ')}).`);
  }
  const focusesOf = (command: string) => TABLE.filter((binding) => binding.command === command).flatMap((binding) => binding.focus);
  /** Where a character has been given to a command other than `command`. */
  const takenIn = (char: string, command: Command) =>
    [...wanted].flatMap(([other, taken]) => (other !== command && taken.includes(char) ? focusesOf(other) : []));
  const rows = TABLE.flatMap((binding): Binding[] => {
    const mine = typeof binding.command === 'string' ? wanted.get(binding.command) : undefined;
    const chars = mine ? [...mine] : binding.chars?.filter((char) => takenIn(char, binding.command).length === 0);
    // A character taken only where the other command applies still works where it does not (an alias row there).
    const aliases = mine
      ? []
      : (binding.chars ?? []).flatMap((char) => {
          const taken = takenIn(char, binding.command);
          const left = binding.focus.filter((focus) => !taken.includes(focus));
          return taken.length && left.length ? [{ chars: [char], focus: left, command: binding.command }] : [];
        });
    if (!binding.help || chars === binding.chars || (binding.chars && chars && chars.join() === binding.chars.join())) {
      return [{ ...binding, ...(chars ? { chars } : {}) }, ...aliases];
    }
    // The help's words for the row: its named keys as written ("← Backspace"), after the characters it has now.
    const oldChars = new Set((binding.chars ?? []).map(shownChar));
    const named = binding.help.keys.split(' ').filter((token) => !oldChars.has(token));
    const keys = [...(chars ?? []).map(shownChar), ...named].join(' ');
    // A command left with no key at all is out of the help (and of the status line's hints).
    const { help, ...rest } = binding;
    return [keys ? { ...rest, chars: chars ?? [], help: { ...help, keys } } : { ...rest, chars: chars ?? [] }, ...aliases];
  });
  BINDINGS.splice(0, BINDINGS.length, ...rows);
  return problems;
}
