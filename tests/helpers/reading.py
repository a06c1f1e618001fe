"""What a person reads, checked as text: a page, a PDF or a mail.

`problems(text_or_html, language)` lists what a reader would stumble on:
template syntax printed as text, "None", a placeholder left unfilled, a year
with a thousands separator ("2 026"), money not written the Finnish way
("1500.00 €"), and on a Finnish or Swedish page an English message of the
project's or its dependencies' catalogues shown untranslated.
"""

from __future__ import annotations

import io
import re
import unicodedata
from functools import cache
from html.parser import HTMLParser

from django.utils import translation

from tests.helpers import catalogues

TEMPLATE_SYNTAX = re.compile(r"\{[#%{]|[#%}]\}")
# Python's None printed; the admin's own "None available" is English for en.
NONE = re.compile(r"\bNone\b(?! available)")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]\b|\{\w*\}")
# Years 1900 to 2199 printed with the thousands separator Django adds to numbers.
SEPARATED_YEAR = re.compile(
    r"(?<![\d\u00a0\u202f,])(?:1[\u00a0\u202f ]9|2[\u00a0\u202f ][01])\d\d(?![\d,])"
)
AMOUNT = re.compile(r"(\d[\d\u00a0\u202f .,]*?)\s?€")
# A PDF's text gives its no-break spaces back as spaces.
FINNISH_AMOUNT = re.compile(r"^\d{1,3}([\u00a0 ]\d{3})*(,\d\d)?$")
# A space before a comma or a full stop ("ry , Loimaan", "Puolikas B ."), or a
# full stop and a colon together ("Y-tunnus.:").
STRAY_PUNCTUATION = re.compile(r"\w\s+[,.](?=\s|$)|\.:")

ENGLISH_LABEL = re.compile(r"englanniksi|på engelska|in English", re.IGNORECASE)
# Attributes a person reads or hears.
READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description"}
# Not read: code, and what a person is editing (an English field of a record
# holds English).
SKIPPED = {"script", "style", "template", "textarea"}


class _Text(HTMLParser):
    """The text nodes and read attributes of a page, each with the language it
    is in (an element's `lang` counts: the language menu names each language
    in itself)."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.languages = [language]
        self.stack: list[tuple[str, str]] = []
        self.skip = 0
        self.pieces: list[tuple[str, str]] = []

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = (attributes.get("lang") or self.languages[-1])[:2]
        # The admin shows a read-only field's value after its label: the value
        # of a field "in English" is English, as its label says.
        readonly = "readonly" in (attributes.get("class") or "").split()
        if readonly and self.pieces and ENGLISH_LABEL.search(self.pieces[-1][0]):
            language = "en"
        for name in READ_ATTRIBUTES & attributes.keys():
            self.pieces.append((attributes[name] or "", language))
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self.pieces.append((attributes.get("value") or "", language))
        if tag in self.VOID:
            return
        self.stack.append((tag, language))
        self.languages.append(language)
        if tag in SKIPPED:
            self.skip += 1

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            self.languages.pop()
            if open_tag in SKIPPED:
                self.skip -= 1
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.pieces.append((data, self.languages[-1]))


def pieces(html: str, language: str) -> list[tuple[str, str]]:
    parser = _Text(language)
    parser.feed(html)
    parser.close()
    return parser.pieces


@cache
def english_messages(language: str) -> frozenset[str]:
    """Every English message of the catalogues that `language` translates to
    something else: shown as it is, it is English on the page."""
    from pathlib import Path

    from django.conf import settings

    found: set[str] = set()
    sources = [catalogues.source_messages(p, "django") for p in catalogues.DJANGO_PACKAGES]
    sources += [catalogues.source_messages(p, "django") for p in catalogues.EXTRACTED_PACKAGES]
    own = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
    sources.append(
        tuple((c, m, p) for c, m, p, _, _ in catalogues.entries(own.read_text(encoding="utf-8")))
    )
    with translation.override(language):
        for messages in sources:
            for context, msgid, plural in messages:
                if plural or "%" in msgid or "{" in msgid or len(msgid) < 3:
                    continue
                if not re.search(r"[A-Za-z]{3}", msgid):
                    continue
                shown = (
                    translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                )
                if shown != msgid:
                    found.add(msgid)
    return frozenset(found)


def _text_problems(text: str) -> list[str]:
    found = []
    for pattern, label in (
        (TEMPLATE_SYNTAX, "template syntax"),
        (NONE, "None"),
        (PLACEHOLDER, "an unfilled placeholder"),
        (SEPARATED_YEAR, "a year with a thousands separator"),
        (STRAY_PUNCTUATION, "stray punctuation"),
    ):
        for match in pattern.finditer(text):
            found.append(f"{label}: {_around(text, match)}")
    for match in AMOUNT.finditer(text):
        amount = match.group(1).strip(" .")
        if not FINNISH_AMOUNT.match(amount):
            found.append(f"money not in Finnish form: {_around(text, match)}")
    return found


def _around(text: str, match: re.Match) -> str:
    start, end = max(match.start() - 30, 0), match.end() + 30
    return repr(" ".join(text[start:end].split()))


def problems(content: str, language: str, *, html: bool = True) -> list[str]:
    """What a reader of `language` would stumble on in `content`."""
    if not html:
        return _text_problems(content)
    found = []
    parts = pieces(content, language)
    # Punctuation split from its word by markup ("<a>ry</a>\n, Loimaan") shows
    # only in the text as a whole.
    found += [
        f"stray punctuation: {_around(joined, m)}"
        for joined in ["".join(text for text, _ in parts)]
        for m in re.finditer(r"\w[ \t\n]+[,.](?=\s)", joined)
    ]
    english = english_messages(language) if language in {"fi", "sv"} else frozenset()
    for text, part_language in parts:
        found += _text_problems(text)
        if part_language == language and " ".join(text.split()) in english:
            found.append(f"English on a {language} page: {' '.join(text.split())!r}")
    return found


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return unicodedata.normalize("NFKC", text)  # the typesetter's "ﬁ" is "fi"


def mail_problems(message) -> list[str]:
    """What the reader of a sent mail would stumble on: its subject, text part
    and HTML part, in the language its HTML says it is in."""
    found = _text_problems(message.subject) + _text_problems(message.body)
    for html, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            lang = re.search(r'<html lang="(\w+)"', html)
            found += problems(html, lang.group(1) if lang else "en")
    return found


def table_of_contents(page: str, label: str) -> list[str]:
    """The anchors of the page's table of contents ("On this page", `label` in the
    page's language), after checking that each leads to an element of the page."""
    start = page.index('<nav class="toc"')
    toc = page[start : page.index("</nav>", start)]
    assert f'aria-label="{label}"' in toc
    targets = re.findall(r'href="#([a-z-]+)"', toc)
    for target in targets:
        assert f'id="{target}"' in page, f"the contents link to #{target}, not on the page"
    return targets
