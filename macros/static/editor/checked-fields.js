// Decap's own fields, taught the hub's rules (rules.js): each built-in widget is registered again
// as itself plus the checks. Decap checks every field when the author saves and shows every
// problem at its field at once; nothing is saved while one is left.
//
// - A single field (text, typed number, date) checks its length, its range and its own rules; at the
//   top level of an entry it sees the whole entry, so the rules between fields are checked there.
//   Fields with a length limit count their characters as the author types.
// - A section (object) or a list of parts checks the rules between the fields of each part and
//   reports them on itself: Decap's fields inside a list cannot see each other.
import { fieldProblems, itemProblems, today } from "./rules.js";

const { createClass, h } = window;
const CONTAINERS = ["object", "list"];
// The widgets of fields that carry limits or rules (editor.py): texts, typed numbers, dates.
const SINGLE = ["string", "text", "datetime"];
// A counter from this share of the limit on; the short texts of a card (summaries) always.
const COUNT_FROM = 0.8;
const ALWAYS_COUNTED = 300;

function plain(value) {
  return value && typeof value.toJS === "function" ? value.toJS() : value;
}

// Decap says why it did not save (a note at the top) only for errors of the kind "PRESENCE"
// (a required field left empty); for any other kind it silently keeps the entry unsaved. The
// hub's problems are of that kind so the author learns it too (editor.js words the note).
function custom(messages) {
  return { type: "PRESENCE", message: messages.join(" ") };
}

function counter(field, value) {
  const max = field.hub_max_length;
  const length = typeof value === "string" ? value.length : 0;
  const always = field.widget === "text" && max <= ALWAYS_COUNTED;
  if (!max || (!always && length < max * COUNT_FROM)) return null;
  const over = length > max;
  // Over the limit, screen readers hear it as it happens (a status, read when it changes).
  return h("p", over ? { className: "hub-counter hub-counter--over", role: "status" } : { className: "hub-counter" },
    over ? `${length} von ${max} Zeichen – ${length - max} zu viel` : `${length} von ${max} Zeichen`);
}

function singleField(original, context) {
  return createClass({
    // Decap's own control is asked first (should it check anything itself); then the hub's rules.
    isValid() {
      const own = this.inner && this.inner.isValid ? this.inner.isValid() : true;
      if (own !== true && !(own && own.error === false)) return own;
      const field = plain(this.props.field);
      const entry = this.props.getEntry ? this.props.getEntry() : null;
      // Only the top level of an entry carries rules between fields (editor.py), and there the
      // entry's data are the fields beside this one.
      const beside = entry && (field.hub_rules || []).some((rule) => rule.other)
        ? plain(entry.get("data")) || {} : {};
      const problems = fieldProblems(field, plain(this.props.value), beside, context());
      return problems.length ? { error: custom(problems) } : true;
    },
    getValidateValue() {
      return this.inner && this.inner.getValidateValue ? this.inner.getValidateValue() : this.props.value;
    },
    focus(path) {
      if (this.inner && this.inner.focus) this.inner.focus(path);
      else document.getElementById(this.props.forID)?.focus();
    },
    render() {
      const field = plain(this.props.field);
      const control = h(original.control, { ...this.props, ref: (inner) => { this.inner = inner; } });
      // Always the same frame: a counter that appears must not make React build the field anew
      // (the author would lose the cursor while typing).
      return h("div", { className: "hub-checked" }, control, counter(field, this.props.value));
    },
  });
}

function container(original, context) {
  return createClass({
    // Decap calls validate() on sections and lists (they check their fields); their own
    // problems go to Decap's error list of this field, with the list's size checks.
    validate() {
      const inner = this.inner;
      if (inner && inner.validate) inner.validate();
      const field = plain(this.props.field);
      if (!field.hub_item_rules || !this.props.onValidateObject) return;
      const value = plain(this.props.value);
      const items = Array.isArray(value) ? value : value ? [value] : [];
      const problems = itemProblems(field, items, context());
      const sizes = inner && inner.validateSize ? inner.validateSize() : [];
      this.props.onValidateObject(this.props.forID, problems.length ? [...sizes, custom(problems)] : sizes);
    },
    focus(path) {
      if (this.inner && this.inner.focus) this.inner.focus(path);
    },
    render() {
      // Decap's sections and lists report themselves (or a field inside) to the form as the
      // control to validate, in place of this one, whose checks would then never run: the form
      // keeps the field it was given (Decap's Widget, which asks this control).
      return h(original.control, { ...this.props, controlRef: undefined, ref: (inner) => { this.inner = inner; } });
    },
  });
}

/**
 * Registers Decap's widgets again with the hub's checks. ``number`` reads a typed number
 * ("25.000") as the number meant (editor.js), ``templates`` are the length and range messages.
 */
export function registerCheckedFields(number, templates) {
  const context = () => ({ day: today(), number: (value) => number(value), templates });
  for (const name of [...SINGLE, ...CONTAINERS]) {
    const original = CMS.getWidget(name);
    if (!original) continue;
    const control = CONTAINERS.includes(name) ? container(original, context) : singleField(original, context);
    const { control: _replaced, preview, ...rest } = original;
    CMS.registerWidget({ ...rest, name, controlComponent: control, previewComponent: preview });
  }
}
