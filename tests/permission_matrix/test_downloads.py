"""Every file the portal hands out answers with the same headers: its content type,
`nosniff`, and a Content-Disposition with a file name that is safe in a header."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cooperation.lib.downloads import safe_filename
from partnerships.agreements import services as agreement_services
from tests.helpers.agreements import make_agreement
from tests.helpers.files import pdf_upload
from tests.permission_matrix import PAGES, ROLES

pytestmark = pytest.mark.django_db

_SAFE_HEADER = re.compile(
    r"^(attachment|inline); filename=\"[\w.\-]+\"(; filename\*=utf-8''[\w.%\-]+)?$"
)


def _first_role_with_200(expected):
    return next((role for role in ROLES if expected[role] == 200), None)


DOWNLOADS = {
    name: entry
    for name, entry in PAGES.items()
    if entry[0] == "get"
    and re.search(r"(_pdf|_csv|_ical|_download|_photo)$", name)
    and _first_role_with_200(entry[2])
}


def test_the_matrix_has_the_downloads():
    assert len(DOWNLOADS) >= 15, sorted(DOWNLOADS)


@pytest.mark.parametrize("name", sorted(DOWNLOADS))
def test_a_download_carries_its_type_nosniff_and_a_safe_file_name(client, world, name):
    _method, kwargs_for, expected = DOWNLOADS[name]
    role = _first_role_with_200(expected)
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(name, kwargs=kwargs_for(world) if kwargs_for else None))
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html"), name
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _SAFE_HEADER.match(response["Content-Disposition"]), response["Content-Disposition"]
    # Nothing between the portal and the reader keeps a copy, but of the
    # public photos of the spaces.
    if name != "facilities:space_photo":
        assert "no-store" in response.get("Cache-Control", ""), name


@pytest.mark.parametrize(
    ("typed", "safe"),
    [
        ("toimintasuunnitelma 2027.pdf", "toimintasuunnitelma_2027.pdf"),
        ('raportti"; filename="evil.exe', "raportti_filenameevil.exe"),
        ("../../etc/passwd", "..-..-etc-passwd"),
        ("rivi\r\nSet-Cookie: x=1.pdf", "riviSet-Cookie_x1.pdf"),
        ("Äänestys ja päätös.pdf", "Äänestys_ja_päätös.pdf"),
        ("..", "download"),
        ("", "download"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_a_file_name_is_made_safe_for_the_header(typed, safe):
    assert safe_filename(typed) == safe


def test_a_documents_own_name_reaches_the_header_only_made_safe(client, world):
    agreement = make_agreement(world)
    version = agreement_services.document_add(
        agreement=agreement,
        by=world.official_same,
        upload=pdf_upload('sopimus"\r\nX-Evil: 1.pdf'),
        title="Sopimusteksti",
    )
    client.force_login(world.official_same)
    response = client.get(reverse("partnerships:document_download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="sopimusX-Evil_1.pdf"'
    assert "X-Evil" not in response.headers or response.headers.get("X-Evil") is None
    assert response["Cache-Control"] == "private, no-store"
