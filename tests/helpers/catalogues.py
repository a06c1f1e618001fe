"""The message catalogues behind what a reader sees: the project's own and its
dependencies' (Django and its admin, allauth, django-filter).

A dependency's catalogue can lag behind its code: Django 6.1 shows
"- Select an option -" that its Finnish and Swedish catalogues do not have,
and django-filter ships no compiled Finnish catalogue and no Swedish one at
all. The project fills the gaps in `locale/dependencies/`, which LOCALE_PATHS
puts before every app's own catalogue.

    python -m tests.helpers.catalogues            # what is still missing
    python -m tests.helpers.catalogues --write    # add it, untranslated, to locale/dependencies/

The second form leaves the new entries empty for a translator to fill in;
tests/test_translations.py fails until they are.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

LANGUAGES = ("fi", "sv")
DOMAINS = ("django", "djangojs")
# Packages whose catalogues Django loads for the portal's pages. Django's own
# English catalogues are regenerated from its code at each release; the
# others' are extracted from their code here, as makemessages would.
DJANGO_PACKAGES = (
    "django.conf",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
)
EXTRACTED_PACKAGES = ("allauth", "django_filters")

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def entries(po_text: str):
    """Yield (msgctxt, msgid, msgid_plural, flags, msgstrs) of each live entry."""
    for block in po_text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        flags, parts, current = "", {}, None
        for line in lines:
            if line.startswith("#,"):
                flags += line
            elif line.startswith("msg"):
                current = line.split(" ", 1)[0]
                parts[current] = "".join(_STRING.findall(line))
            elif line.startswith('"') and current:
                parts[current] += "".join(_STRING.findall(line))
        msgstrs = [_unquote(value) for key, value in parts.items() if key.startswith("msgstr")]
        yield (
            _unquote(parts["msgctxt"]) if "msgctxt" in parts else None,
            _unquote(parts.get("msgid", "")),
            _unquote(parts["msgid_plural"]) if "msgid_plural" in parts else None,
            flags,
            msgstrs,
        )


def _package_dir(package: str) -> Path:
    module = __import__(package, fromlist=["_"])
    return Path(module.__file__).parent


def _extract(package: str, domain: str) -> str:
    """The package's messages as makemessages finds them in its code."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / package
        shutil.copytree(
            _package_dir(package), copy, ignore=shutil.ignore_patterns("locale", "__pycache__")
        )
        (copy / "locale").mkdir()
        subprocess.run(  # noqa: S603 (our own interpreter on a copy of an installed package)
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "-l",
                "en",
                "-d",
                domain,
                "--no-location",
                "--no-wrap",
                "-v0",
            ],
            cwd=copy,
            check=True,
            # Without the project's settings: only the package's own code counts.
            env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        )
        po = copy / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        return po.read_text(encoding="utf-8") if po.exists() else ""


@cache
def source_messages(package: str, domain: str) -> tuple:
    """(msgctxt, msgid, msgid_plural) of every message the package's code has."""
    if package in EXTRACTED_PACKAGES:
        text = _extract(package, domain)
    else:
        po = _package_dir(package) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        text = po.read_text(encoding="utf-8") if po.exists() else ""
    return tuple(
        (context, msgid, plural) for context, msgid, plural, _, _ in entries(text) if msgid
    )


def served_catalogue(language: str, domain: str, package: str):
    """What Django serves in `language`: the package's catalogue merged under
    the project's LOCALE_PATHS, as for a page (django) or the admin's
    JavaScript catalogue (djangojs)."""
    from django.utils.translation import trans_real

    if domain == "django":
        return trans_real.translation(language)._catalog
    return trans_real.DjangoTranslation(
        language, domain=domain, localedirs=[str(_package_dir(package) / "locale")]
    )._catalog


def missing(language: str) -> list[tuple[str, str, str | None, str | None]]:
    """(package, domain, msgctxt, msgid) of each dependency message that a
    reader of `language` would get in English."""
    found = []
    for package in (*DJANGO_PACKAGES, *EXTRACTED_PACKAGES):
        for domain in DOMAINS:
            messages = source_messages(package, domain)
            if not messages:
                continue
            catalogue = served_catalogue(language, domain, package)
            for context, msgid, plural in messages:
                key = f"{context}\x04{msgid}" if context else msgid
                if not catalogue.get((key, 0) if plural else key):
                    found.append((package, domain, context, msgid, plural))
    return found


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _write(language: str) -> int:
    from django.conf import settings

    added = 0
    for domain in DOMAINS:
        path = (
            Path(settings.BASE_DIR) / "locale" / "dependencies" / language / "LC_MESSAGES"
        ) / f"{domain}.po"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        have = {(context, msgid) for context, msgid, *_ in entries(text)}
        new = []
        for package, entry_domain, context, msgid, plural in missing(language):
            if entry_domain != domain or (context, msgid) in have:
                continue
            have.add((context, msgid))
            lines = [f"#. {package}"]
            if context:
                lines.append(f"msgctxt {_quoted(context)}")
            lines.append(f"msgid {_quoted(msgid)}")
            if plural:
                lines += [f"msgid_plural {_quoted(plural)}", 'msgstr[0] ""', 'msgstr[1] ""']
            else:
                lines.append('msgstr ""')
            new.append("\n".join(lines))
        if not new:
            continue
        if not text:
            text = (
                'msgid ""\nmsgstr ""\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                f'"Language: {language}\\n"\n'
                '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.rstrip("\n") + "\n\n" + "\n\n".join(new) + "\n", encoding="utf-8")
        added += len(new)
    return added


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    for language in LANGUAGES:
        if "--write" in sys.argv:
            print(f"{language}: {_write(language)} entries added")
        else:
            for package, domain, context, msgid, _ in missing(language):
                print(f"{language} {package} {domain} {context or ''} {msgid!r}")
