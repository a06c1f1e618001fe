"""Every page of the permission matrix, read back as text by every role in
Finnish, Swedish and English: what it says must read right (tests/helpers/reading.py).

The pages are the matrix's own (each URL pattern with the objects its row
builds), so a page added to the matrix is read here too; the PDFs and
spreadsheets among them are read as well, the PDFs as the text a reader gets.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.helpers import reading
from tests.helpers.officials import give_matrix_roles
from tests.permission_matrix import ADMIN_MODELS, PAGES, ROLES
from tests.permission_matrix.admin import ADMIN_SITE_PAGES
from tests.permission_matrix.urls import ADMIN_CASES

pytestmark = [pytest.mark.django_db, pytest.mark.walk]

LANGUAGES = ["fi", "sv", "en"]
# Each PDF is read once per language by the first role that may open it:
# WeasyPrint's time would otherwise dominate the run.
PDF_ROLES_SEEN: set = set()


def _urls(world, role):
    for name, (method, kwargs_for, expected) in sorted(PAGES.items()):
        if method == "get" and expected[role] == 200:
            yield name, reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
    for name, (method, kwargs_for, expected) in sorted(ADMIN_SITE_PAGES.items()):
        if method == "get" and expected[role] == 200:
            yield name, reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
    for name, (model, page, expected) in sorted(ADMIN_CASES.items()):
        if expected[role] != 200:
            continue
        kwargs = None
        if page in {"change", "delete", "history"}:
            kwargs = {"object_id": ADMIN_MODELS[model][0](world).pk}
        yield name, reverse(name, kwargs=kwargs)


def _first_role(expected) -> str:
    return next(role for role in ROLES if expected[role] == 200)


def read(client, world, role: str, language: str) -> tuple[int, int, list[str]]:
    """Open every page `role` may open in `language`; (pages, files, problems)."""
    give_matrix_roles(world)
    client.logout()
    user = world.user(role)
    if user is not None:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = files = 0
    found = []
    for name, url in _urls(world, role):
        response = client.get(url)
        assert response.status_code == 200, f"{role} {url}: {response.status_code}"
        kind = response.get("Content-Type", "")
        if kind.startswith("text/html"):
            pages += 1
            text = response.content.decode()
            found += [f"{url}: {problem}" for problem in reading.problems(text, language)]
        elif kind.startswith("application/pdf"):
            entry = PAGES.get(name)
            if entry and _first_role(entry[2]) != role:
                continue
            files += 1
            text = reading.pdf_text(
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            found += [f"{url}: {p}" for p in reading.problems(text, language, html=False)]
        elif kind.startswith(("text/csv", "text/calendar")):
            files += 1
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            text = content.decode("utf-8-sig")
            found += [f"{url}: {p}" for p in reading.problems(text, language, html=False)]
    return pages, files, found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_reads_right(client, world, role, language):
    pages, files, found = read(client, world, role, language)
    print(f"{role} {language}: {pages} pages, {files} files")
    assert pages >= 15
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_lists_of_several_read_as_sentences(client, world, language):
    """Lists joined with commas: a space's parts, an organisation's
    municipalities, an agreement's parties ("Puolikas A , Puolikas B ." and
    "ry , Loimaan" were found by people)."""
    from cooperation.models import PublicBody
    from tests.helpers.agreements import in_force
    from tests.helpers.facilities import make_space

    hall = make_space(name="Juhlasali")
    for half in ("A", "B"):
        make_space(name=f"Puolikas {half}", parent=hall, hours=False)
    world.org_a.municipalities.add(PublicBody.objects.get(code="430"))  # Loimaa
    agreement = in_force(world, parties=[world.org_a, world.org_b])
    client.force_login(world.ngo_admin)  # org_a is not in the public directory
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in (
        reverse("facilities:space_detail", args=[hall.pk]),
        reverse("cooperation:organisation_detail", args=[world.org_a.pk]),
        reverse("cooperation:directory"),
        reverse("partnerships:register"),
        reverse("partnerships:agreement_detail", args=[agreement.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert reading.problems(text, language) == [], url
    page = client.get(reverse("facilities:space_detail", args=[hall.pk])).content.decode()
    assert "Puolikas A</a>, <a" in page


@pytest.mark.parametrize(
    ("html", "language", "found"),
    [
        ("<p>{# A horizontal bar chart\ndrawn on the server #}</p>", "fi", "template syntax"),
        ("<p>Kunta: None</p>", "fi", "None"),
        ("<h1>Avustuskalenteri 2\u00a0026</h1>", "fi", "a year with a thousands separator"),
        ("<p>Jäljellä 1500.00 €</p>", "fi", "money not in Finnish form"),
        ("<p>Haetun summan (%(requested)s) on oltava …</p>", "fi", "an unfilled placeholder"),
        ("<p><a>Testiyhdistys ry</a>\n, Loimaan seutu</p>", "fi", "stray punctuation"),
        ("<p>Y-tunnus.: 1234567-8</p>", "fi", "stray punctuation"),
        ('<select><option value="">- Select an option -</option></select>', "fi", "English"),
        ('<input type="submit" value="Run">', "sv", "English"),
    ],
)
def test_the_reader_stumbles_on_each_defect(html, language, found):
    """Each check fails on the defect people found (the crawl above passes)."""
    problems = reading.problems(html, language)
    assert any(problem.startswith(found) for problem in problems), problems


def test_the_reader_passes_what_is_right():
    html = (
        "<h1>Avustuskalenteri 2026</h1><p>Jäljellä 1\u00a0500,00\u00a0€ · viikko 49/2026</p>"
        '<p><a>Testiyhdistys ry</a>, Loimaa</p><nav><a lang="en">English</a></nav>'
        "<textarea>NGO forum</textarea>"
    )
    assert reading.problems(html, "fi") == []
