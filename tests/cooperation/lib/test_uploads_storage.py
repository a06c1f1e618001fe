"""The checked bytes of an upload are stored under our own name, and removed
again when the row that should hold them is not stored."""

from __future__ import annotations

import pytest

from cooperation.lib.uploads import check_pdf, stored_upload
from grants.models import ApplicationAttachment
from tests.helpers.files import pdf_upload
from tests.helpers.grants import make_call, submitted

pytestmark = pytest.mark.django_db


def _attachment(world):
    application = submitted(make_call(), world.org_a, world.ngo_admin)
    return ApplicationAttachment(
        application=application, kind="other", original_name="x.pdf", size=1, sha256="0"
    )


def test_the_file_is_stored_under_our_name_not_the_uploaders(world):
    attachment = _attachment(world)
    checked = check_pdf(pdf_upload("../../Hakemus; rm -rf.pdf"), max_bytes=10**6)
    with stored_upload(attachment.file, checked, stem="attachment"):
        pass
    assert "Hakemus" not in attachment.file.name
    assert ".." not in attachment.file.name
    assert attachment.file.name.endswith(".pdf")
    assert attachment.file.storage.exists(attachment.file.name)


def test_the_file_is_removed_when_the_row_is_not_stored(world):
    attachment = _attachment(world)
    checked = check_pdf(pdf_upload(), max_bytes=10**6)
    written = []

    def store_the_row():
        with stored_upload(attachment.file, checked, stem="attachment"):
            written.append(attachment.file.storage.exists(attachment.file.name))
            raise RuntimeError("the row could not be stored")

    with pytest.raises(RuntimeError):
        store_the_row()
    assert written == [True]
    assert not attachment.file.storage.exists(attachment.file.name)
