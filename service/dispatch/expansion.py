"""Expanding a notification into one delivery per person who should hear of it."""

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col

from domain.base import utcnow
from domain.outbox import Delivery, DeliveryStatus, Notification
from notifications.messages import Recipient, render
from service.dispatch.rules import DispatchRules
from service.usecases.families.recipients import Person, audience, families

log = logging.getLogger("haki.dispatch")

ADD_DELIVERIES = insert(Delivery).on_conflict_do_nothing().returning(col(Delivery.id))
"""One statement for every batch, the rows passed apart, so it is compiled once."""


async def expand(
    sessions: Any, rules: DispatchRules, now: datetime | None = None
) -> tuple[int, int]:
    """Expands a batch of queued notifications; returns how many, and the deliveries written.

    People are looked up once per audience and case in the batch, not once per notification,
    and the families of all the batch's cases in one statement.
    A notification its template cannot render (a parameter missing) is set aside as
    `unrenderable` and logged, so one bad row never blocks the queue behind it.
    """
    now = now or utcnow()
    async with sessions() as session, session.begin():
        claimed = (
            await session.exec(
                select(Notification)
                .where(col(Notification.status) == "queued")
                .order_by(col(Notification.id))
                .limit(rules.batch)
                .with_for_update(skip_locked=True)
            )
        ).all()
        news = {n.case_id for (n,) in claimed if n.audience == "family" and n.case_id}
        people: dict[tuple[str, Any], list[Person]] = {
            ("family", case_id): found for case_id, found in (await families(session, news)).items()
        }
        rows: list[dict[str, Any]] = []
        unrenderable = []
        for (notification,) in claimed:
            key = (notification.audience, notification.case_id)
            if key not in people:
                people[key] = await audience(session, *key)
            try:
                rows += _deliveries(notification, people[key], rules, now)
            except (KeyError, ValueError, TypeError) as error:
                log.error("notification %s cannot be rendered: %r", notification.id, error)
                unrenderable.append(notification.id)
        connection = await session.connection()
        written = len((await connection.execute(ADD_DELIVERIES, rows)).all()) if rows else 0
        ids = [notification.id for (notification,) in claimed]
        for status, which in (
            ("expanded", set(ids) - set(unrenderable)),
            ("unrenderable", unrenderable),
        ):
            if which:
                await session.exec(
                    update(Notification)
                    .where(col(Notification.id).in_(which))
                    .values(status=status)
                    .execution_options(synchronize_session=False)
                )
    return len(claimed), written


def _deliveries(
    notification: Notification, people: list[Person], rules: DispatchRules, now: datetime
) -> list[dict[str, Any]]:
    rows = []
    for person in people:
        message = render(
            notification.kind, notification.payload, _recipient(person, notification, rules)
        )
        if message is None:
            continue
        rows.append(
            {
                "notification_id": notification.id,
                "channel": person.channel.value,
                "user_id": person.user_id,
                "contact_id": person.contact_id,
                "address": person.address,
                "language": person.language.value,
                "subject": message.subject,
                "body": message.body,
                "status": DeliveryStatus.QUEUED,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
        )
    return rows


def _recipient(person: Person, notification: Notification, rules: DispatchRules) -> Recipient:
    return Recipient(
        audience=notification.audience,
        language=person.language,
        channel=person.channel.value,
        survivor_code=person.survivor_code,
        amounts=person.amounts,
        toll_free=rules.toll_free,
    )
