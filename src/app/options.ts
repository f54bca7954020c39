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
  /** --no-mouse: the reader asks for no mouse reports (false); unset otherwise, the settings decide. */
  mouse?: false | undefined;
  /** --color=auto|always|never: the reader's colours (NO_COLOR and FORCE_COLOR when unset or auto). */
  color?: 'auto' | 'always' | 'never' | undefined;
}
