// These are pure libraries (a CommonMark/GFM parser: no I/O, no framework), so core/ may use them.
import type { Nodes, Parents, Root, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** A text node GFM's autolink pass split into text and links, which it leaves without positions. */
export interface SplitText {
  original: Text;
  pieces: Nodes[];
}

let recorded: Map<Parents, Text[]> | undefined;

/** Runs before GFM's own transforms: notes every text node while it still has its position. */
function recordTextNodes(tree: Root): undefined {
  const walk = (node: Nodes) => {
    if (!('children' in node)) return;
    const texts = (node.children as Nodes[]).filter((child): child is Text => child.type === 'text');
    if (texts.length > 0) recorded?.set(node, texts);
    for (const child of node.children) walk(child);
  };
  walk(tree);
}

const extensions = [gfm()];
const mdastExtensions = [{ transforms: [recordTextNodes] }, gfmFromMarkdown()];

/**
 * Markdown as GitHub reads it (CommonMark with GFM), every node with its source offsets, except
 * where GFM found bare URLs or e-mail addresses in text after parsing: `split` lists those text
 * nodes, with their position, and the nodes that replaced them.
 */
export function parseMarkdown(text: string): { tree: Root; split: SplitText[] } {
  recorded = new Map();
  try {
    const tree = fromMarkdown(text, { extensions, mdastExtensions });
    const split: SplitText[] = [];
    for (const [parent, originals] of recorded) {
      const children = parent.children as Nodes[];
      let at = 0;
      for (const original of originals) {
        const kept = children.indexOf(original, at);
        if (kept !== -1) {
          at = kept + 1;
          continue;
        }
        while (at < children.length && children[at]?.position !== undefined) at++;
        const from = at;
        while (at < children.length && children[at]?.position === undefined) at++;
        split.push({ original, pieces: children.slice(from, at) });
      }
    }
    return { tree, split };
  } finally {
    recorded = undefined;
  }
}

const references = new Map<string, string>();
const MAX_REFERENCES = 2_048;

/**
 * What a character reference (`&commat;`, `&#64;`, `&#x40;`) renders as: the parser's own
 * decoding, so every entity it knows is known here. An unknown name renders as itself.
 */
export function decodeReference(reference: string): string {
  let decoded = references.get(reference);
  if (decoded === undefined) {
    const first = parseMarkdown(reference).tree.children[0];
    const only = first?.type === 'paragraph' && first.children.length === 1 ? first.children[0] : undefined;
    decoded = only?.type === 'text' ? only.value : reference;
    if (references.size >= MAX_REFERENCES) references.clear();
    references.set(reference, decoded);
  }
  return decoded;
}
