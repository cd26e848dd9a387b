/** An element of the small XML WeCom speaks: its text (CDATA included) and its child elements, in order. */
export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

/** XML that is not the flat kind WeCom sends, or that tries what a callback never needs (DTDs, entities). */
export class WecomXmlError extends Error {
  readonly code = 'wecom-xml';
}

/** Far above any callback WeCom sends (a few KB); a body this large is refused before it is read. */
export const XML_MAX_CHARS = 1_000_000;
const MAX_DEPTH = 16;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const OPEN = /<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const CLOSE = /<\/([A-Za-z_][\w.:-]*)\s*>/y;

function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);|&/g, (whole, name: string | undefined) => {
    if (name === undefined) throw new WecomXmlError('a bare & in text');
    if (name.startsWith('#')) {
      const code = name.startsWith('#x')
        ? Number.parseInt(name.slice(2), 16)
        : Number.parseInt(name.slice(1), 10);
      if (code > 0x10ffff) throw new WecomXmlError(`a character reference out of range ${whole}`);
      return String.fromCodePoint(code);
    }
    const known = ENTITIES[name];
    if (known === undefined) throw new WecomXmlError(`an unknown entity ${whole}`);
    return known;
  });
}

/**
 * Reads one XML document into elements. Strict where it matters for a public endpoint: no DOCTYPE, no entity
 * beyond the five predefined ones, a bounded size and depth; attributes are read past and ignored.
 */
export function parseXml(source: string): XmlElement {
  if (source.length > XML_MAX_CHARS) throw new WecomXmlError(`a document over ${XML_MAX_CHARS} characters`);
  let at = 0;
  const fail = (why: string): never => {
    throw new WecomXmlError(`${why} at character ${at}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (at < source.length && /\s/.test(source.charAt(at))) at++;
      if (source.startsWith('<?', at)) {
        const end = source.indexOf('?>', at);
        if (end < 0) fail('an unclosed <?');
        at = end + 2;
      } else if (source.startsWith('<!--', at)) {
        const end = source.indexOf('-->', at);
        if (end < 0) fail('an unclosed comment');
        at = end + 3;
      } else return;
    }
  };
  const element = (depth: number): XmlElement => {
    if (depth > MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
    if (source.startsWith('<!', at)) fail('a declaration (DOCTYPE, ENTITY)');
    OPEN.lastIndex = at;
    const open = OPEN.exec(source);
    if (!open) return fail('no element');
    const name = open[1] as string;
    at = OPEN.lastIndex;
    const node: XmlElement = { name, text: '', children: [] };
    if (open[3] === '/') return node;
    for (;;) {
      if (at >= source.length) fail(`an unclosed <${name}>`);
      if (source.startsWith('</', at)) {
        CLOSE.lastIndex = at;
        const close = CLOSE.exec(source);
        if (!close || close[1] !== name) fail(`a closing tag that does not close <${name}>`);
        at = CLOSE.lastIndex;
        return node;
      }
      if (source.startsWith('<![CDATA[', at)) {
        const end = source.indexOf(']]>', at + 9);
        if (end < 0) fail('an unclosed CDATA section');
        node.text += source.slice(at + 9, end);
        at = end + 3;
      } else if (source.startsWith('<!--', at)) {
        const end = source.indexOf('-->', at);
        if (end < 0) fail('an unclosed comment');
        at = end + 3;
      } else if (source.startsWith('<', at)) {
        node.children.push(element(depth + 1));
      } else {
        const next = source.indexOf('<', at);
        if (next < 0) fail(`an unclosed <${name}>`);
        node.text += decodeText(source.slice(at, next));
        at = next;
      }
    }
  };
  skipMisc();
  const root = element(0);
  skipMisc();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/** The first child of that name, if any. */
export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** The text of the first child of that name, trimmed as WeCom's values never start or end with blanks. */
export function textOf(element: XmlElement, name: string): string | undefined {
  return childOf(element, name)?.text.trim();
}

/** A CDATA section holding any text; `]]>` inside is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** An `<xml>` document of flat fields, in order: strings as CDATA, numbers as they are (WeCom's own layout). */
export function buildXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === 'number' ? value : cdata(value)}</${name}>`)
    .join('');
  return `<xml>${body}</xml>`;
}
