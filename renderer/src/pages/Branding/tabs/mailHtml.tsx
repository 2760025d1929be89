import { Fragment, type ReactNode } from 'react';

/**
 * The e-mail's HTML part (main's textToHtml: escaped text in <p>, lines split by <br>) drawn
 * as React elements. Parsed inert (DOMParser runs no script and loads nothing); only
 * paragraphs, line breaks and text are kept, anything else shows as its text.
 */
export function mailHtmlToReact(html: string): ReactNode {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const draw = (node: ChildNode, key: number): ReactNode => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (!(node instanceof Element)) return null;
    const children = [...node.childNodes].map(draw);
    if (node.tagName === 'BR') return <br key={key} />;
    if (node.tagName === 'P') return <p key={key}>{children}</p>;
    return <Fragment key={key}>{children}</Fragment>;
  };
  return [...body.childNodes].map(draw);
}
