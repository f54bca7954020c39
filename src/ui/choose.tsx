import { Box, render, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { Text } from './Text.js';

interface ChooseProps {
  question: string;
  items: string[];
  onDone: (index: number | undefined) => void;
}

/** A row of the list, drawn through the screen's Text (labels come from the web). */
function Item({ isSelected = false, label }: { isSelected?: boolean; label: string }) {
  return <Text color={isSelected ? 'cursor' : undefined}>{label}</Text>;
}

export function Choose({ question, items, onDone }: ChooseProps) {
  // Esc (or q) chooses none; Enter is SelectInput's.
  useInput((input, key) => {
    if (key.escape || input === 'q') onDone(undefined);
  });
  return (
    <Box flexDirection="column">
      <Text>{question}</Text>
      <SelectInput
        items={items.map((label, index) => ({ key: String(index), label, value: index }))}
        itemComponent={Item}
        onSelect={(item) => onDone(item.value)}
      />
    </Box>
  );
}

/**
 * One of several items, chosen with the arrows and Enter on the terminal (ink-select-input, the
 * design's list component); Esc chooses none, and so does Ctrl-C.
 */
export async function chooseOne(question: string, items: string[]): Promise<number | undefined> {
  let chosen: number | undefined;
  const instance = render(
    <Choose
      question={question}
      items={items}
      onDone={(index) => {
        chosen = index;
        instance.unmount();
      }}
    />,
    { exitOnCtrlC: true },
  );
  await instance.waitUntilExit();
  return chosen;
}
