import envPaths from 'env-paths';

/** XDG paths on Linux (and the platform's own elsewhere), overridable for tests and scripts. */
const paths = envPaths('kiosque', { suffix: '' });

export function cacheDir(override?: string): string {
  return override ?? process.env['KIOSQUE_CACHE_DIR'] ?? paths.cache;
}

export function configDir(): string {
  return process.env['KIOSQUE_CONFIG_DIR'] ?? paths.config;
}

/** Read marks, saved articles and reading positions: the reader's own data, not a cache. */
export function dataDir(): string {
  return process.env['KIOSQUE_DATA_DIR'] ?? paths.data;
}
