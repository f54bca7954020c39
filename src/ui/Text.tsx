import { Text as InkText, type TextProps } from 'ink';
import { Children, cloneElement, Fragment, isValidElement, type ReactElement, type ReactNode } from 'react';
import { screenText } from '../text/sanitize.js';

/**
 * The screen's one way to draw text. Whatever reaches a frame comes through here,
 * and every string child is cleaned on the way: a source title from config.json,
 * a saved title from state.json, a feed or page text, a message with a URL in it —
 * none can carry an escape sequence (OSC 0 retitling the terminal, OSC 52 writing
 * the clipboard) or a control / bidi character to the terminal, whether or not it
 * was cleaned when it came in. The components of src/ui import Text from here,
 * never from ink (eslint's no-restricted-imports and tests/screen-boundary.test.tsx
 * say so when one does).
 */
export function Text({ children, ...props }: TextProps) {
  return <InkText {...props}>{clean(children)}</InkText>;
}

function clean(children: ReactNode): ReactNode {
  return Children.map(children, (child): ReactNode => {
    if (typeof child === 'string') return screenText(child);
    // A fragment's strings are this Text's strings too; other elements are Texts of their own (cleaned there) or fixed art.
    if (isValidElement<{ children?: ReactNode }>(child) && child.type === Fragment) {
      return cloneElement(child as ReactElement<{ children?: ReactNode }>, undefined, clean(child.props.children));
    }
    return child;
  });
}
