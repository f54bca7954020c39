/** The options every command takes, as the command line parsed them; both faces read them. */
export interface GlobalOptions {
  json: boolean;
  offline: boolean;
  demo: boolean;
  cacheDir: string | undefined;
  sourcesFile: string | undefined;
  limit: number | undefined;
  timeoutMs: number | undefined;
  unread: boolean;
  /** --no-mouse: false; undefined: as the settings say (flags beat environment, environment beats files). */
  mouse: boolean | undefined;
  /** --color=auto|always|never; undefined: not given (NO_COLOR / FORCE_COLOR, then auto). */
  color: 'auto' | 'always' | 'never' | undefined;
}
