"""Correcting the ledger over HTTP, what is refused: a reversal the ledger does not allow
writes nothing, an entry of another award is not found, reversals are audited, and the
database keeps the ledger append-only and each reversal to its shape."""

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.e2e.helpers import Client, award_on
from tests.e2e.reversing import chased, disbursed, paid, reverse


async def ledger(engine: AsyncEngine) -> tuple[Any, ...]:
    async with engine.connect() as connection:
        row = await connection.execute(
            text(
                "SELECT (SELECT count(*) FROM payments_received),"
                " (SELECT count(*) FROM disbursements),"
                " (SELECT count(*) FROM award_events),"
                " (SELECT count(*) FROM case_events),"
                " (SELECT count(*) FROM audit_events),"
                " (SELECT string_agg(stage || version, ',') FROM awards)"
            )
        )
        return tuple(row.one())


@pytest.mark.parametrize(
    ("entry", "body", "status", "phrase"),
    [
        ("payment", {}, 409, "was already reversed, on 1 February 2022"),
        ("reversal", {}, 409, "is itself the reversal of entry"),
        ("payment", {"reversed_on": "2999-01-01"}, 422, "is in the future"),
        ("other", {"reversed_on": "2022-03-01"}, 422, "before the entry it reverses"),
        ("other", {"version": 1}, 409, "you sent version 1"),
        ("unknown", {}, 404, "has no entry 9223372036854775807"),
        ("too large", {}, 404, "has no entry 9223372036854775808"),
        ("payment", {"reason": ""}, 400, "reason"),
        ("payment", {"amount": "1"}, 400, "amount"),
    ],
)
async def test_refused_reversals_write_nothing(
    client: Client,
    engine: AsyncEngine,
    entry: str,
    body: dict[str, Any],
    status: int,
    phrase: str,
) -> None:
    _, award = await chased(client)
    first = await paid(client, award, "2021-12-31", "200000.00")
    done = await reverse(client, award, "payments", first, "2022-02-01")
    other = await paid(client, award, "2022-06-30", "1000.00")
    ids = {
        "payment": first,
        "reversal": done.json()["id"],
        "other": other,
        "unknown": 2**63 - 1,
        "too large": 2**63,
    }
    before = await ledger(engine)
    answer = await reverse(client, award, "payments", ids[entry], "2022-07-01", **body)
    assert answer.status_code == status, answer.text
    assert phrase in answer.json()["detail"]
    assert await ledger(engine) == before


async def test_an_entry_of_another_award_is_not_found(client: Client) -> None:
    case, award = await chased(client)
    entry = await paid(client, award, "2021-12-31", "1000.00")
    stranger = await award_on(client, case)
    answer = await reverse(client, stranger, "payments", entry, "2022-01-05")
    assert answer.status_code == 404
    assert answer.json()["detail"] == f"This award's ledger has no entry {entry}."


async def test_reversals_are_audited_and_the_ledger_still_cannot_be_edited(
    client: Client, engine: AsyncEngine
) -> None:
    _, award = await chased(client)
    entry = await paid(client, award, "2021-12-31", "1000.00")
    sent = (await disbursed(client, award, "2022-01-02", "500.00")).json()["id"]
    assert (await reverse(client, award, "disbursements", sent, "2022-01-03")).status_code == 201
    assert (await reverse(client, award, "payments", entry, "2022-01-04")).status_code == 201
    async with engine.connect() as connection:
        audited = await connection.execute(
            text("SELECT action, detail FROM audit_events WHERE action LIKE 'award.reverse%'")
        )
        assert sorted(audited.all()) == [
            ("award.reverse_disbursement", {"amount": "500.00", "disbursement_id": sent}),
            ("award.reverse_payment", {"payment_id": entry}),
        ]
    for change in (
        "UPDATE payments_received SET amount = 1000.00 WHERE reverses_id IS NOT NULL",
        "DELETE FROM payments_received WHERE reverses_id IS NOT NULL",
        "UPDATE disbursements SET reason = 'none' WHERE reverses_id IS NOT NULL",
        "DELETE FROM disbursements",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as connection:
                await connection.execute(text(change))


@pytest.mark.parametrize(
    "row",
    [
        "(reverses_id, reason) VALUES (NULL, 'a reason on an entry that reverses nothing')",
        "(reverses_id, reason) VALUES ({entry}, NULL)",
    ],
)
async def test_the_database_holds_a_reversal_to_its_shape(
    client: Client, engine: AsyncEngine, row: str
) -> None:
    """Negative with a reason and the row it reverses, or positive with neither."""
    _, award = await chased(client)
    entry = await paid(client, award, "2021-12-31", "1000.00")
    columns, values = row.format(entry=entry).split(" VALUES ")
    with pytest.raises(DBAPIError, match="ck_payments_received_reversal"):
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO payments_received (award_id, received_on, amount, payer,"
                    f" reference, recorded_at, {columns[1:-1]}) VALUES ('{award['id']}',"
                    f" '2022-01-01', -1000.00, 'x', 'y', now(), {values[1:-1]})"
                )
            )
