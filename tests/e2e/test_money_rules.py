"""The money rules of docs/money-rules.md over HTTP, with figures worked by hand: payments found
late, a payment before the certificate, a rate per head, costs retained, a settlement by consent.
"""

from typing import Any

from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, pay


async def statement(client: Client, award: dict[str, Any], as_of: str) -> dict[str, Any]:
    found = await client.get(f"/awards/{award['id']}/statement", params={"as_of": as_of})
    assert found.status_code == 200, found.text
    body: dict[str, Any] = found.json()
    return body


async def unpaid(client: Client, as_of: str) -> dict[str, Any]:
    found = await client.get("/reports/unpaid", params={"as_of": as_of})
    assert found.status_code == 200, found.text
    totals: dict[str, Any] = found.json()["totals"]
    return totals


async def test_a_payment_found_late_counts_on_its_real_date(client: Client) -> None:
    """KES 1,000,000 at 12% from judgment on 1 March 2021, served on 1 April 2021. The payment
    of 300,000 on 30 June 2022 is entered first; 200,000 received on 31 December 2021 is found
    later. Worked in tests/unit/test_money_rules.py: owed on 15 January 2023, 696,624.12.
    On 1 January 2022 the report counts the 200,000 paid, since it came on 31 December 2021."""
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    assert (await pay(client, award, "2022-06-30", "300000.00")).status_code == 201
    late = await pay(client, award, "2021-12-31", "200000.00")
    assert late.status_code == 201, late.text
    assert late.json()["stage"] == "partially_paid"
    assert (await statement(client, award, "2023-01-15"))["outstanding"] == "696624.12"
    assert (await unpaid(client, "2022-01-01"))["paid"] == "200000.00"
    entries = (await client.get(f"/awards/{award['id']}/ledger")).json()
    found = next(e for e in entries if e["on"] == "2021-12-31")
    assert found["recorded_at"][:4] != "2021", "entered today, received on its own day"
    events = (await client.get(f"/awards/{award['id']}/events")).json()
    assert [e["occurred_on"] for e in events][-2:] == ["2022-06-30", "2021-12-31"]


async def test_a_payment_before_service_is_entered_on_its_day(client: Client) -> None:
    """Served on 1 April 2021; 100,000 received on 20 March 2021, found later.
    to 20 March, 19 days: 1,000,000 x 12 x 19 / 36,500 = 6,246.58 interest, paid first;
    93,753.42 to principal -> 906,246.58 owed, as the statement of that day says."""
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    assert (await pay(client, award, "2021-03-20", "100000.00")).status_code == 201
    on_the_day = await statement(client, award, "2021-03-20")
    assert (on_the_day["paid_to_interest"], on_the_day["outstanding"]) == (
        "6246.58",
        "906246.58",
    )


async def test_a_late_payment_that_would_overpay_a_later_one_is_refused(client: Client) -> None:
    """Judgment 1 March 2021, 1,000,000 at 12%. On 2 March one day's interest is
    1,000,000 x 12 / 36,500 = 328.77, so 1,000,000 paid that day leaves 328.77 owed.
    A payment of 1,000 found for 1 March would leave 999,000 then, and on 2 March only
    999,000 + 328.44 = 999,328.44 owed: the 1,000,000 entered before would overpay it. Refused,
    and nothing written."""
    award = await award_on(client, await judged(client))
    first = await pay(client, award, "2021-03-02", "1000000.00")
    assert first.json()["stage"] == "partially_paid"
    refused = await pay(client, award, "2021-03-01", "1000.00")
    assert refused.status_code == 422, refused.text
    assert "more than was owed on its day" in refused.json()["detail"]
    assert len((await client.get(f"/awards/{award['id']}/ledger")).json()) == 1


async def test_a_payment_before_the_certificate_leaves_the_chase_possible(client: Client) -> None:
    """Decree extracted 8 March 2021; 100,000 paid on 15 March, before any certificate. The
    certificate (23 March, 22 days after judgment), the service (1 April) and a follow-up
    letter to the Attorney General for the balance are still recorded."""
    award = await award_on(client, await judged(client))
    await chase(client, award, SERVED[0])
    paid = await pay(client, award, "2021-03-15", "100000.00")
    assert paid.json()["stage"] == "partially_paid"
    award["version"] = paid.json()["version"]
    await chase(client, award, SERVED[1], SERVED[2])
    now = (await client.get(f"/awards/{award['id']}")).json()
    assert (now["stage"], now["certificate_on"], now["served_on"]) == (
        "partially_paid",
        "2021-03-23",
        "2021-04-01",
    )
    letter = await client.post(
        f"/awards/{award['id']}/follow-ups",
        json={"on": "2021-05-03", "kind": "letter", "reference": "AG/FU/1"},
    )
    assert letter.status_code == 201, letter.text
    again = await client.post(
        f"/awards/{award['id']}/transitions",
        json={"trigger": "serve_on_ag", "version": now["version"], "occurred_on": "2021-05-04"},
    )
    assert again.status_code in (409, 422), "served once"


