// The smallest Ink program that draws what the reader's first frame draws: a title
// line and a screenful of headline rows. bench/screen.js bundles it like the reader
// and times it beside the reader, as the floor any Ink screen starts from here.
import React from 'react';
import { Box, render, Text } from 'ink';

const rows = Array.from({ length: 27 }, (_, i) => `${i === 0 ? '›' : ' '}•  Le conseil municipal adopte un budget en hausse, séance ${i}`);
const h = React.createElement;
render(
  h(
    Box,
    { flexDirection: 'column' },
    h(Text, { bold: true, color: 'yellow' }, `kiosque ${rows.length} headlines`),
    ...rows.map((row, i) =>
      h(Text, { key: i, color: i === 0 ? 'cyan' : undefined, wrap: 'truncate-end' }, row.padEnd(66) + 'La Gazette du Quai · il y a 3 h'),
    ),
  ),
);
// Stay on screen like the reader does, until the bench ends the session.
setTimeout(() => {}, 10_000);
