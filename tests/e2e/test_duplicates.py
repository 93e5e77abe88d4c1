"""The same money or the same court date sent again without an `Idempotency-Key` is refused
with a 409 in words, by a unique index: twenty identical requests at once book one."""

import asyncio
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, open_case
from tests.e2e.test_hearings import nairobi_at

TWENTY = 20


async def served(client: Client, **case: str) -> dict[str, Any]:
    award = await award_on(client, await judged(client, **case))
    await chase(client, award, *SERVED)
    return award


def payment(
    reference: str = "TR/0060", amount: str = "50000.00", on: str = "2021-12-31"
) -> dict[str, str]:
    return {
        "received_on": on,
        "amount": amount,
        "payer": "National Treasury",
        "reference": reference,
    }


def disbursement(reference: str = "QK7XY12AB", amount: str = "1000.00") -> dict[str, str]:
    return {
        "paid_on": "2022-01-05",
        "amount": amount,
        "method": "mpesa",
        "beneficiary": "the survivor",
        "reference": reference,
    }


async def count(engine: AsyncEngine, table: str) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_a_payment_sent_again_is_refused_in_words_and_written_once(
    client: Client, engine: AsyncEngine
) -> None:
    award = await served(client)
    first = await client.post(f"/awards/{award['id']}/payments", json=payment())
    assert first.status_code == 201, first.text
    before = [
        await count(engine, t) for t in ("payments_received", "award_events", "notifications")
    ]
    again = await client.post(f"/awards/{award['id']}/payments", json=payment())
    assert again.status_code == 409, again.text
    assert again.json()["detail"] == (
        "A payment with the reference TR/0060 is already recorded on this award, received on "
        "31 December 2021; if the State paid twice, record the second payment with its own "
        "reference."
    )
    after = [await count(engine, t) for t in ("payments_received", "award_events", "notifications")]
    assert after == before, "nothing written: no second ledger row, event or message"
    # a reference is the award's own: another award may carry the same one
    other = await served(client, court_number="Petition E32 of 2020", reference="HAKI/2")
    assert (await client.post(f"/awards/{other['id']}/payments", json=payment())).status_code == 201


async def test_twenty_identical_payments_at_once_book_one(
    client: Client, engine: AsyncEngine
) -> None:
    award = await served(client)
    url = f"/awards/{award['id']}/payments"
    answers = await asyncio.gather(*(client.post(url, json=payment()) for _ in range(TWENTY)))
    assert sorted(a.status_code for a in answers) == [201] + [409] * (TWENTY - 1)
    assert await count(engine, "payments_received") == 1
    statement = await client.get(f"/awards/{award['id']}/statement?as_of=2022-01-01")
    assert statement.json()["paid"] == "50000.00"


async def test_a_reversed_payment_may_be_entered_again_once(client: Client) -> None:
    """A reversal followed by the correct entry is how a bookkeeper puts a mistake right."""
    award = await served(client)
    url = f"/awards/{award['id']}/payments"
    wrong = await client.post(url, json=payment(amount="5000.00"))
    reversed_ = await client.post(
        f"{url}/{wrong.json()['id']}/reversal",
        json={"reversed_on": "2022-01-02", "reason": "typed 5,000 for 50,000"},
    )
    assert reversed_.status_code == 201, reversed_.text
    right = await client.post(url, json=payment(on="2022-01-02"))
    assert right.status_code == 201, right.text
    twice = await client.post(url, json=payment(on="2022-01-02"))
    assert twice.status_code == 409 and "TR/0060" in twice.json()["detail"]
    # and the correct one reversed in turn may be entered again, once more
    await client.post(
        f"{url}/{right.json()['id']}/reversal",
        json={"reversed_on": "2022-01-03", "reason": "cheque returned unpaid"},
    )
    assert (await client.post(url, json=payment(on="2022-01-03"))).status_code == 201
    statement = await client.get(f"/awards/{award['id']}/statement?as_of=2022-01-05")
    assert statement.json()["paid"] == "50000.00"


