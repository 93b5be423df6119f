// The hub's rules, as the form applies them: the same rules as `check` and the build, with the
// same messages. They come as data with the editor's configuration (macros/data/rules.py
// declares them on the models, macros/outputs/editor.py hands them to the fields); this file
// only knows how each kind of rule tests its values. Values are as the form holds them: dates
// as JJJJ-MM-TT (or JJJJ-MM, JJJJ), typed numbers as text ("25.000"), switches as true/false.

const MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
  "Oktober", "November", "Dezember"];

export function given(value) {
  return value !== undefined && value !== null && value !== "" && value !== false &&
    !(Array.isArray(value) && !value.length);
}

// The build day's counterpart: today in the author's time zone, as JJJJ-MM-TT.
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// A value in a message as the site writes it (rules.py ``shown``): 31.12.2026, Februar 2023, 250.000.
export function shown(value) {
  if (typeof value === "number") return value.toLocaleString("de-DE");
  const text = String(value ?? "");
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) return `${match[3]}.${match[2]}.${match[1]}`;
  match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match) return `${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
  return text;
}

// Whether ``values`` (the fields of one entry or part) break ``rule``. Dates compare as text:
// JJJJ-MM-TT sorts as it counts, and a shorter JJJJ-MM or JJJJ sorts before its own days – as
// its first day does (rules.py compares the first day).
export function broken(rule, values, day, number) {
  const value = values[rule.field];
  const other = rule.other ? values[rule.other] : undefined;
  switch (rule.test) {
    case "not_future": return given(value) && String(value) > day;
    case "one_of": return !given(value) && !given(other);
    case "given_unless": return !given(value) && given(other) && other !== rule.unless;
    case "only_without": return value === false && given(other);
    default: break;
  }
  if (!given(value) || !given(other)) return false;
  if (rule.test === "not_before") return String(value) < String(other);
  if (rule.test === "after") return String(value) <= String(other);
  if (rule.test === "not_above") {
    const [a, b] = [number(value), number(other)];
    return typeof a === "number" && typeof b === "number" && a > b;
  }
  return false;
}

// The message of a broken rule, its values written in (rules.py ``Rule.text``).
export function message(rule, values, number) {
  // Amounts as numbers (typed "250000" reads 250.000); dates and years stay as written.
  const fill = (value) => shown(rule.test === "not_above" && typeof number(value) === "number" ? number(value) : value);
  return rule.message.replace("{value}", fill(values[rule.field]))
    .replace("{other_value}", fill(rule.other ? values[rule.other] : undefined));
}

// "{max} Zeichen" with the numbers filled in (the templates come from rules.py LIMIT_MESSAGES).
export function filled(template, numbers) {
  return template.replace(/\{(\w+)\}/g, (_all, name) => shown(numbers[name]));
}

// What is wrong with one field's own value: its length, its range (a number typed as text is
// read by ``number``), and the rules about it alone. ``values`` are the fields beside it where
// it sees them (the top level of an entry): then the rules between fields are checked here too.
export function fieldProblems(field, value, values, { day, number, templates }) {
  const problems = [];
  const max = field.hub_max_length;
  if (max && typeof value === "string" && value.length > max) {
    problems.push(filled(templates.too_long, { max }) +
      filled(templates.too_long_by, { actual: value.length, over: value.length - max }));
  }
  const amount = number(value);
  if (typeof amount === "number" && typeof value === "string" && value.trim() !== "") {
    if (field.hub_min !== undefined && amount < field.hub_min) problems.push(filled(templates.minimum, { min: field.hub_min }));
    if (field.hub_max !== undefined && amount > field.hub_max) problems.push(filled(templates.maximum, { max: field.hub_max }));
  }
  const all = { ...values, [field.name]: value };
  for (const rule of field.hub_rules || []) {
    if (broken(rule, all, day, number)) problems.push(message(rule, all, number));
  }
  return problems;
}

// What is wrong between the fields of a part or of list entries (``items``): one message each,
// naming the item and the field ("Quelle 2 – Webadresse: …").
export function itemProblems(field, items, { day, number }) {
  const rules = field.hub_item_rules || [];
  const labels = Object.fromEntries((field.fields || []).map((inner) => [inner.name, inner.label]));
  const problems = [];
  items.forEach((values, index) => {
    for (const rule of rules) {
      if (!broken(rule, values || {}, day, number)) continue;
      const where = items.length > 1 || field.widget === "list"
        ? `${field.label_singular || field.label} ${index + 1} – ${labels[rule.field] || rule.field}`
        : labels[rule.field] || rule.field;
      problems.push(`${where}: ${message(rule, values, number)}`);
    }
  });
  return problems;
}
