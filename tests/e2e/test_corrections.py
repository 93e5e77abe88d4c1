"""Correcting the ledger over HTTP: reversing entries, the statement after them, the award's
stage and the case's, and the ledger's list. Figures are worked by hand in each test. What a
reversal may not do is tests/e2e/test_corrections_refused.py."""

from typing import Any

from tests.conftest import Account
from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, pay
from tests.e2e.reversing import chased, disbursed, paid, reverse


async def statement(client: Client, award: dict[str, Any], as_of: str) -> dict[str, Any]:
    answer = await client.get(f"/awards/{award['id']}/statement", params={"as_of": as_of})
    got: dict[str, Any] = answer.json()
    return got


async def stages(client: Client, case: dict[str, Any], award: dict[str, Any]) -> tuple[str, str]:
    got = (await client.get(f"/awards/{award['id']}")).json()
    return got["stage"], (await client.get(f"/cases/{case['id']}")).json()["stage"]


async def test_a_reversed_payment_is_left_out_and_shown_on_its_own_line(client: Client) -> None:
    """200,000 paid on 31 Dec 2021 stands; 300,000 paid on 30 Jun 2022 is reversed on 1 Aug.

    to 31 Dec 2021, 305 days: 1,000,000 x 12% x 305/365 = 100,273.97 interest; the 200,000 pays
    it and 99,726.03 principal -> principal 900,273.97.
    to 15 Jan 2023, 380 days: 900,273.97 x 12% x 380/365 = 112,472.58 -> owed 1,012,746.55.
    on 1 Aug 2022 (213 days): 900,273.97 x 12% x 213/365 = 63,043.84 -> 963,317.81 owed.
    """
    case, award = await chased(client)
    await paid(client, award, "2021-12-31", "200000.00")
    bounced = await paid(client, award, "2022-06-30", "300000.00")
    reversal = await reverse(client, award, "payments", bounced, "2022-08-01")
    assert reversal.status_code == 201, reversal.text
    assert reversal.json() | {"id": None, "version": None} == {
        "id": None,
        "reverses_id": bounced,
        "award_id": award["id"],
        "amount": "-300000.00",
        "on": "2022-08-01",
        "reference": "TR/2022-06-30",
        "reason": "cheque returned unpaid",
        "stage": "partially_paid",
        "version": None,
    }
    got = await statement(client, award, "2023-01-15")
    assert got | {"lines": None} == {
        "award_id": award["id"],
        "as_of": "2023-01-15",
        "rate_percent": "12.00",
        "principal": "1000000.00",
        "interest": "212746.55",
        "paid": "200000.00",
        "paid_to_interest": "100273.97",
        "paid_to_principal": "99726.03",
        "outstanding_principal": "900273.97",
        "outstanding_interest": "112472.58",
        "outstanding": "1012746.55",
        "lines": None,
    }
    assert [tuple(line.values()) for line in got["lines"]] == [
        ("2021-12-31", "interest 2021-03-01 to 2021-12-31 at 12.00% a year", "100273.97", "0.00",
         "1100273.97"),
        ("2021-12-31", "payment received TR/2021-12-31", "0.00", "200000.00", "900273.97"),
        ("2022-08-01", "reversal of payment TR/2022-06-30 (KES 300,000.00 received 2022-06-30): "
         "cheque returned unpaid; treated as never received", "0.00", "0.00", "963317.81"),
        ("2023-01-15", "interest 2021-12-31 to 2023-01-15 at 12.00% a year", "112472.58", "0.00",
         "1012746.55"),
    ]  # fmt: skip
    # the same figures as an award that only ever received the 200,000
    twin = await award_on(client, case)
    await paid(client, twin, "2021-12-31", "200000.00")
    alone = await statement(client, twin, "2023-01-15")
    assert got["lines"][:2] + got["lines"][3:] == alone["lines"]
    assert got | {"award_id": None, "lines": None} == alone | {"award_id": None, "lines": None}
    events = (await client.get(f"/awards/{award['id']}/events")).json()
    assert events[-1] | {"id": None, "recorded_at": None} == {
        "id": None,
        "trigger": "reverse_payment",
        "from_stage": "partially_paid",
        "to_stage": "partially_paid",
        "occurred_on": "2022-08-01",
        "recorded_at": None,
        "note": "cheque returned unpaid",
        "evidence_ref": None,
        "details": {"payment_id": bounced, "amount": "300000.00", "reference": "TR/2022-06-30"},
        "withheld": [],
    }


