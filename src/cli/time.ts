/**
 * Times as the command line prints them: in the local time zone (TZ). Apart from format.ts so
 * that --json, which does without the text layout's libraries, has them too.
 */

const pad = (number: number) => String(number).padStart(2, '0');

/** A moment in the local time zone, with its offset: 2026-03-29T09:30:00+02:00. Not a full date and time: as it is. */
export function localIso(iso: string | null): string | null {
  if (!iso || !/T\d{2}:\d{2}/.test(iso)) return iso;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const east = -date.getTimezoneOffset();
  const offset = `${east < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(east) / 60))}:${pad(Math.abs(east) % 60)}`;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${offset}`
  );
}

/** A moment as text, in the local time zone: 2026-03-29 09:30. */
export function localTime(iso: string | null): string {
  const local = localIso(iso);
  return local ? local.slice(0, 16).replace('T', ' ') : '';
}