async def test_costs_at_their_own_rate_from_their_taxing(client: Client) -> None:
    """General damages 1,000,000 at 12% from judgment (1 March 2021); costs 200,000 taxed on
    1 June 2021 at 14%, no start stated. To 1 March 2022:
    (1,000,000 x 12 x 365 + 200,000 x 14 x 273) / 36,500 = 140,942.47 -> 1,340,942.47 owed,
    in the statement and in the unpaid report alike."""
    heads = [
        {"kind": "general", "amount": "1000000.00", "interest_from": "judgment"},
        {"kind": "costs", "amount": "200000.00", "taxed_on": "2021-06-01", "rate_percent": "14"},
    ]
    award = await award_on(client, await judged(client), heads=heads)
    assert award["heads"][1]["interest_from"] == "2021-06-01"
    assert award["heads"][1]["rate_percent"] == "14.00"
    assert (await statement(client, award, "2022-03-01"))["outstanding"] == "1340942.47"
    totals = await unpaid(client, "2022-03-01")
    assert (totals["interest_accrued"], totals["outstanding_interest"]) == (
        "140942.47",
        "140942.47",
    )


async def test_costs_retained_by_counsel_let_the_award_close(client: Client) -> None:
    """500,000 general and 100,000 costs, no interest; 600,000 paid in full. 500,000 goes to
    the survivor by M-Pesa, the 100,000 costs are retained by counsel: all received is passed
    on, the award is disbursed and the case closes."""
    heads = [
        {"kind": "general", "amount": "500000.00", "interest_from": None},
        {"kind": "costs", "amount": "100000.00", "interest_from": None},
    ]
    case = await judged(client)
    award = await award_on(client, case, heads=heads)
    await chase(client, award, *SERVED)
    assert (await pay(client, award, "2021-05-03", "600000.00")).json()["stage"] == "paid_in_full"
    for amount, method, reference in (
        ("500000.00", "mpesa", "QK7XY12AB"),
        ("100000.00", "retained", "Counsel's fee note 4/2021"),
    ):
        passed_on = await client.post(
            f"/awards/{award['id']}/disbursements",
            json={
                "paid_on": "2021-05-10",
                "amount": amount,
                "method": method,
                "beneficiary": "the survivor" if method == "mpesa" else "Counsel",
                "reference": reference,
            },
        )
        assert passed_on.status_code == 201, passed_on.text
    assert passed_on.json()["stage"] == "disbursed"
    assert (await client.get(f"/cases/{case['id']}")).json()["stage"] == "closed"


async def test_costs_are_retained_only_on_an_award_with_costs(client: Client) -> None:
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    await pay(client, award, "2021-05-03", "1000.00")
    refused = await client.post(
        f"/awards/{award['id']}/disbursements",
        json={
            "paid_on": "2021-05-10",
            "amount": "1000.00",
            "method": "retained",
            "beneficiary": "Counsel",
            "reference": "fee note",
        },
    )
    assert refused.status_code == 422, refused.text
    assert "this award has no costs" in refused.json()["detail"]


async def test_a_settlement_by_consent_replaces_what_is_owed(client: Client) -> None:
    """1,000,000 at 12% from 1 March 2021; 100,000 paid 1 September 2021; compromise for
    700,000 on 1 March 2022 (owed that day: 1,017,649.07, worked in
    tests/unit/test_money_rules.py); 300,000 paid 1 June 2022 -> 400,000 owed, with no
    interest, on 1 March 2023, in the statement and the unpaid report alike."""
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    assert (await pay(client, award, "2021-09-01", "100000.00")).status_code == 201
    settled = await client.post(
        f"/awards/{award['id']}/settlement",
        json={"settled_on": "2022-03-01", "amount": "700000.00", "terms": "Consent of 1 March"},
    )
    assert settled.status_code == 201, settled.text
    assert (settled.json()["settled_on"], settled.json()["settlement_amount"]) == (
        "2022-03-01",
        "700000.00",
    )
    assert (await statement(client, award, "2022-03-01"))["outstanding"] == "700000.00"
    assert (await pay(client, award, "2022-06-01", "300000.00")).status_code == 201
    assert (await statement(client, award, "2023-03-01"))["outstanding"] == "400000.00"
    totals = await unpaid(client, "2023-03-01")
    assert (totals["outstanding_principal"], totals["outstanding_interest"]) == (
        "400000.00",
        "0.00",
    )
    final = await pay(client, award, "2023-03-01", "400000.00")
    assert final.json()["stage"] == "paid_in_full"
    twice = await client.post(
        f"/awards/{award['id']}/settlement",
        json={"settled_on": "2023-03-02", "amount": "1.00"},
    )
    assert twice.status_code == 422
