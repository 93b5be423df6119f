// The hub's side of the browser editor (Decap CMS): files written as the hub reads them.
//
// Generated with the site (macros/outputs/editor.py): config.yml, the collections, and
// formats.json, which says per data format which lines a file starts with (the schema
// line for editors' YAML support), in which order the keys stand (the models' order)
// and whether the file is one list (towns.yml …) or one entry (data/projects/<id>.yml).
import { parse, stringify } from "./yaml/index.js";
import { withChanges } from "./yaml-edit.js";
import { registerCheckedFields } from "./checked-fields.js";
import { given } from "./rules.js";

const LIST_FIELD = "eintraege";
// The file as it was read, kept with the entry (Decap keeps fields the form does not show) so a
// save patches it: one changed field is one changed line, comments stay (yaml-edit.js).
const SOURCE = "__hub_gelesen";
const formats = await (await fetch("formats.json", { cache: "no-cache" })).json();
// List files keep the comment block they started with; one-entry files get the standard one.
const keptHeaders = {};

function leadingComments(text) {
  const lines = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || (line.trim() === "" && lines.length)) lines.push(line);
    else break;
  }
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  return lines.length ? lines.join("\n") + "\n" : "";
}

// Empty form fields mean "not given": the hub reads a missing key, not an empty string.
function pruned(value) {
  if (Array.isArray(value)) {
    const items = value.map(pruned).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value !== null && typeof value === "object") {
    const kept = {};
    for (const [key, item] of Object.entries(value)) {
      const checked = pruned(item);
      if (checked !== undefined) kept[key] = checked;
    }
    return Object.keys(kept).length ? kept : undefined;
  }
  if (value === null || value === undefined || value === "") return undefined;
  return value;
}

// A number as typed in the form ("25.000", "25 000 €", "25.000,50") as the number meant, by
// the grammar the field's pattern uses (formats.json, from macros/outputs/editor.py). Text that
// is no such number stays text, and the build's check names it: never another number.
const numberGrammar = Object.fromEntries(Object.entries(formats["hub-site"].number_patterns)
  .map(([kind, pattern]) => [kind, new RegExp(pattern)]));

function typedNumber(value, kind) {
  if (typeof value !== "string" || !numberGrammar[kind].test(value)) return value;
  // What the grammar allows besides digits: thousands separators, a unit, spaces; the comma.
  return Number(value.replace(/€|EUR|Euro|[\s.]/g, "").replace(",", "."));
}

// A typed amount as a number for the form's checks (a range, "not more than the total"); what
// is no number in the grammar is undefined, and the field's pattern reports it.
function amount(value) {
  if (typeof value === "number") return value;
  return typeof value === "string" && numberGrammar.float.test(value) ? typedNumber(value, "float") : undefined;
}

function ordered(value, shape) {
  if (Array.isArray(value)) return value.map((item) => ordered(item, shape));
  if (value === null || typeof value !== "object" || !shape) return value;
  const keys = [...shape.order.filter((key) => key in value),
                ...Object.keys(value).filter((key) => !shape.order.includes(key))];
  return Object.fromEntries(keys.map((key) => [key, key in shape.numbers
    ? typedNumber(value[key], shape.numbers[key]) : ordered(value[key], shape.parts[key])]));
}

// YAML 1.1 rules: what PyYAML would read as something else ("no", "0123", a date in a text
// field) is quoted; the models' date fields are written unquoted, so they stay dates.
const dateKey = new RegExp(
  `^(\\s*(?:- )?(?:${formats["hub-site"].date_keys.join("|")}): )(["'])(\\d{4}-\\d{2}-\\d{2})\\2$`, "gm");

function toYaml(data) {
  const text = stringify(data, { version: "1.1", lineWidth: 100 });
  return text.replace(dateKey, "$1$3");
}

// What a file holds, in the shape toFile gives its new values: empty values pruned, keys
// in model order, numbers as numbers; for one-entry files without the keys the name holds.
function normalised(values, format) {
  if (format.list) return (pruned(values ?? []) ?? []).map((item) => ordered(item, format));
  const entry = { ...(values ?? {}) };
  for (const key of format.drop) delete entry[key];
  return ordered(pruned(entry) ?? {}, format);
}

