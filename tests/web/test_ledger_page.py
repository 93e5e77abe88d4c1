"""An award's ledger in the browser: money passed on, reversals, and the demand letter."""

import re

from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import awarded_and_part_paid
from tests.web.conftest import Browser, sign_in
from tests.web.test_pages import audited

SENT = {
    "paid_on": "2024-06-03",
    "method": "mpesa",
    "beneficiary": "Achieng Otieno",
    "reference": "QGH12XYZ",
}


async def test_a_lawyer_passes_money_on_and_reverses_it_from_the_ledger(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    case_page = await web.get(f"/web/cases/{award.case_id}")
    assert f'href="/web/awards/{award.id}/ledger"' in case_page.text
    ledger = await web.get(f"/web/awards/{award.id}/ledger")
    assert ledger.status_code == 200 and "Ksh1,000.00" in ledger.text
    assert f'href="/web/awards/{award.id}/demand-letter?format=html&amp;lang=sw"' in ledger.text
    assert await audited(engine, "award.ledger.read") == 1
    too_much = await web.post(
        f"/web/awards/{award.id}/disbursements",
        data=SENT | {"amount": "5000.00", "_form_token": token},
    )
    assert too_much.status_code == 422, too_much.text
    assert 'value="5000.00"' in too_much.text and 'value="QGH12XYZ"' in too_much.text
    assert 'id="disburse-amount-error">' in too_much.text and "already passed on" in too_much.text
    sent = await web.post(
        f"/web/awards/{award.id}/disbursements",
        data=SENT | {"amount": "800.00", "_form_token": token},
    )
    assert sent.status_code == 303, sent.text
    after = await web.get(sent.headers["location"])
    assert "Achieng Otieno (M-Pesa)" in after.text and "Ksh800.00" in after.text
    reversal = re.search(r'action="(/web/awards/[^"]+/disbursements/\d+/reversal)"', after.text)
    assert reversal
    early = await web.post(
        reversal.group(1),
        data={"reversed_on": "2024-06-01", "reason": "wrong number", "_form_token": token},
    )
    assert early.status_code == 422 and "is before the entry it reverses" in early.text
    assert 'value="wrong number"' in early.text
    back = await web.post(
        reversal.group(1),
        data={"reversed_on": "2024-06-04", "reason": "wrong number", "_form_token": token},
    )
    assert back.status_code == 303, back.text
    undone = await web.get(back.headers["location"])
    assert "Reverses entry" in undone.text and "wrong number" in undone.text
    assert reversal.group(1) not in undone.text  # a reversed entry has no reversal form
    letter = await web.get(f"/web/awards/{award.id}/demand-letter", params={"format": "html"})
    assert letter.status_code == 200 and letter.headers["content-type"].startswith("text/html")


async def test_a_payment_reversed_from_the_ledger_no_longer_counts(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    ledger = await web.get(f"/web/awards/{award.id}/ledger")
    reversal = re.search(r'action="(/web/awards/[^"]+/payments/\d+/reversal)"', ledger.text)
    assert reversal
    done = await web.post(
        reversal.group(1),
        data={"reversed_on": "2024-06-10", "reason": "cheque bounced", "_form_token": token},
    )
    assert done.status_code == 303, done.text
    after = await web.get(done.headers["location"])
    assert "Paid</dt><dd>Ksh0.00" in after.text
    again = await web.post(
        reversal.group(1),
        data={"reversed_on": "2024-06-10", "reason": "cheque bounced", "_form_token": token},
    )
    assert again.status_code == 409


async def test_the_ledger_is_not_for_advocacy_or_viewers(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    await sign_in(web, accounts["viewer"])
    assert "/ledger" not in (await web.get(f"/web/cases/{award.case_id}")).text
    refused = await web.get(f"/web/awards/{award.id}/ledger")
    assert refused.status_code == 403 and "Test Person" not in refused.text
    assert await audited(engine, "award.ledger.read") == 0


async def test_the_letter_by_cookie_keeps_the_apis_access_rule_and_audit(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    letter = f"/web/awards/{award.id}/demand-letter"
    signed_out = await web.get(letter)
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith(
        "/web/login?next="
    )
    await sign_in(web, accounts["other_lawyer"])
    assert (await web.get(letter)).status_code == 404, "not on the case's team"
    await sign_in(web, accounts["viewer"])
    assert (await web.get(letter)).status_code == 403, "the viewer may not read names"
    assert await audited(engine, "award.demand_letter.read") == 0
    await sign_in(web, accounts["lawyer"])
    assert (await web.get(letter, params={"lang": "sw"})).status_code == 200
    assert await audited(engine, "award.demand_letter.read") == 1
