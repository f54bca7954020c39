import { REMAPPABLE } from '../state/keymap.js';
import { SETTING_NAMES, THEME_COLOURS } from '../store/settings.js';
import { COLOR_MODES, COMMANDS, OPTIONS, type Shell } from './args.js';

/**
 * `kiosque completion bash | zsh | fish`: a completion script, written from the command line's
 * own tables (args.ts), so that a new command or flag is completed without touching this file.
 * The configured sources' addresses (for `sources remove` and `rename`) are asked of kiosque
 * itself at each completion (`kiosque completion sources`), so they are never out of date.
 */

const ABOUT: Record<string, string> = {
  headlines: 'headlines, newest first',
  read: 'an article as text',
  saved: 'the articles you saved',
  sources: 'list, add, remove, rename, import, export sources',
  cache: 'where the cache is; empty it',
  config: 'the settings in config.json',
  completion: 'a completion script for the shell',
  help: 'the help',
};

/** Options that take a value, and what value. */
const VALUE_OF: Record<string, 'file' | 'dir' | 'none' | readonly string[]> = {
  '--sources': 'file',
  '--cache-dir': 'dir',
  '--limit': 'none',
  '--timeout': 'none',
  '--pick': 'none',
  '--color': COLOR_MODES,
};

const longOptions = () => Object.keys(OPTIONS).map((name) => `--${name}`);
const settingKeys = () => [...SETTING_NAMES, ...REMAPPABLE.map((command) => `keys.${command}`)];
const words = (list: readonly string[]) => list.join(' ');

export function completionScript(shell: Shell): string {
  switch (shell) {
    case 'bash':
      return bash();
    case 'zsh':
      return zsh();
    case 'fish':
      return fish();
  }
}

function bash(): string {
  const withValue = Object.keys(VALUE_OF).join('|');
  const actions = Object.entries(COMMANDS)
    .filter(([, list]) => list.length)
    .map(([command, list]) => `      ${command}) candidates="${words(list)}" ;;`)
    .join('\n');
  return `# kiosque completion for bash. Load it with:  eval "$(kiosque completion bash)"  (in ~/.bashrc)
_kiosque() {
  # The line up to the cursor, split at spaces: bash would also split a URL at its colons.
  local line=\${COMP_LINE:0:COMP_POINT}
  local -a words
  read -r -a words <<<"$line"
  local cur=""
  if [[ $line != *[[:space:]] ]]; then
    cur=\${words[\${#words[@]}-1]}
    unset 'words[\${#words[@]}-1]'
  fi
  local prev=\${words[\${#words[@]}-1]}
  local -a pos=()
  local i skip=0
  for ((i = 1; i < \${#words[@]}; i++)); do
    if ((skip)); then skip=0; continue; fi
    case \${words[i]} in
      ${withValue}) skip=1 ;;
      --*=* | -*) ;;
      *) pos+=("\${words[i]}") ;;
    esac
  done
  local candidates=""
  case $prev in
    --sources) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --cache-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --limit | --timeout | --pick) return ;;
    --color) candidates="${words(COLOR_MODES)}" ;;
  esac
  if [[ -z $candidates && $cur == -* ]]; then
    candidates="${words([...longOptions(), '-h', '-v'])}"
  elif [[ -z $candidates ]]; then
    case \${#pos[@]}:\${pos[0]}:\${pos[1]} in
      0:*) candidates="${words(Object.keys(COMMANDS))}" ;;
      1:*)
        case \${pos[0]} in
${actions}
        esac
        ;;
      2:sources:remove | 2:sources:rename) candidates=$("\${words[0]}" completion sources 2>/dev/null) ;;
      2:sources:import | 2:sources:export) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      2:config:get | 2:config:set | 2:config:unset) candidates="${words(settingKeys())}" ;;
      3:config:set)
        case \${pos[2]} in
          theme.*) candidates="${words(THEME_COLOURS)}" ;;
          mouse) candidates="true false" ;;
        esac
        ;;
    esac
  fi
  COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
  # bash replaces only what follows the last colon of the word (COMP_WORDBREAKS): so do the candidates.
  if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
    local colon_prefix=\${cur%"\${cur##*:}"}
    for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]=\${COMPREPLY[i]#"$colon_prefix"}; done
  fi
}
complete -F _kiosque kiosque
`;
}

