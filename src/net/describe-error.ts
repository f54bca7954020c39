import { KiosqueError } from '../errors.js';
import { hostOf } from '../text/url.js';

const MESSAGES: Record<string, (host: string) => string> = {
  ECONNREFUSED: (host) => `${host} refused the connection (nothing is listening there).`,
  ENOTFOUND: (host) => `${host} could not be found (DNS lookup failed).`,
  EAI_AGAIN: (host) => `${host} could not be looked up (DNS is not answering).`,
  ECONNRESET: (host) => `${host} broke off the connection.`,
  EPIPE: (host) => `${host} broke off the connection.`,
  EHOSTUNREACH: (host) => `${host} cannot be reached from this network.`,
  ENETUNREACH: (host) => `The network is unreachable (while contacting ${host}).`,
  Z_BUF_ERROR: (host) => `${host} sent a truncated compressed body.`,
  Z_DATA_ERROR: (host) => `${host} sent a damaged compressed body.`,
};

/**
 * Turns what got and Node throw into a KiosqueError a reader can act on. `failedAt` is where
 * the request was when it failed: after a redirect, the host named is the one that failed,
 * said as reached from the one asked for.
 */
export function describeNetworkError(error: unknown, url: string, timeoutMs: number, failedAt: string = url): KiosqueError {
  const asked = hostOf(url);
  const failed = hostOf(failedAt);
  const host = failed === asked ? asked : `${failed} (where ${asked} redirected)`;
  const code = (error as { code?: string } | null)?.code ?? '';
  const name = (error as { name?: string } | null)?.name ?? '';
  if (code === 'ETIMEDOUT' || name === 'TimeoutError' || name === 'AbortError' || code === 'ABORT_ERR') {
    return new KiosqueError('TIMEOUT', `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`, { url, cause: error });
  }
  if (code === 'ERR_TOO_MANY_REDIRECTS' || name === 'MaxRedirectsError') {
    return new KiosqueError('REDIRECTS', `${host} redirects in a loop (too many redirects).`, { url, cause: error });
  }
  if (code === 'ERR_UNSUPPORTED_PROTOCOL') {
    const scheme = /protocol:? "?([a-z][a-z0-9+.-]*:)/i.exec((error as Error)?.message ?? '')?.[1];
    return new KiosqueError(
      'BAD_URL',
      `${host} redirected to ${scheme ? `a ${scheme} address` : 'an address'}, which kiosque does not follow (http and https only).`,
      { url, cause: error },
    );
  }
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  const describe = MESSAGES[code] ?? MESSAGES[cause?.code ?? ''];
  const message = describe ? describe(host) : `Could not fetch ${url}: ${(error as Error)?.message ?? String(error)}`;
  return new KiosqueError('NETWORK', message, { url, cause: error });
}
