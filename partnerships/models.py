"""The partnerships app's models, for Django and for callers that want one import
path: the agreements' (partnerships/agreements/) and the facilities'
(partnerships/facilities/)."""

from .agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementEvent,
    AgreementVersion,
    AnnualReport,
    Commitment,
    DocumentVersion,
    FollowUpComment,
    FollowUpEntry,
    FollowUpNeedResult,
    FollowUpRound,
    Notice,
)
from .facilities.models import (
    LONGEST_BOOKING,
    Booking,
    BookingSeries,
    CalendarFeed,
    Occupancy,
    OpeningException,
    OpeningHours,
    Space,
    SpacePhoto,
)
from .statements.models import StatementEndorsement, StatementEvent, StatementRequest

__all__ = [
    "LONGEST_BOOKING",
    "Agreement",
    "AgreementDocument",
    "AgreementEvent",
    "AgreementVersion",
    "AnnualReport",
    "Booking",
    "BookingSeries",
    "CalendarFeed",
    "Commitment",
    "DocumentVersion",
    "FollowUpComment",
    "FollowUpEntry",
    "FollowUpNeedResult",
    "FollowUpRound",
    "Notice",
    "Occupancy",
    "OpeningException",
    "OpeningHours",
    "Space",
    "SpacePhoto",
    "StatementEndorsement",
    "StatementEvent",
    "StatementRequest",
]
