import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { startServer, type TestServer } from './server.js';

const PAGE = `<!doctype html><html><head><title>Un article</title></head><body><article><h1>Un article</h1>
  <p>Le premier paragraphe de cet article est assez long pour être lu comme un texte, avec des mots et des phrases.</p>
  <p>Le deuxième paragraphe poursuit le récit : le port, le marché, la pluie sur les quais et les bateaux au mouillage.</p>
</article></body></html>`;

/** The faults a news site or the network can serve, one path each. */
export interface FaultServer {
  origin: string;
  /** An address where nothing listens (connection refused). */
  refused: string;
  /** A TCP server that answers in something that is not HTTP. */
  notHttp: string;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const http: TestServer = await startServer((request, response) => {
    sockets.add(request.socket);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    switch (path) {
      case '/ok':
        return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      case '/silent':
        return; // accepts, never answers
      case '/stall':
        // Headers and half a page, then nothing more.
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(PAGE.length * 2) });
        return void response.write(PAGE.slice(0, 100));
      case '/reset':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(PAGE.length * 2) });
        response.write(PAGE.slice(0, 100));
        return void setImmediate(() => request.socket.resetAndDestroy());
      case '/404':
        return response
          .writeHead(404, { 'content-type': 'text/html' })
          .end('<html><body><h1>Page introuvable</h1><p>Cette page n’existe pas ou plus.</p></body></html>');
      case '/500':
        return response.writeHead(500, { 'content-type': 'text/html' }).end('<html><body><h1>Erreur interne</h1></body></html>');
      case '/loop-a':
        return response.writeHead(302, { location: '/loop-b' }).end();
      case '/loop-b':
        return response.writeHead(302, { location: '/loop-a' }).end();
      case '/to-file':
        return response.writeHead(302, { location: 'file:///etc/passwd' }).end();
      case '/to-javascript':
        return response.writeHead(301, { location: 'javascript:alert(1)' }).end();
      case '/huge': {
        // 11 MB of text, in chunks, no content-length: the cap must count as it reads.
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 11 && response.write(chunk)) sent++;
          if (sent >= 11) response.end();
          else
            response.once('drain', () => {
              sent++;
              pump();
            });
        };
        return pump();
      }
      case '/gzip-bomb':
        // 1 MB on the wire, 1 GB once inflated.
        return response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb());
      case '/truncated-gzip': {
        const whole = gzipSync(Buffer.from(PAGE.repeat(50)));
        return response
          .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
          .end(whole.subarray(0, whole.length >> 1));
      }
      case '/pdf':
        return response.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'));
      case '/no-type-html':
        return response.writeHead(200, {}).end(PAGE);
      case '/no-type-binary':
        return response.writeHead(200, {}).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
      case '/feed.xml':
        // A source whose headlines lead to faults, for the reader screen.
        return response.writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Faults</title>
          <item><title>An article that is cut off mid-way</title><link>${http.origin}/reset</link><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate></item>
          <item><title>An article that is really a PDF file</title><link>${http.origin}/pdf</link><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate></item>
          <item><title>An article that reads perfectly well</title><link>${http.origin}/ok</link><pubDate>Tue, 24 Nov 2026 07:00:00 GMT</pubDate></item>
          </channel></rss>`);
      case '/not-a-feed':
        return response
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end('<html><body>Nope, a web page where a feed should be</body></html>');
      default:
        return response.writeHead(404).end();
    }
  });

  const rawSockets = new Set<Socket>();
  const raw: NetServer = createNetServer((socket) => {
    rawSockets.add(socket);
    socket.on('error', () => {});
    socket.end('HELLO THIS IS NOT HTTP\r\n\r\n');
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));

  // A port that was free a moment ago: nothing listens there now.
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const refusedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  return {
    origin: http.origin,
    refused: `http://127.0.0.1:${refusedPort}/`,
    notHttp: `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`,
    async close() {
      for (const socket of [...sockets, ...rawSockets]) socket.destroy();
      await new Promise<void>((resolve) => raw.close(() => resolve()));
      await http.close();
    },
  };
}

let bombBytes: Buffer | undefined;
/** 64 gzip members of 16 MB of zeros each, one after the other (valid gzip): about 1 MB that inflates to 1 GB. */
function bomb(): Buffer {
  if (!bombBytes) {
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    bombBytes = Buffer.concat(Array.from({ length: 64 }, () => member));
  }
  return bombBytes;
}
