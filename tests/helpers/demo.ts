import { startDemoServer, type DemoServer } from '../../src/demo/server.js';

/** The built-in demo newsstand doubles as the project's own fixture sites (tagDiv, WordPress core, Kubrick, JSON Feed). */
export async function withDemo(): Promise<DemoServer> {
  return startDemoServer();
}
