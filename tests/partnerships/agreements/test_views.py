"""The register's pages: public and internal lists, one agreement, documents."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.agreements import services
from tests.helpers.agreements import in_force, make_agreement
from tests.helpers.files import pdf_upload
from tests.helpers.queries import get_counted, page_queries
from tests.helpers.reading import table_of_contents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def register(world):
    public = in_force(world, title="Olohuone <b>kaikille</b>")
    draft = make_agreement(world, title="Luonnos")
    services.document_add(
        agreement=public,
        by=world.official_same,
        upload=pdf_upload(),
        title="Sopimus",
        is_public=True,
    )
    services.document_add(
        agreement=public, by=world.official_same, upload=pdf_upload(), title="Budjetti"
    )
    return public, draft


def test_the_public_register_lists_agreements_in_force_escaped_and_no_drafts(client, register):
    page = client.get(reverse("partnerships:register")).content.decode()
    assert "Olohuone &lt;b&gt;kaikille&lt;/b&gt;" in page
    assert "Luonnos" not in page


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"municipality": "853"}, True),
        ({"municipality": "734"}, False),
        ({"kind": "development"}, True),
        ({"kind": "project"}, False),
        ({"q": "Turun Testi"}, True),  # a party's name
        ({"q": "olohuone"}, True),
        ({"q": "kirjasto"}, False),
        ({"year": "2027"}, True),
        ({"year": "2029"}, False),
    ],
)
def test_the_register_filters(client, register, params, found):
    response = client.get(reverse("partnerships:register"), params)
    assert (register[0] in response.context["page"].object_list) == found


def test_a_bad_filter_is_explained_and_lists_nothing(client, register):
    response = client.get(reverse("partnerships:register"), {"year": "abc"})
    assert response.status_code == 200
    assert "year" in response.context["filter"].form.errors
    assert list(response.context["page"]) == []


def test_the_public_sees_the_summary_commitments_and_public_documents_only(client, register):
    public, _draft = register
    page = client.get(reverse("partnerships:agreement_detail", args=[public.pk])).content.decode()
    assert "Sopimus" in page
    assert "Budjetti" not in page
    assert "Viikoittainen olohuoneryhmä" in page  # what each party commits to is public
    assert "Ikäihmisten yksinäisyyden vähentäminen." not in page  # the purpose is internal


def test_a_party_sees_commitments_follow_up_and_all_documents(client, register, world):
    public, _draft = register
    services.follow_up_open(agreement=public, by=world.official_same)
    client.force_login(world.ngo_member)
    page = client.get(reverse("partnerships:agreement_detail", args=[public.pk])).content.decode()
    assert "Viikoittainen olohuoneryhmä" in page
    assert "Budjetti" in page
    assert "Nothing reported yet." in page


def test_the_agreement_page_has_a_table_of_its_sections(client, register, world):
    public, _draft = register
    url = reverse("partnerships:agreement_detail", args=[public.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    # The public reads the parts that are public.
    assert table_of_contents(page, "Tällä sivulla") == [
        "summary-heading",
        "commitments-heading",
        "documents-heading",
    ]
    client.force_login(world.official_same)  # keeps the agreement
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert {"manage-heading", "purpose-heading", "follow-up-heading", "events-heading"} <= set(
        table_of_contents(page, "På den här sidan")
    )


def test_a_draft_is_hidden_from_others(client, register, world):
    _public, draft = register
    url = reverse("partnerships:agreement_detail", args=[draft.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.other_member)
    assert client.get(url).status_code == 404
    client.force_login(world.ngo_admin)
    assert client.get(url).status_code == 200


def test_a_confidential_document_is_served_only_to_insiders(client, register, world):
    public, _draft = register
    secret = public.documents.get(title="Budjetti").versions.get()
    url = reverse("partnerships:document_download", args=[secret.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.other_member)
    assert client.get(url).status_code == 404
    client.force_login(world.ngo_member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_internal_register_puts_overdue_follow_ups_first(client, world):
    calm = in_force(world, title="Ajallaan", starts_on=date(2026, 6, 1))
    late = in_force(world, title="Myöhässä", starts_on=date(2024, 1, 1))
    services.follow_up_open(agreement=late, by=None)  # 2024, long overdue
    client.force_login(world.official_same)
    response = client.get(reverse("partnerships:internal_register"))
    titles = [a.title for a in response.context["page"]]
    assert titles[0] == "Myöhässä"
    assert calm.title in titles
    assert "overdue since" in response.content.decode()


def test_the_internal_register_shows_only_ones_own(client, register, world):
    client.force_login(world.other_member)
    response = client.get(reverse("partnerships:internal_register"))
    assert list(response.context["page"]) == []


@pytest.mark.parametrize("name", ["partnerships:register", "partnerships:internal_register"])
def test_register_pages_have_a_fixed_query_count(client, world, name):
    client.force_login(world.official_same)
    url = reverse(name)
    in_force(world)
    client.get(url)
    few = page_queries(client, url)
    for n in range(6):
        agreement = in_force(world, title=f"Sopimus {n}", parties=[world.org_a, world.org_b])
        services.follow_up_open(agreement=agreement, by=None)
    assert page_queries(client, url) == few


def test_the_agreement_page_has_a_fixed_query_count(client, world):
    agreement = in_force(world)
    client.force_login(world.official_same)
    url = reverse("partnerships:agreement_detail", args=[agreement.pk])
    round_ = services.follow_up_open(agreement=agreement, by=None)
    services.follow_up_comment(round=round_, by=world.official_same, text="Aloitetaan")
    services.document_add(
        agreement=agreement, by=world.official_same, upload=pdf_upload(), title="Sopimus"
    )
    client.get(url)
    few = page_queries(client, url)
    for commitment in agreement.commitments.all():
        services.follow_up_report(
            round=round_, commitment=commitment, by=world.official_same, fulfilment="done"
        )
    services.follow_up_comment(round=round_, by=world.ngo_admin, text="Kiitos")
    services.follow_up_open(agreement=agreement, by=None)
    for n in range(3):
        services.document_add(
            agreement=agreement, by=world.official_same, upload=pdf_upload(), title=f"Liite {n}"
        )
    assert page_queries(client, url) == few


# --- Keeping the register ---------------------------------------------------------


def _agreement_post(world, **overrides):
    data = {
        "kind": "development",
        "title": "Perhekahvilan kumppanuus",
        "purpose": "Lapsiperheiden tuki.",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "follow_up_months": "12",
        "organisations": [str(world.org_a.pk)],
    }
    data.update(overrides)
    return data


def test_an_official_creates_adds_commitments_and_brings_into_force(client, world):
    client.force_login(world.official_same)
    response = client.post(reverse("partnerships:agreement_create"), _agreement_post(world))
    from partnerships.models import Agreement

    agreement = Agreement.objects.get()
    assert response.url == reverse("partnerships:agreement_detail", args=[agreement.pk])
    status_url = reverse("partnerships:agreement_status", args=[agreement.pk])
    page = client.post(status_url, {"action": "bring_into_force"}, follow=True).content.decode()
    assert "before the agreement comes into force" in page  # no commitments yet
    client.post(
        reverse("partnerships:commitment_add", args=[agreement.pk]),
        {
            "party": str(world.org_a.pk),
            "description": "Viikoittainen ryhmä",
            "measure": "40 kertaa",
        },
    )
    client.post(status_url, {"action": "bring_into_force"})
    agreement.refresh_from_db()
    assert agreement.status == "in_force"
    assert agreement.commitments.get().organisation == world.org_a


def test_a_bad_agreement_form_keeps_what_was_written_and_stores_nothing(client, world):
    client.force_login(world.official_same)
    response = client.post(
        reverse("partnerships:agreement_create"),
        _agreement_post(world, ends_on="2025-01-01", kind="facility"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Perhekahvilan kumppanuus" in page
    assert "cannot end before it starts" in page
    from partnerships.models import Agreement

    assert not Agreement.objects.exists()


def test_amending_an_agreement_in_force_asks_for_the_reason(client, world):
    agreement = in_force(world)
    client.force_login(world.official_same)
    url = reverse("partnerships:agreement_edit", args=[agreement.pk])
    response = client.post(url, _agreement_post(world, title="Uusi nimi"))
    assert response.status_code == 400
    assert "say why it is changed" in response.content.decode()
    response = client.post(url, _agreement_post(world, title="Uusi nimi", reason="Laajennus"))
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Uusi nimi", 2)


def test_the_funder_decision_is_recorded_from_the_page(client, world):
    agreement = make_agreement(world, kind="project", funder="STEA")
    client.force_login(world.official_same)
    client.post(
        reverse("partnerships:agreement_status", args=[agreement.pk]), {"action": "send_to_funder"}
    )
    client.post(
        reverse("partnerships:agreement_funder", args=[agreement.pk]),
        {"positive": "1", "decided_on": "2026-03-01"},
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.funder_decided_on) == ("in_force", date(2026, 3, 1))


def test_a_disguised_document_is_refused_with_a_message(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    agreement = make_agreement(world)
    client.force_login(world.official_same)
    fake = SimpleUploadedFile("sopimus.pdf", b"PK\x03\x04zip", "application/pdf")
    page = client.post(
        reverse("partnerships:document_upload", args=[agreement.pk]),
        {"title": "Sopimus", "file": fake},
        follow=True,
    ).content.decode()
    assert "not a PDF" in page
    assert not agreement.documents.exists()


def test_each_party_reports_in_the_follow_up_and_comments(client, world):
    agreement = in_force(world)
    client.force_login(world.official_same)
    response = client.post(reverse("partnerships:follow_up_open", args=[agreement.pk]))
    round_ = agreement.follow_ups.get()
    assert response.url == reverse("partnerships:follow_up_detail", args=[round_.pk])
    ngo_commitment = agreement.commitments.get(organisation=world.org_a)
    client.force_login(world.ngo_member)
    url = reverse("partnerships:follow_up_detail", args=[round_.pk])
    page = client.get(url)
    forms = [form for _c, _e, form in page.context["rows"] if form is not None]
    assert len(forms) == 1  # only the organisation's own commitment
    prefix = f"c{ngo_commitment.pk}"
    bad = client.post(url, {"commitment": ngo_commitment.pk, f"{prefix}-fulfilment": "maybe"})
    assert bad.status_code == 400
    client.post(
        url,
        {
            "commitment": ngo_commitment.pk,
            f"{prefix}-fulfilment": "partly",
            f"{prefix}-figure": "31",
            f"{prefix}-note": "Kesätauko",
        },
    )
    entry = round_.entries.get()
    assert (entry.fulfilment, entry.reported_by) == ("partly", world.ngo_member)
    # The organisation cannot report on the city's commitment.
    city = agreement.commitments.get(organisation=None)
    assert (
        client.post(url, {"commitment": city.pk, f"c{city.pk}-fulfilment": "done"}).status_code
        == 404
    )
    client.post(
        reverse("partnerships:follow_up_comment", args=[round_.pk]), {"text": "Syksyllä jatkuu."}
    )
    assert round_.comments.get().author == world.ngo_member


# --- Exports --------------------------------------------------------------------


def test_the_agreement_pdf_has_the_internal_parts_only_for_insiders(client, register, world):
    import io

    from pypdf import PdfReader

    public, _draft = register
    url = reverse("partnerships:agreement_pdf", args=[public.pk])

    def text(response):
        return "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )

    assert "Viikoittainen" not in text(client.get(url))
    client.force_login(world.ngo_member)
    assert "Viikoittainen" in text(client.get(url))


def test_the_register_pdf_is_the_officials_municipality_for_its_board(client, world, settings):
    import io

    from pypdf import PdfReader

    settings.AGREEMENT_REGISTER_PDF_PART = 2  # three agreements: laid out in two parts
    for n in range(3):
        in_force(world, title=f"Sopimus {n}")
    make_agreement(world, title="Luonnos")
    client.force_login(world.official_same)
    response = client.get(reverse("partnerships:register_pdf"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert all(f"Sopimus {n}" in text for n in range(3))
    assert "Luonnos" not in text  # drafts are not reported to the board
    client.force_login(world.coordinator)
    assert client.get(reverse("partnerships:register_pdf")).status_code == 404  # names none
    ok = client.get(reverse("partnerships:register_pdf"), {"municipality": "853"})
    assert ok.status_code == 200


def test_the_coordinator_is_offered_the_board_pdf_once_a_municipality_is_chosen(client, world):
    client.force_login(world.coordinator)
    pdf = reverse("partnerships:register_pdf")
    page = client.get(reverse("partnerships:internal_register")).content.decode()
    assert pdf not in page  # it would answer 404: no municipality named
    assert "Choose a municipality above" in page
    page = client.get(reverse("partnerships:internal_register"), {"municipality": "853"})
    link = re.search(rf'href="({re.escape(pdf)}[^"]*)"', page.content.decode()).group(1)
    assert client.get(link.replace("&amp;", "&")).status_code == 200


def test_the_csv_of_the_public_register_follows_the_filters_and_is_safe(client, world):
    in_force(world, title="=HYPERLINK(evil)")
    in_force(world, title="Toinen", kind="project")
    csv = client.get(reverse("partnerships:register_csv"), {"kind": "development"}).content.decode()
    assert "'=HYPERLINK(evil)" in csv
    assert "Toinen" not in csv
    assert "1.1.2026" in csv  # Finnish dates


def test_the_party_sends_its_yearly_report_and_plan_as_a_pdf(client, world):
    agreement = in_force(world)
    services.annual_reports_open_due(today=date(2026, 5, 1))
    report = agreement.annual_reports.get()
    client.force_login(world.ngo_admin)
    page = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk]))
    assert page.context["annual_form"] is not None
    url = reverse("partnerships:annual_report_submit", args=[report.pk])
    refused = client.post(url, {}, follow=True).content.decode()
    assert "upload the report and plan" in refused
    client.post(url, {"file": pdf_upload()})
    report.refresh_from_db()
    assert report.received_at is not None
    assert report.document is not None


def test_an_earlier_version_stays_readable_for_insiders(client, world):
    agreement = in_force(world, title="Alkuperäinen <i>nimi</i>")
    services.agreement_save(
        agreement=agreement,
        by=world.official_same,
        fields={"title": "Uusi nimi"},
        organisations=[world.org_a],
        reason="Nimi muuttui.",
    )
    url = reverse("partnerships:version_detail", args=[agreement.pk, 1])
    client.force_login(world.ngo_member)
    page = client.get(url).content.decode()
    assert "Alkuperäinen &lt;i&gt;nimi&lt;/i&gt;" in page
    assert "Viikoittainen olohuoneryhmä." in page
    assert "1.1.2026" in page
    assert "Nimi muuttui." in page
    client.force_login(world.other_member)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404  # the public sees the agreement, not its history
    assert (
        client.get(reverse("partnerships:version_detail", args=[agreement.pk, 9])).status_code
        == 404
    )


def test_a_facility_partnership_lists_its_bookable_spaces_on_its_page(client, world):
    from partnerships.models import Agreement
    from tests.helpers.facilities import make_space

    room = make_space()
    client.force_login(world.official_same)
    form = client.get(reverse("partnerships:agreement_create")).content.decode()
    assert "Kokoustila Aura" in form
    response = client.post(
        reverse("partnerships:agreement_create"),
        _agreement_post(
            world,
            kind="facility",
            free_of_charge="on",
            free_of_charge_reason="Vertaisryhmät",
            premises="Kokoustila Aura",
            spaces=[str(room.pk)],
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    agreement = Agreement.objects.get()
    assert list(agreement.spaces.all()) == [room]
    page = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk]))
    assert reverse("facilities:space_detail", args=[room.pk]) in page.content.decode()


def test_the_public_register_csv_is_remembered_per_filter_and_follows_the_writes(
    client, world, own_cache, django_capture_on_commit_callbacks
):
    """Anyone may load the whole register as a spreadsheet: its rows are made
    at most once a period per language and filter, and again after a change."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    own_cache.PUBLIC_SUMMARY_SECONDS = 300
    own_cache.PUBLIC_SUMMARY_MIN_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        first = in_force(world, title="Ensimmäinen")
    url = reverse("partnerships:register_csv")

    def agreement_queries(params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200
        sql = [q["sql"] for q in queries.captured_queries if "partnerships_agreement" in q["sql"]]
        return sql, response.content.decode()

    made, csv = agreement_queries({})
    assert made
    assert "Ensimmäinen" in csv
    # Parameters that are no filter make no new spreadsheet.
    assert agreement_queries({"junk": "1"})[0] == []
    assert agreement_queries({})[0] == []
    with django_capture_on_commit_callbacks(execute=True):
        first.title = "Uusi nimi"
        first.save()
    made, csv = agreement_queries({})
    assert made
    assert "Uusi nimi" in csv


def test_the_public_page_shows_the_commitments_and_what_the_follow_up_found(client, world):
    agreement = in_force(world)
    round_ = services.follow_up_open(agreement=agreement, by=world.official_same)
    ours = agreement.commitments.get(organisation=world.org_a)
    services.follow_up_report(
        round=round_,
        commitment=ours,
        by=world.ngo_admin,
        fulfilment="done",
        figure=38,
        note="Kaksi kertaa peruttiin sairastumisten vuoksi.",
    )
    services.follow_up_comment(round=round_, by=world.official_same, text="Hyvä vuosi.")
    url = reverse("partnerships:agreement_detail", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert "Viikoittainen olohuoneryhmä." in page  # what each party commits to
    assert "Kerhohuone maksutta käyttöön." in page
    # A round still open is not public. The figure is looked for as it is
    # printed, "(38)": a bare "38" also turns up in a nonce or a key.
    assert "How the follow-ups found it" not in page
    assert "(38)" not in page
    services.follow_up_close(round=round_, by=world.official_same)
    response, _ = get_counted(client, url)
    page = response.content.decode()
    assert "How the follow-ups found it" in page
    assert "(38)" in page
    # The parties' working papers stay internal.
    assert "sairastumisten" not in page
    assert "Hyvä vuosi." not in page
    assert reverse("partnerships:follow_up_detail", args=[round_.pk]) not in page
