"""The forms of an HTML page, read with the standard library's parser, and filled
in the way a person would: every text field with the given text, every choice
with its first option, files with the given uploads."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from html.parser import HTMLParser


@dataclass
class Field:
    tag: str  # input, textarea, select
    name: str
    type: str = "text"
    value: str = ""
    checked: bool = False
    accept: str = ""
    multiple: bool = False
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    method: str
    action: str
    fields: list[Field] = field(default_factory=list)


TEXT_TYPES = {"text", "email", "url", "tel", "search", ""}


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: (value or "") for key, value in attrs}
        if tag == "form":
            self._form = Form(method=a.get("method", "get").lower(), action=a.get("action", ""))
            self.forms.append(self._form)
            return
        if self._form is None or not a.get("name") or "disabled" in a:
            return
        if tag == "input" and "RawIdAdminField" in a.get("class", ""):
            # The admin's raw id of a related record: an id, not text; kept.
            self._form.fields.append(
                Field(tag="input", name=a["name"], type="hidden", value=a.get("value", ""))
            )
        elif tag == "input":
            self._form.fields.append(
                Field(
                    tag="input",
                    name=a["name"],
                    type=a.get("type", "text").lower(),
                    value=a.get("value", ""),
                    checked="checked" in a,
                    accept=a.get("accept", ""),
                )
            )
        elif tag == "textarea":
            self._form.fields.append(Field(tag="textarea", name=a["name"]))
        elif tag == "select":
            self._select = Field(tag="select", name=a["name"], multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._form.fields.append(Field(tag="button", name=a["name"], value=a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def fill(form: Form, text, upload, *, number: str = "", day: str = "") -> tuple[dict, int]:
    """POST data for `form`: `text()` in every text field (inside an address in
    e-mail and URL fields, so that the address itself is valid), the first option
    of each choice, `upload(accept)` for files. Returns the data and how many text
    fields got `text()`. `number` and `day` replace what number and date fields
    would otherwise get."""
    data: dict[str, list] = {}
    texts = 0
    first_button_taken = False
    # An admin inline's empty row (its fields named "...-__prefix__-...") is what
    # "Add another" copies: it becomes one more row of its formset.
    totals = {
        f.name[: -len("-TOTAL_FORMS")]: int(f.value or 0)
        for f in form.fields
        if f.name.endswith("-TOTAL_FORMS")
    }
    added = set()
    for f in form.fields:
        if "__prefix__" in f.name:
            prefix = f.name.split("-__prefix__-")[0]
            if prefix not in totals:
                continue
            f = replace(f, name=f.name.replace("__prefix__", str(totals[prefix])))
            added.add(prefix)
        if f.tag == "input" and f.type == "email":
            data.setdefault(f.name, []).append(f"{text()}@example.fi")
            texts += 1
        elif f.tag == "input" and f.type == "url":
            data.setdefault(f.name, []).append(f"https://example.fi/{text()}")
            texts += 1
        elif f.tag == "textarea" or (f.tag == "input" and f.type in TEXT_TYPES):
            data.setdefault(f.name, []).append(text())
            texts += 1
        elif f.tag == "input" and f.type == "hidden":
            data.setdefault(f.name, []).append(f.value)
        elif f.tag == "input" and f.type in ("checkbox", "radio"):
            if f.type == "checkbox" or f.name not in data:
                data.setdefault(f.name, []).append(f.value or "on")
        elif f.tag == "input" and f.type == "number":
            data.setdefault(f.name, []).append(number or f.value or "1")
        elif f.tag == "input" and f.type == "date":
            data.setdefault(f.name, []).append(day or f.value or "2027-03-01")
        elif f.tag == "input" and f.type == "time":
            data.setdefault(f.name, []).append(f.value or "10:00")
        elif f.tag == "input" and f.type == "datetime-local":
            data.setdefault(f.name, []).append(f.value or "2027-03-01T10:00")
        elif f.tag == "input" and f.type == "file":
            data[f.name] = [upload(f.accept)]
        elif f.tag == "select":
            choices = [value for value in f.options if value]
            if choices:
                data.setdefault(f.name, []).append(choices[0])
        elif f.tag == "button" and not first_button_taken:
            # The first submit button is the one Enter presses.
            data.setdefault(f.name, []).append(f.value)
            first_button_taken = True
    for prefix in added:
        data[f"{prefix}-TOTAL_FORMS"] = [str(totals[prefix] + 1)]
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}, texts