async def test_reversing_the_final_payment_reopens_the_debt(client: Client) -> None:
    """200,000 on 31 Dec 2021 leaves 900,273.97 (worked above); to 30 Jun 2022, 181 days:
    900,273.97 x 12% x 181/365 = 53,572.47, so 953,846.44 settles it. Reversed on 15 Jul."""
    case, award = await chased(client)
    part = await paid(client, award, "2021-12-31", "200000.00")
    final = await paid(client, award, "2022-06-30", "953846.44")
    assert await stages(client, case, award) == ("paid_in_full", "compensation")
    assert (await reverse(client, award, "payments", final, "2022-07-15")).status_code == 201
    assert await stages(client, case, award) == ("partially_paid", "compensation")
    # 31 Dec 2021 to 15 Jul 2022 is 196 days: 900,273.97 x 12% x 196/365 = 58,012.17
    assert (await statement(client, award, "2022-07-15"))["outstanding"] == "958286.14"
    # nothing left standing: back where the award was when payments began
    assert (await reverse(client, award, "payments", part, "2022-07-20")).status_code == 201
    assert await stages(client, case, award) == ("served_on_ag", "compensation")
    # 1 Mar 2021 to 20 Jul 2022 is 506 days: 1,000,000 x 12% x 506/365 = 166,356.16
    got = await statement(client, award, "2022-07-20")
    assert (got["paid"], got["outstanding"]) == ("0.00", "1166356.16")
    # and it can be paid again from there
    assert (await pay(client, award, "2022-08-01", "1000.00")).json()["stage"] == "partially_paid"


async def test_a_reversed_disbursement_reopens_a_closed_case(client: Client) -> None:
    """1,000,000 + 305 days at 12% (100,273.97) = 1,100,273.97 settles it on 31 Dec 2021."""
    case, award = await chased(client)
    received = await paid(client, award, "2021-12-31", "1100273.97")
    assert (await disbursed(client, award, "2022-01-10", "1000000.00")).status_code == 201
    last = await disbursed(client, award, "2022-01-12", "100273.97")
    assert await stages(client, case, award) == ("disbursed", "closed")

    refused = await reverse(client, award, "payments", received, "2022-01-20")
    assert refused.status_code == 422
    assert refused.json()["detail"] == (
        "Reversing the payment of Ksh1,100,273.97 would leave Ksh1,100,273.97 passed on against "
        "Ksh0.00 received; reverse the money passed on from it first."
    )

    undone = await reverse(client, award, "disbursements", last.json()["id"], "2022-01-20")
    assert undone.status_code == 201, undone.text
    assert (undone.json()["amount"], undone.json()["stage"]) == ("-100273.97", "paid_in_full")
    assert await stages(client, case, award) == ("paid_in_full", "compensation")
    refused = await reverse(client, award, "payments", received, "2022-01-21")
    assert refused.status_code == 422
    assert (
        "would leave Ksh1,000,000.00 passed on against Ksh0.00 received"
        in (refused.json()["detail"])
    )

    assert (await disbursed(client, award, "2022-01-25", "100273.97")).status_code == 201
    assert await stages(client, case, award) == ("disbursed", "closed")
    history = (await client.get(f"/cases/{case['id']}/events")).json()["items"]
    assert [(e["trigger"], e["occurred_on"]) for e in history[-3:]] == [
        ("close", "2022-01-12"),
        ("reopen", "2022-01-20"),
        ("close", "2022-01-25"),
    ]
    triggers = [e["trigger"] for e in (await client.get(f"/awards/{award['id']}/events")).json()]
    assert triggers[-3:] == [
        "complete_disbursement",
        "reverse_disbursement",
        "complete_disbursement",
    ]


async def test_a_disbursement_reversed_before_the_award_is_disbursed_moves_nothing(
    client: Client,
) -> None:
    case, award = await chased(client)
    await paid(client, award, "2021-12-31", "200000.00")
    sent = (await disbursed(client, award, "2022-01-10", "150000.00")).json()["id"]
    undone = await reverse(client, award, "disbursements", sent, "2022-01-11", version=5)
    assert undone.status_code == 201, undone.text
    assert await stages(client, case, award) == ("partially_paid", "compensation")
    event = (await client.get(f"/awards/{award['id']}/events")).json()[-1]
    assert (event["trigger"], event["from_stage"], event["to_stage"]) == (
        "reverse_disbursement",
        "partially_paid",
        "partially_paid",
    )
    # the 150,000 is no longer out: all of the 200,000 may be passed on again
    assert (await disbursed(client, award, "2022-01-12", "200000.00")).status_code == 201


async def test_the_ledger_lists_each_entry_with_the_reversal_that_answers_it(
    client: Client, accounts: dict[str, Account]
) -> None:
    case = await judged(client)
    award = await award_on(client, case)
    await chase(client, award, *SERVED)
    first = (await pay(client, award, "2021-06-30", "100000.00")).json()
    second = (await pay(client, award, "2021-07-31", "50000.00")).json()
    reversal = await client.post(
        f"/awards/{award['id']}/payments/{second['id']}/reversal",
        json={"reversed_on": "2021-08-15", "reason": "cheque returned unpaid"},
    )
    assert reversal.status_code == 201, reversal.text
    ledger = (await client.get(f"/awards/{award['id']}/ledger")).json()
    assert [(e["on"], e["amount"], e["reverses"], e["reversed_by"]) for e in ledger] == [
        ("2021-06-30", "100000.00", None, None),
        ("2021-07-31", "50000.00", None, reversal.json()["id"]),
        ("2021-08-15", "-50000.00", second["id"], None),
    ]
    assert ledger[0]["id"] == first["id"] and ledger[2]["reason"] == "cheque returned unpaid"
    advocacy = await client.get(
        f"/awards/{award['id']}/ledger", headers=accounts["advocacy"].headers
    )
    assert advocacy.status_code == 403
