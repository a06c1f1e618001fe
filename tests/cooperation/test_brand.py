"""The portal's name and logo in the header, kept by the coordinators in the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation.models import Brand
from tests.helpers.files import png_bytes
from tests.helpers.queries import page_queries
from tests.helpers.reading import problems

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_cache")]


@pytest.fixture
def world(world):
    """The shared world has named its portal; these tests start before that."""
    Brand.objects.all().delete()
    return world


def _give(client, user, django_capture_on_commit_callbacks, **fields):
    client.force_login(user)
    data = {"name_fi": "Turun seutu", "name_sv": "Åboregionen", **fields}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("admin:cooperation_brand_add"), data, HTTP_ACCEPT_LANGUAGE="fi")


def test_the_header_names_the_region_of_the_setting_until_a_brand_is_given(client, settings):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert f'<span class="brand-region">{settings.SITE_REGION_NAME}</span>' in page
    assert 'class="brand-logo"' not in page


def test_a_coordinator_gives_the_name_and_logo_and_every_page_shows_them(
    client, world, django_capture_on_commit_callbacks
):
    logo = SimpleUploadedFile("vaakuna.png", png_bytes(), content_type="image/png")
    response = _give(client, world.coordinator, django_capture_on_commit_callbacks, logo=logo)
    assert response.status_code == 302, response.content.decode()[:2000]
    brand = Brand.objects.get()
    # Stored under our own name, whatever the file was called.
    assert brand.logo.name.startswith("brand/logo")
    for language, name in (("fi", "Turun seutu"), ("sv", "Åboregionen")):
        client.logout()
        page = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'<span class="brand-region">{name}</span>' in page
        assert not problems(page, language)
    url = reverse("cooperation:brand_logo", args=[int(brand.updated_at.timestamp())])
    assert f'<img class="brand-logo" src="{url}" alt="" height="40">' in page
    response = client.get(url)
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content) == png_bytes()


def test_without_a_swedish_name_the_swedish_page_shows_the_finnish_one(
    client, world, django_capture_on_commit_callbacks
):
    _give(client, world.coordinator, django_capture_on_commit_callbacks, name_sv="")
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '<span class="brand-region">Turun seutu</span>' in page
    # No logo given: the portal's own mark, and no address of a logo.
    assert 'class="brand-mark"' in page
    assert client.get(reverse("cooperation:brand_logo", args=[1])).status_code == 404


def test_a_changed_name_shows_from_the_next_page_on(
    client, world, django_capture_on_commit_callbacks
):
    _give(client, world.coordinator, django_capture_on_commit_callbacks)
    brand = Brand.objects.get()
    client.get("/")  # the cache now holds the name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:cooperation_brand_change", args=[brand.pk]),
            {"name_fi": "Salon seutu", "name_sv": "Salonejden"},
        )
    assert response.status_code == 302
    assert '<span class="brand-region">Salon seutu</span>' in client.get("/").content.decode()


def test_the_name_is_escaped(client, world, django_capture_on_commit_callbacks):
    _give(client, world.coordinator, django_capture_on_commit_callbacks, name_fi="<b>Seutu</b>")
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "&lt;b&gt;Seutu&lt;/b&gt;" in page
    assert "<b>Seutu</b>" not in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<svg onload=alert(1)></svg>", "Tiedosto ei ole JPEG- tai PNG-kuva."),
        (b"%PDF-1.4 not an image", "Tiedosto ei ole JPEG- tai PNG-kuva."),
        (b"\x89PNG\r\n\x1a\nbroken", "Tiedosto ei ole JPEG- tai PNG-kuva."),
        (png_bytes() + b"\0" * 600_000, "Tiedosto on liian suuri"),
    ],
)
def test_a_logo_that_is_not_a_small_image_is_refused_and_nothing_stored(
    client, world, django_capture_on_commit_callbacks, content, message
):
    logo = SimpleUploadedFile("logo.png", content, content_type="image/png")
    response = _give(client, world.coordinator, django_capture_on_commit_callbacks, logo=logo)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Brand.objects.exists()
    # What was typed is still in the form.
    assert 'value="Turun seutu"' in response.content.decode()


def test_an_official_cannot_give_the_brand(client, world, django_capture_on_commit_callbacks):
    response = _give(client, world.official_same, django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert not Brand.objects.exists()


def test_there_is_one_brand_and_it_is_not_deleted(
    client, world, django_capture_on_commit_callbacks
):
    _give(client, world.coordinator, django_capture_on_commit_callbacks)
    assert client.get(reverse("admin:cooperation_brand_add")).status_code == 403
    brand = Brand.objects.get()
    assert client.get(reverse("admin:cooperation_brand_delete", args=[brand.pk])).status_code == 403


def test_the_brand_costs_no_query_on_a_page(client, world, django_capture_on_commit_callbacks):
    client.get("/")
    without = page_queries(client, "/")
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    _give(client, world.coordinator, django_capture_on_commit_callbacks, logo=logo)
    client.logout()
    client.get("/")  # the first page after the change reads it once
    assert page_queries(client, "/") == without
