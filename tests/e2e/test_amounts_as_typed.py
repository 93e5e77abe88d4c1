"""Issue 18 item 4: every amount the API takes is read as people type it, and a guess
("500,00") is refused as a 400 at the field, in words, with nothing written."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, pay


async def test_award_payment_disbursement_and_taxed_costs_as_typed(client: Client) -> None:
    case = await judged(client)
    award = await award_on(
        client,
        case,
        heads=[
            {"kind": "general", "amount": "Ksh 2,500,000", "interest_from": "judgment"},
            {"kind": "aggravated", "amount": "KSh. 500,000/=", "interest_from": "judgment"},
            {"kind": "special", "amount": 16100, "interest_from": None},
        ],
    )
    assert [(h["kind"], h["amount"]) for h in award["heads"]] == [
        ("general", "2500000.00"),
        ("aggravated", "500000.00"),
        ("special", "16100.00"),
    ]
    await chase(client, award, *SERVED)
    paid = await pay(client, award, "2021-12-31", "Kshs.1,000,000/-")
    assert paid.status_code == 201, paid.text
    assert paid.json()["amount"] == "1000000.00"
    disbursed = await client.post(
        f"/awards/{award['id']}/disbursements",
        json={
            "paid_on": "2022-01-10",
            "amount": "250 000",
            "method": "mpesa",
            "beneficiary": "the survivor",
            "reference": "QK7XY12AB",
        },
    )
    assert disbursed.status_code == 201, disbursed.text
    assert disbursed.json()["amount"] == "250000.00"
    taxed = await client.post(
        f"/awards/{award['id']}/costs",
        json={"amount": "Ksh 150,000.00", "taxed_on": "2021-09-01", "certificate_ref": "CoC 8"},
    )
    assert taxed.status_code == 201, taxed.text


async def test_a_guessed_amount_is_refused_at_its_field_and_nothing_is_written(
    client: Client, engine: AsyncEngine
) -> None:
    case = await judged(client)
    body = {
        "claimant": case["claimants"][0],
        "respondent": "Attorney General",
        "rate_as_ordered": "court rates",
        "heads": [{"kind": "general", "amount": "500,00", "interest_from": "judgment"}],
    }
    refused = await client.post(f"/cases/{case['id']}/awards", json=body)
    assert refused.status_code == 400, refused.text
    assert "must be in shillings, like 500,000 or 500000.00" in refused.text
    assert "heads[0].amount" in refused.text
    for guess in ("5.000.000", "-500", "500.123", True):
        body["heads"][0]["amount"] = guess  # type: ignore[index]
        assert (await client.post(f"/cases/{case['id']}/awards", json=body)).status_code == 400
    async with engine.connect() as db:
        assert (await db.execute(text("SELECT count(*) FROM awards"))).scalar_one() == 0
