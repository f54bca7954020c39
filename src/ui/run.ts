export async function runReader(_s: string[], _o: unknown): Promise<number> { return 0; }
