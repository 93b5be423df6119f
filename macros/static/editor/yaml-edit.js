// A save that changes one field changes one line. The file as it was read is patched as text:
// each value that differs is written anew in place of the old value's characters (the parser
// says where each value stands), keys that went are cut out with their lines, new keys come
// after the last key of their section. Everything else – comments, order, quoting, line
// breaks, blank lines – stays byte for byte. editor.js uses it for every file it read; new
// files are written whole. tests/test_editor_saves.py runs it on the repository's data.
import { Document, isMap, isSeq, parse, parseDocument } from "./yaml/index.js";

const STYLE = { version: "1.1", lineWidth: 0, flowCollectionPadding: false };

function isMapping(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function lineStart(text, offset) {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEnd(text, offset) {
  const end = text.indexOf("\n", offset);
  return end < 0 ? text.length : end + 1;
}

function columnOf(text, offset) {
  return offset - lineStart(text, offset);
}

// The edit that puts ``text`` (whole lines) after the last line of ``node``.
function appendedTo(source, node, text) {
  const at = lineEnd(source, node.range[1] - 1);
  return [at, at, (source.charAt(at - 1) === "\n" || at === 0 ? "" : "\n") + text];
}

// ``value`` as YAML text for a place at ``column`` (YAML 1.1 quoting: "no", "0123" stay text).
function written(value, column, flow) {
  const doc = new Document(value, { version: "1.1" });
  if (flow && doc.contents && typeof doc.contents === "object") doc.contents.flow = true;
  const text = doc.toString(STYLE).replace(/\n$/, "");
  return text.split("\n").map((line, i) => (i && line ? " ".repeat(column) + line : line)).join("\n");
}

// The edits (start, end, text) that turn ``before`` into ``after`` at ``node``.
function edits(source, node, before, after, column, out) {
  if (isMapping(before) && isMapping(after) && isMap(node) && !node.flow) {
    for (const pair of node.items) {
      const key = pair.key && pair.key.value;
      if (!(key in after)) {  // the key's lines go
        const end = pair.value && pair.value.range ? pair.value.range[2] : pair.key.range[2];
        out.push([lineStart(source, pair.key.range[0]), lineEnd(source, end - 1), ""]);
      }
    }
    const keyColumn = node.items.length ? columnOf(source, node.items[0].key.range[0]) : column;
    let added = "";
    for (const [key, value] of Object.entries(after)) {
      const pair = node.items.find((item) => item.key && item.key.value === key);
      if (pair && pair.value) edits(source, pair.value, before[key], value, keyColumn + 2, out);
      else if (!pair) added += " ".repeat(keyColumn) + written({ [key]: value }, keyColumn, false) + "\n";
    }
    if (added) out.push(appendedTo(source, node, added));
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && isSeq(node) && !node.flow &&
      before.every(isMapping) && after.every(isMapping) && after.length >= before.length) {
    const itemColumn = node.items.length ? columnOf(source, node.items[0].range[0]) : column;
    before.forEach((item, index) => edits(source, node.items[index], item, after[index], itemColumn, out));
    if (after.length > before.length) {  // new items after the last one
      const dash = " ".repeat(Math.max(itemColumn - 2, 0)) + "- ";
      const text = after.slice(before.length).map((item) => dash + written(item, itemColumn, false)).join("\n");
      out.push(appendedTo(source, node, text + "\n"));
    }
    return;
  }
  if (same(before, after)) return;
  const start = node.range[0];
  const end = node.range[1];
  const breaks = source.slice(start, end).match(/\n*$/)[0];  // a block value's span ends with its line break
  out.push([start, end, written(after, columnOf(source, start), Boolean(node.flow)) + breaks]);
}

/**
 * ``source`` (the file as read) with the values of ``after`` written into it. ``normalise``
 * turns what ``source`` holds into the shape ``after`` has (empty values pruned, ids dropped),
 * so only real changes count. Returns null when the file cannot be patched (it does not parse,
 * or is not one section or one list), and the caller writes it whole.
 */
export function withChanges(source, after, normalise) {
  const doc = parseDocument(source, { version: "1.1" });
  if (doc.errors.length) return null;
  if (doc.contents === null || (doc.contents.value === null && !doc.contents.items)) {
    // Only comments so far (an empty list file with its example): the entries come after them.
    const empty = Array.isArray(after) ? !after.length : !Object.keys(after || {}).length;
    return empty ? source : source.replace(/\n*$/, "\n") + written(after, 0, false) + "\n";
  }
  if (!(isMap(doc.contents) || isSeq(doc.contents))) return null;
  const out = [];
  edits(source, doc.contents, normalise(parse(source)), after, 0, out);
  out.sort((a, b) => b[0] - a[0]);  // from the end, so earlier offsets stay right
  let text = source;
  for (const [start, end, replacement] of out) text = text.slice(0, start) + replacement + text.slice(end);
  return text;
}
