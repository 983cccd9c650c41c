"""The pydantic models: the single source of truth for files, JSON Schema and docs."""

from vvgctl.models.common import Link, PersonRef, TimeOfDay, TimeRange
from vvgctl.models.item import (
    Action,
    Decision,
    DecisionPart,
    DecisionType,
    DocumentRef,
    FollowUp,
    Item,
    ItemKind,
    SubItem,
    Table,
)
from vvgctl.models.meeting import (
    Attendance,
    Guest,
    Interlude,
    Meeting,
    MeetingMode,
    PreviousMinutes,
    RosterGroup,
    RosterMember,
    Status,
)
from vvgctl.models.registry import Delegation, Membership, Organ, Person, Registry

__all__ = [
    "Action",
    "Attendance",
    "Decision",
    "DecisionPart",
    "DecisionType",
    "Delegation",
    "DocumentRef",
    "FollowUp",
    "Guest",
    "Interlude",
    "Item",
    "ItemKind",
    "Link",
    "Meeting",
    "MeetingMode",
    "Membership",
    "Organ",
    "Person",
    "PersonRef",
    "PreviousMinutes",
    "Registry",
    "RosterGroup",
    "RosterMember",
    "Status",
    "SubItem",
    "Table",
    "TimeOfDay",
    "TimeRange",
]
