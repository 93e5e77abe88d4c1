"""The words of each notification, for one person: kind and audience choose the template."""

from collections.abc import Callable
from typing import Any

from notifications import deadline_messages as deadlines
from notifications import family_messages as family
from notifications import phone_replies
from notifications import referral_messages as referrals
from notifications import team_messages as team
from notifications.recipients import Recipient, Rendered

__all__ = ["Recipient", "Rendered", "render"]

Template = Callable[[dict[str, Any], Recipient], Rendered | None]

TEMPLATES: dict[tuple[str, str], Template] = {
    ("hearing_reminder", "team"): team.hearing_reminder,
    ("hearing_reminder", "family"): family.hearing_reminder,
    ("follow_up_due", "team"): team.follow_up_due,
    ("escalation", "team"): team.escalation,
    ("notice_to_sue_due", "lead"): deadlines.notice_to_sue_due,
    ("appeal_deadline", "lead"): deadlines.appeal_deadline,
    ("family_call_back", "lead"): phone_replies.family_call_back,
    ("referral_follow_up", "lead"): referrals.referral_follow_up,
    ("motion_deadline", "lead"): deadlines.motion_deadline,
    ("escalation", "advocacy"): team.escalation,
    ("judgment_delivered", "family"): family.judgment_delivered,
    ("payment_received", "family"): family.payment_received,
}
"""Every (kind, audience) a person may hear of; any other pair is sent to no one."""


def render(kind: str, payload: dict[str, Any], to: Recipient) -> Rendered | None:
    """None when this kind is not for this audience (the dispatcher then writes no delivery)."""
    template = TEMPLATES.get((kind, to.audience))
    return template(payload, to) if template is not None else None
