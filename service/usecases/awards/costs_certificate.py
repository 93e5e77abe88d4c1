"""The certificate of costs: costs taxed after the certificate of order, certified and served
on the Attorney General on their own.

Government Proceedings Act s.21(1) and its proviso: the certificate of order includes costs
taxed before it; costs taxed after it are certified separately. The model is the smallest that
holds that: a costs head carries the day it was taxed (`taxed_on`) and, when taxed after the
certificate of order, the day its own certificate was issued and the day that certificate was
served (`certificate_on`, `served_on`). The award's stage does not move: the award is already
certified and being chased. Each step is an award event, like the taxing of costs itself, and
service of the certificate of costs restarts the award's chase with the Attorney General (the
next follow-up falls due a cadence after it: chase_reminders.py reads it).
"""

import uuid
from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, AwardEvent, AwardHead
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.errors import N_, InvalidInput, NotNow
from service.usecases.accounts.audit import audit
from service.usecases.awards.compensation import locked_award
from statemachines.award_track import UNSETTLED


async def _costs_after_certificate(session: AsyncSession, award: Award) -> list[AwardHead]:
    """Costs taxed after the certificate of order: those that need a certificate of their own."""
    if award.certificate_on is None:
        raise NotNow(
            N_(
                "The certificate of order has not been issued: costs taxed before it are part "
                "of it, so there is no separate certificate of costs to record."
            )
        )
    rows = await session.exec(
        select(AwardHead)
        .where(col(AwardHead.award_id) == award.id, col(AwardHead.taxed_on) > award.certificate_on)
        .order_by(col(AwardHead.id))
    )
    heads = list(rows.all())
    if not heads:
        raise NotNow(
            N_(
                "No costs were taxed after the certificate of order of %(issued)s: the "
                "certificate of order includes all the costs taxed so far."
            ),
            issued=award.certificate_on,
        )
    return heads


def _event(award: Award, trigger: str, on: date, actor: Actor, now: datetime) -> AwardEvent:
    return AwardEvent(
        award_id=award.id,
        trigger=trigger,
        from_stage=award.stage,
        to_stage=award.stage,
        occurred_on=on,
        recorded_at=now,
        recorded_by=actor.user_id,
    )


async def certify_costs(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    issued_on: date,
    now: datetime | None = None,
) -> Award:
    """Records the certificate of costs issued for every costs head taxed after the certificate
    of order and not yet certified; it cannot predate their taxation."""
    now = now or utcnow()
    not_in_future(issued_on, now, "issued_on")
    async with session.begin():
        award = await locked_award(session, award_id)
        if award.stage not in UNSETTLED:
            raise NotNow(
                N_("The award is at the stage %(stage)s: nothing is left to certify."),
                stage=award.stage,
            )
        heads = [
            h for h in await _costs_after_certificate(session, award) if h.certificate_on is None
        ]
        if not heads:
            raise NotNow(
                N_("The costs taxed after the certificate of order are already certified.")
            )
        taxed = max(h.taxed_on for h in heads if h.taxed_on is not None)
        if issued_on < taxed:
            raise InvalidInput(
                N_(
                    "A certificate of costs can be issued from %(taxed)s, when the costs were "
                    "taxed (Government Proceedings Act s.21(1))."
                ),
                "issued_on",
                taxed=taxed,
            )
        for head in heads:
            head.certificate_on = issued_on
        session.add(_event(award, "certify_costs", issued_on, actor, now))
        audit(session, actor, "award.costs_certified", "award", award.id)
    return award


async def serve_costs_certificate(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    served_on: date,
    now: datetime | None = None,
) -> Award:
    """Records service of the certificate of costs on the Attorney General (s.21(2))."""
    now = now or utcnow()
    not_in_future(served_on, now, "served_on")
    async with session.begin():
        award = await locked_award(session, award_id)
        heads = await _costs_after_certificate(session, award)
        waiting = [h for h in heads if h.certificate_on is not None and h.served_on is None]
        if not waiting:
            raise NotNow(
                N_(
                    "No certificate of costs is waiting to be served: record the certificate of "
                    "costs first."
                )
            )
        issued = max(h.certificate_on for h in waiting if h.certificate_on is not None)
        if served_on < issued:
            raise InvalidInput(
                N_(
                    "The certificate of costs was issued on %(issued)s: it cannot be served "
                    "before it was issued."
                ),
                "served_on",
                issued=issued,
            )
        for head in waiting:
            head.served_on = served_on
        session.add(_event(award, "serve_costs_certificate", served_on, actor, now))
        audit(session, actor, "award.costs_certificate_served", "award", award.id)
    return award
