import { Text as InkText, type TextProps, Transform } from 'ink';
import { Children, cloneElement, createContext, Fragment, isValidElement, type ReactElement, type ReactNode, useContext } from 'react';
import { screenText } from '../text/sanitize.js';
import { hyperlink, linkTarget } from './terminal/hyperlink.js';
import { colourOf, DEFAULT_SCREEN_STYLE, type ScreenStyle, type ThemeRole } from './terminal/style.js';

/** How the screen is styled (colour or none, the theme, hyperlinks): given once by the reader (see run.tsx). */
export const ScreenStyleContext = createContext<ScreenStyle>(DEFAULT_SCREEN_STYLE);

export interface Props extends Omit<TextProps, 'color' | 'backgroundColor'> {
  /** The part of the screen this is, coloured by the theme (never a colour name: NO_COLOR and the theme apply here). */
  color?: ThemeRole | undefined;
  /** The address the text links to, drawn as an OSC 8 hyperlink where the terminal takes them (see terminal/hyperlink.ts). */
  href?: string | undefined;
}

/**
 * The screen's one way to draw text. Whatever reaches a frame comes through here,
 * and every string child is cleaned on the way: a source title from config.json,
 * a saved title from state.json, a feed or page text, a message with a URL in it —
 * none can carry an escape sequence (OSC 0 retitling the terminal, OSC 52 writing
 * the clipboard) or a control / bidi character to the terminal, whether or not it
 * was cleaned when it came in. The components of src/ui import Text from here,
 * never from ink (eslint's no-restricted-imports and tests/screen-boundary.test.tsx
 * say so when one does). The one escape sequence added to text is the OSC 8 link of
 * `href`, whose target is checked by linkTarget, here.
 */
export function Text({ children, color, href, ...props }: Props) {
  const style = useContext(ScreenStyleContext);
  const text = (
    <InkText {...props} color={colourOf(style, color)}>
      {clean(children)}
    </InkText>
  );
  const target = style.hyperlinks ? linkTarget(href) : undefined;
  // After Ink has measured and cut the line: the link's bytes take no column.
  return target ? <Transform transform={(line) => hyperlink(line, target)}>{text}</Transform> : text;
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
