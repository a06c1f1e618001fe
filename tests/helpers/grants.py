"""Grant records for tests, made through the services where the result matters."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cooperation.lib.references import new_reference
from cooperation.models import OfficialRole, User
from grants import services
from grants.models import Application, Criterion, GrantCall
from grants.services import LineInput
from tests.factories import municipality
from tests.helpers.files import pdf_upload
from tests.helpers.officials import official_with


def make_call(**overrides) -> GrantCall:
    now = timezone.now()
    fields = {
        "municipality": municipality("853"),
        "title_fi": "Yleisavustukset 2027",
        "title_sv": "Allmänna understöd 2027",
        "guidelines_fi": "Avustusta voi hakea rekisteröity yhdistys.",
        "budget": Decimal("10000.00"),
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "required_attachments": ["action_plan"],
        "is_published": True,
    }
    fields.update(overrides)
    call = GrantCall.objects.create(**fields)
    Criterion.objects.create(call=call, name_fi="Vaikuttavuus", weight=2, position=1)
    Criterion.objects.create(call=call, name_fi="Toteutettavuus", weight=1, position=2)
    return call


def complete_draft(
    call: GrantCall, organisation, by: User, *, requested: str = "3000.00"
) -> Application:
    """A draft with everything a submission needs, made through the services."""
    application = services.application_create(
        call=call, organisation=organisation, by=by, title="Olohuonetoiminta"
    )
    amount = Decimal(requested)
    services.application_save(
        application=application,
        by=by,
        fields={"purpose": "Avoin kohtaamispaikka ikäihmisille."},
        requested_amount=amount,
        lines=[
            LineInput("cost", "Tilavuokra", amount + Decimal("500.00")),
            LineInput("income", "Osallistumismaksut", Decimal("500.00")),
        ],
    )
    for kind in call.required_attachments:
        services.attachment_add(application=application, kind=kind, upload=pdf_upload(), by=by)
    application.refresh_from_db()
    return application


def submitted(call, organisation, admin, **kwargs) -> Application:
    application = complete_draft(call, organisation, admin, **kwargs)
    return services.application_submit(application=application, by=admin)


def in_review(grants, organisation, admin, **kwargs) -> Application:
    application = submitted(grants.call, organisation, admin, **kwargs)
    return services.application_screen(application=application, by=grants.officer, eligible=True)


def close(call: GrantCall) -> GrantCall:
    """Close an open call now: an annual call is decided only once it has closed."""
    now = timezone.now()
    if call.closes_at > now:
        GrantCall.objects.filter(pk=call.pk).update(closes_at=now - timedelta(seconds=1))
        call.closes_at = now - timedelta(seconds=1)
    return call


def decide(*, application: Application, **kwargs) -> Application:
    """services.application_decide, once the application's call may be decided
    (an annual call that is still open is closed first)."""
    if not application.call.decidable():
        close(application.call)
    return services.application_decide(application=application, **kwargs)


def in_review_for_matrix(call: GrantCall, world) -> Application:
    """org_a's application to `call`, granted, with its report open."""
    application = submitted(call, world.org_a, world.ngo_admin)
    officer = official_with(OfficialRole.Role.GRANT_OFFICER)
    services.application_screen(application=application, by=officer, eligible=True)
    return decide(
        application=application, by=officer, grant=True, amount=Decimal("100"), reasoning="Ok."
    )


def decided(
    call: GrantCall,
    organisation,
    *,
    requested: str | None = None,
    granted: str | None = None,
    themes=(),
    size: str = "",
) -> Application:
    """A decided application written straight to the database: for tests that
    read figures, not for the path there (which test_services covers)."""
    status = Application.Status.GRANTED if granted is not None else Application.Status.REJECTED
    application = Application.objects.create(
        call=call,
        organisation=organisation,
        reference=new_reference("A"),
        title=f"Toiminta {organisation.name}",
        status=status,
        requested_amount=Decimal(requested or granted or "1000"),
        granted_amount=Decimal(granted) if granted is not None else None,
        organisation_size=size,
        submitted_at=call.closes_at - timedelta(days=1),
        decided_at=call.closes_at + timedelta(days=30),
    )
    application.themes.set(themes)
    return application


def closed_call(year: int, code: str = "853", *, published: bool = True, **overrides) -> GrantCall:
    """A call of `year` (closed in March, Helsinki) with its decisions published."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    closes = datetime(year, 3, 31, 16, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    return make_call(
        municipality=municipality(code),
        title_fi=f"Avustukset {year}",
        opens_at=closes - timedelta(days=60),
        closes_at=closes,
        budget=Decimal("1000000"),
        decisions_published_at=closes + timedelta(days=40) if published else None,
        **overrides,
    )