async def test_a_disbursement_sent_again_is_refused_unless_reversed(
    client: Client, engine: AsyncEngine
) -> None:
    award = await served(client)
    assert (await client.post(f"/awards/{award['id']}/payments", json=payment())).status_code == 201
    url = f"/awards/{award['id']}/disbursements"
    answers = await asyncio.gather(*(client.post(url, json=disbursement()) for _ in range(TWENTY)))
    assert sorted(a.status_code for a in answers) == [201] + [409] * (TWENTY - 1)
    refused = next(a for a in answers if a.status_code == 409)
    assert refused.json()["detail"] == (
        "Money passed on with the reference QK7XY12AB is already recorded on this award, paid "
        "on 5 January 2022; if the money was sent twice, record the second with its own "
        "reference."
    )
    assert await count(engine, "disbursements") == 1
    sent = next(a for a in answers if a.status_code == 201).json()["id"]
    await client.post(
        f"{url}/{sent}/reversal", json={"reversed_on": "2022-01-06", "reason": "wrong number"}
    )
    assert (await client.post(url, json=disbursement())).status_code == 201


async def test_the_database_itself_refuses_a_second_live_entry_with_a_reference(
    client: Client, engine: AsyncEngine
) -> None:
    """The rule is an index, not a look before writing: a write by any path meets it."""
    award = await served(client)
    assert (await client.post(f"/awards/{award['id']}/payments", json=payment())).status_code == 201
    with pytest.raises(IntegrityError, match="uq_payments_received_live_reference"):
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO payments_received (award_id, received_on, amount, payer,"
                    " reference, recorded_at, prior_reversals)"
                    " SELECT award_id, received_on, amount, payer, reference, recorded_at,"
                    " prior_reversals FROM payments_received"
                )
            )


def hearing(**overrides: Any) -> dict[str, Any]:
    return {"starts_at": nairobi_at(20), "purpose": "mention", "court_room": "4"} | overrides


async def test_twenty_identical_hearings_at_once_set_one_date_with_one_set_of_reminders(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    url = f"/cases/{case['id']}/hearings"
    answers = await asyncio.gather(*(client.post(url, json=hearing()) for _ in range(TWENTY)))
    assert sorted(a.status_code for a in answers) == [201] + [409] * (TWENTY - 1)
    detail = next(a for a in answers if a.status_code == 409).json()["detail"]
    assert detail.startswith("This case already has a court date for Mention set for ")
    assert detail.endswith(", 09:00; open that date to change it rather than setting it again.")
    assert await count(engine, "hearings") == 1
    assert await count(engine, "reminders") == 3, "one set of reminders, not twenty"


async def test_another_purpose_or_a_vacated_date_is_no_duplicate(client: Client) -> None:
    case = await open_case(client)
    url = f"/cases/{case['id']}/hearings"
    first = await client.post(url, json=hearing())
    assert (await client.post(url, json=hearing(purpose="directions"))).status_code == 201
    assert (await client.post(url, json=hearing())).status_code == 409
    vacated = await client.post(
        f"/hearings/{first.json()['id']}/vacate", json={"version": 1, "reason": "set in error"}
    )
    assert vacated.status_code == 201, vacated.text
    assert (await client.post(url, json=hearing())).status_code == 201


async def test_moving_a_date_onto_one_already_set_is_refused(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    url = f"/cases/{case['id']}/hearings"
    await client.post(url, json=hearing())
    other = await client.post(url, json=hearing(starts_at=nairobi_at(25)))
    before = await count(engine, "reminders")
    moved = await client.post(
        f"/hearings/{other.json()['id']}/reschedule",
        json={"version": 1, "starts_at": nairobi_at(20), "reason": "registry notice"},
    )
    assert moved.status_code == 409
    assert "already has a court date for Mention" in moved.json()["detail"]
    assert await count(engine, "reminders") == before
    unmoved = (await client.get(f"/hearings/{other.json()['id']}")).json()["hearing"]
    assert unmoved["starts_at"] == nairobi_at(25) and unmoved["sequence"] == 0


async def test_an_adjournment_onto_a_date_already_set_is_refused_and_changes_nothing(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    url = f"/cases/{case['id']}/hearings"
    sat = await client.post(
        url, json=hearing(starts_at=nairobi_at(-1), recorded_after_the_fact=True)
    )
    assert sat.status_code == 201, sat.text
    await client.post(url, json=hearing())
    before = (await count(engine, "hearings"), await count(engine, "reminders"))
    adjourned = await client.post(
        f"/hearings/{sat.json()['id']}/adjourn",
        json={"version": 1, "reason": "judge away", "next_starts_at": nairobi_at(20)},
    )
    assert adjourned.status_code == 409
    assert "already has a court date for Mention" in adjourned.text
    assert (await count(engine, "hearings"), await count(engine, "reminders")) == before
    still = (await client.get(f"/hearings/{sat.json()['id']}")).json()["hearing"]
    assert still["status"] == "scheduled"