function zsh(): string {
  const withValue = Object.keys(VALUE_OF).join('|');
  const commands = Object.keys(COMMANDS)
    .map((command) => `'${command}:${ABOUT[command] ?? command}'`)
    .join(' ');
  const actions = Object.entries(COMMANDS)
    .filter(([, list]) => list.length)
    .map(([command, list]) => `        (${command}) compadd -- ${words(list)} ;;`)
    .join('\n');
  return `#compdef kiosque
# kiosque completion for zsh. Load it with:  eval "$(kiosque completion zsh)"  (in ~/.zshrc, after compinit),
# or save it as _kiosque in a folder of $fpath.
_kiosque() {
  local -a pos commands
  local i skip=0
  for ((i = 2; i < CURRENT; i++)); do
    if ((skip)); then skip=0; continue; fi
    case \${words[i]} in
      (${withValue}) skip=1 ;;
      (-*) ;;
      (*) pos+=("\${words[i]}") ;;
    esac
  done
  local prev=\${words[CURRENT-1]} cur=\${words[CURRENT]}
  case $prev in
    (--sources) _files; return ;;
    (--cache-dir) _files -/; return ;;
    (--limit|--timeout|--pick) return ;;
    (--color) compadd -- ${words(COLOR_MODES)}; return ;;
  esac
  if [[ $cur == -* ]]; then
    compadd -- ${words([...longOptions(), '-h', '-v'])}
    return
  fi
  case \${#pos}:\${pos[1]}:\${pos[2]} in
    (0:*)
      commands=(${commands})
      _describe command commands
      ;;
    (1:*)
      case \${pos[1]} in
${actions}
      esac
      ;;
    (2:sources:remove|2:sources:rename) compadd -- \${(f)"$(\${words[1]} completion sources 2>/dev/null)"} ;;
    (2:sources:import|2:sources:export) _files ;;
    (2:config:get|2:config:set|2:config:unset) compadd -- ${words(settingKeys())} ;;
    (3:config:set)
      case \${pos[3]} in
        (theme.*) compadd -- ${words(THEME_COLOURS)} ;;
        (mouse) compadd -- true false ;;
      esac
      ;;
  esac
}
if [[ \${funcstack[1]} == _kiosque ]]; then _kiosque "$@"; else compdef _kiosque kiosque; fi
`;
}

function fish(): string {
  const lines = [
    '# kiosque completion for fish. Load it with:  kiosque completion fish > ~/.config/fish/completions/kiosque.fish',
    'complete -c kiosque -f',
  ];
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  for (const command of Object.keys(COMMANDS)) {
    lines.push(`complete -c kiosque -n __fish_use_subcommand -a ${command} -d ${quote(ABOUT[command] ?? command)}`);
  }
  for (const [command, list] of Object.entries(COMMANDS)) {
    if (!list.length) continue;
    lines.push(
      `complete -c kiosque -n ${quote(`__fish_seen_subcommand_from ${command}; and not __fish_seen_subcommand_from ${words(list)}`)} -a ${quote(words(list))}`,
    );
  }
  lines.push(
    `complete -c kiosque -n ${quote('__fish_seen_subcommand_from sources; and __fish_seen_subcommand_from remove rename')} -a ${quote('(kiosque completion sources 2>/dev/null)')}`,
    `complete -c kiosque -n ${quote('__fish_seen_subcommand_from sources; and __fish_seen_subcommand_from import export')} -F`,
    `complete -c kiosque -n ${quote(`__fish_seen_subcommand_from config; and __fish_seen_subcommand_from get set unset; and not __fish_seen_subcommand_from ${words(settingKeys())}`)} -a ${quote(words(settingKeys()))}`,
    `complete -c kiosque -n ${quote(`__fish_seen_subcommand_from set; and __fish_seen_subcommand_from ${words(SETTING_NAMES.filter((name) => name.startsWith('theme.')))}`)} -a ${quote(words(THEME_COLOURS))}`,
    `complete -c kiosque -n ${quote('__fish_seen_subcommand_from set; and __fish_seen_subcommand_from mouse')} -a ${quote('true false')}`,
  );
  for (const [name, option] of Object.entries(OPTIONS)) {
    const short = 'short' in option ? ` -s ${option.short}` : '';
    const value = VALUE_OF[`--${name}`];
    const takes =
      value === 'file' ? ' -r -F' : value === 'dir' ? ` -r -a ${quote('(__fish_complete_directories)')}` : value === 'none' ? ' -x' : '';
    const choices = Array.isArray(value) ? ` -x -a ${quote(words(value))}` : '';
    lines.push(`complete -c kiosque -l ${name}${short}${takes}${choices}`);
  }
  return lines.join('\n') + '\n';
}