for (const [name, format] of Object.entries(formats)) {
  CMS.registerCustomFormat(name, "yml", {
    fromFile(text) {
      keptHeaders[name] = leadingComments(text);
      const data = parse(text) ?? (format.list ? [] : {});
      return { ...(format.list ? { [LIST_FIELD]: data } : data), [SOURCE]: text };
    },
    toFile(data) {
      const entry = { ...data };
      const source = entry[SOURCE];
      delete entry[SOURCE];
      const body = normalised(format.list ? entry[LIST_FIELD] : entry, format);
      const patched = typeof source === "string" ? withChanges(source, body, (values) => normalised(values, format))
        : null;
      if (patched !== null) return patched.replace(dateKey, "$1$3");
      const header = format.list && keptHeaders[name] ? keptHeaders[name] : format.header;
      return header + toYaml(body);
    },
  });
}

// Pages and news posts (format "hub-frontmatter"): the front matter is patched like a data file,
// the text after it is written as the author left it.
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;

function frontMatterOf(text) {
  const found = FRONT_MATTER.exec(text);
  if (!found) return { head: null, meta: {}, body: text, gap: "" };
  const rest = text.slice(found[0].length);
  const gap = rest.startsWith("\n") ? "\n" : "";  // the blank line after the front matter
  return { head: found[1] || "", meta: parse(found[1] || "") ?? {}, body: rest.slice(gap.length), gap };
}

CMS.registerCustomFormat("hub-frontmatter", "md", {
  fromFile(text) {
    const { meta, body } = frontMatterOf(text);
    return { ...meta, body, [SOURCE]: text };
  },
  toFile(data) {
    const { body = "", [SOURCE]: source, ...values } = data;
    const meta = pruned(values) ?? {};
    const read = typeof source === "string" ? frontMatterOf(source) : null;
    if (read && read.head !== null) {
      const patched = withChanges(read.head, meta, (before) => pruned(before ?? {}) ?? {});
      if (patched !== null) return `---\n${patched.replace(dateKey, "$1$3")}---\n${read.gap}${body}`;
    }
    return (Object.keys(meta).length ? `---\n${toYaml(meta)}---\n\n` : "") + body;
  },
});

// A new entry's file name (its id) from its title, spelled as the hub spells ids: ä → ae, ß → ss.
function idFromTitle(title) {
  const spelled = String(title).toLowerCase()
    .replaceAll("ä", "ae").replaceAll("ö", "oe").replaceAll("ü", "ue").replaceAll("ß", "ss")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  return spelled.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
}

// A news post may carry its heading as the text's first line ("# …"), as the older posts do;
// a new post's file is named after it.
function headingOf(body) {
  const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(String(body ?? ""));
  if (!heading) {
    throw new Error("Bitte eine Überschrift eintragen: im Feld „Überschrift des Beitrags“ oder als " +
      "erste Zeile des Textes (# Überschrift).");
  }
  return heading[1];
}

// Flags that follow from another field (a deadline that is given is known): set on saving,
// never asked of the author. In a list file, for each entry.
function withDerived(values, derived) {
  let result = values;
  for (const { field, other } of derived) {
    if (given(result.get(other)) && result.has(field)) result = result.delete(field);
  }
  return result;
}

CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    let data = entry.get("data");
    const format = formats[`hub-${entry.get("collection")}`];
    if (format?.derived.length) {
      data = format.list ? data.update(LIST_FIELD, (items) => items && items.map((item) => withDerived(item, format.derived)))
        : withDerived(data, format.derived);
    }
    if (entry.get("collection") === "news" && entry.get("newRecord") && !data.get("title")) {
      return data.set("title", headingOf(data.get("body")));
    }
    if (!entry.get("newRecord") || !format?.drop.includes("id") || data.get("id")) return data;
    const title = data.get("title") ?? data.get("name") ?? "";
    return data.set("id", idFromTitle(title) || "neuer-eintrag");
  },
});

registerCheckedFields(amount, formats["hub-site"].limit_messages);

// Decap's German leaves a few words in English ("Login", "Unpublished Entries"): the hub's
// words go over its own (the rest of Decap's German stays). Widgets' fixed English texts
// ("No options") are replaced on the page by editor-setup.js.
const GERMAN = {
  auth: { login: "Anmelden" },
  collection: { entries: { unpublishedHeader: "Entwürfe, die auf Prüfung warten" } },
  // Said for every problem the form finds, not only for empty required fields (checked-fields.js).
  ui: { toast: { missingRequiredField: "Noch nicht gespeichert: Bitte die markierten Felder ausfüllen " +
    "oder berichtigen – was fehlt oder nicht stimmt, steht jeweils am Feld." } },
};

function merged(base, extra) {
  const result = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    result[key] = value && typeof value === "object" ? merged(base?.[key] ?? {}, value) : value;
  }
  return result;
}

CMS.registerLocale("de", merged(CMS.getLocale("de") ?? {}, GERMAN));
CMS.init();
