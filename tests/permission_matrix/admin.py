"""The admin: what each kind of model's pages answer, and the admin site's own pages."""

from tests.permission_matrix.rows import LOGIN, NOT_ADMIN  # noqa: F401

# page -> status, for: (official of the object's municipality, official elsewhere, coordinator)
ADMIN_EXPECTATIONS = {
    "scoped": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 200),
        "change": (200, 404, 200),
        "delete": (403, 404, 200),
        "history": (200, 404, 200),
    },
    "scoped_readonly": {  # invitations are sent from the organisation's pages only
        "changelist": (200, 200, 200),
        "add": (403, 403, 403),
        "change": (200, 404, 200),
        "delete": (403, 404, 200),
        "history": (200, 404, 200),
    },
    "shared": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 200),
        "change": (200, 200, 200),
        "delete": (403, 403, 200),
        "history": (200, 200, 200),
    },
    "reference": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 403),
        "change": (200, 200, 200),
        "delete": (403, 403, 403),
        "history": (200, 200, 200),
    },
    "people": {
        "changelist": (403, 403, 200),
        "add": (403, 403, 403),
        "change": (404, 404, 200),
        "delete": (404, 404, 403),
        "history": (404, 404, 200),
    },
    # Signals, digests and links: the municipality's NGO team works on its own;
    # coordinators read everything; nobody adds them in the admin.
    "team_record": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 403),
        "change": (200, 404, 200),
        "delete": (403, 404, 403),
        "history": (200, 404, 200),
    },
    # Signal topics: a regional list kept by NGO teams and coordinators.
    "team_list": {
        "changelist": (200, 200, 200),
        "add": (200, 200, 200),
        "change": (200, 200, 200),
        "delete": (200, 200, 200),
        "history": (200, 200, 200),
    },
    # Grant calls and networks: the municipality's grant officers keep their own;
    # coordinators read them.
    "officer_record": {
        "changelist": (200, 200, 200),
        "add": (200, 200, 403),
        "change": (200, 404, 200),
        "delete": (200, 404, 403),
        "history": (200, 404, 200),
    },
    # Spaces of the catalogue: each municipality's facility managers keep theirs;
    # coordinators read the public catalogue, not the admin.
    "premises": {
        "changelist": (200, 200, 403),
        "add": (200, 200, 403),
        "change": (200, 404, 404),
        "delete": (200, 404, 404),
        "history": (200, 404, 404),
    },
    # Applications and reports change only through the officer's pages.
    "officer_readonly": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 403),
        "change": (200, 404, 200),
        "delete": (403, 404, 403),
        "history": (200, 404, 200),
    },
    # The checklist's texts: coordinators keep them; an edition in use is read-only
    # (it cannot be deleted); officials do not see them in the admin.
    "model_texts": {
        "changelist": (403, 403, 200),
        "add": (403, 403, 200),
        "change": (404, 404, 200),
        "delete": (404, 404, 403),
        "history": (404, 404, 200),
    },
    # Forums, councils and guiding documents: each municipality's liaison persons
    # keep theirs; coordinators keep all.
    "liaison_record": {
        "changelist": (200, 200, 200),
        "add": (200, 200, 200),
        "change": (200, 404, 200),
        "delete": (200, 404, 200),
        "history": (200, 404, 200),
    },
    # Accessibility feedback: the coordinators answer it; it comes only from the form.
    "feedback": {
        "changelist": (403, 403, 200),
        "add": (403, 403, 403),
        "change": (404, 404, 200),
        "delete": (404, 404, 200),
        "history": (404, 404, 200),
    },
    # The portal's name and logo: one row, the coordinators keep it, never delete it.
    "brand": {
        "changelist": (403, 403, 200),
        "add": (403, 403, 403),  # the world's row exists (none: tests/cooperation/test_brand.py)
        "change": (404, 404, 200),
        "delete": (404, 404, 403),
        "history": (404, 404, 200),
    },
    "technical": {
        "changelist": (403, 403, 403),
        "add": (403, 403, 403),
        "change": (403, 403, 403),
        "delete": (403, 403, 403),
        "history": (403, 403, 403),
    },
}

ADMIN_SITE_PAGES = {
    "admin:index": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
    "admin:login": (
        "get",
        None,
        {
            **NOT_ADMIN,
            "anonymous": 302,
            "official_same": 302,
            "official_other": 302,
            "coordinator": 302,
        },
    ),
    "admin:logout": (
        "post",
        None,
        {
            **NOT_ADMIN,
            "anonymous": 302,
            "official_same": 302,
            "official_other": 302,
            "coordinator": 302,
        },
    ),
    "admin:password_change": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
    "admin:password_change_done": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
    "admin:jsi18n": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
    "admin:autocomplete": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 403, "official_other": 403, "coordinator": 403},
    ),
    "admin:app_list": (
        "get",
        lambda w: {"app_label": "cooperation"},
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
}
