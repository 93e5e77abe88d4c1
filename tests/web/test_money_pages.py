"""The money rules in the browser (docs/money-rules.md): costs taxed at their own rate on the
award form, a payment found late, a settlement by consent and costs retained on the ledger
page; refusals in the reader's language."""

from datetime import date
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import awarded_and_part_paid
from tests.web.conftest import Browser, sign_in
from tests.web.test_award_form import in_swahili, two_claimants_at_judgment


async def test_costs_taxed_at_their_own_rate_from_the_award_form(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    """Costs of 80,000 taxed on 1 February 2024 at 14%, the start left to the taxing: they bear
    interest from the taxing at their own rate; general damages from judgment at court rates."""
    case_id, codes = await two_claimants_at_judgment(engine, accounts["lawyer"])
    token = await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{case_id}")).text
    assert 'name="costs_taxed_on"' in page and 'name="costs_rate_percent"' in page
    sent = await web.post(
        f"/web/cases/{case_id}/awards",
        data={
            "_form_token": token,
            "claimant": codes[0],
            "respondent": "Attorney General",
            "general_amount": "1,000,000",
            "general_interest_from": "judgment",
            "costs_amount": "80,000",
            "costs_interest_from": "taxed",
            "costs_taxed_on": "2024-02-01",
            "costs_rate_percent": "14",
            "rate": "court",
        },
    )
    assert sent.status_code == 303, sent.text
    shown = (await web.get(f"/web/cases/{case_id}")).text
    assert "Costs: Ksh80,000.00 <small>interest from 1 February 2024</small>" in shown
    assert "<small>at 14% a year</small>" in shown
    async with engine.connect() as db:
        heads = (
            await db.execute(
                text(
                    "SELECT kind, interest_from, taxed_on, rate_percent"
                    " FROM award_heads ORDER BY id"
                )
            )
        ).all()
    assert [tuple(h) for h in heads] == [
        ("general", date(2024, 1, 10), None, None),
        ("costs", date(2024, 2, 1), date(2024, 2, 1), Decimal("14.00")),
    ]


async def test_a_bad_head_rate_and_taxing_day_are_refused_in_kiswahili(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case_id, codes = await two_claimants_at_judgment(engine, accounts["lawyer"])
    token = await sign_in(web, accounts["lawyer"])
    await in_swahili(web)
    form = {"_form_token": token, "claimant": codes[0], "respondent": "Attorney General"}
    refused = await web.post(
        f"/web/cases/{case_id}/awards",
        data=form | {"rate": "court", "costs_amount": "80,000", "costs_rate_percent": "140"},
    )
    assert refused.status_code == 400, refused.text
    assert "Andika kiwango cha kipengele hiki kama tarakimu kati ya 0 na 30" in refused.text
    early = await web.post(
        f"/web/cases/{case_id}/awards",
        data=form | {"rate": "court", "costs_amount": "80,000", "costs_taxed_on": "2023-01-01"},
    )
    assert early.status_code == 422, early.text
    assert "Tarehe gharama zilipotozwa haiwezi kuwa kabla ya hukumu" in early.text


async def test_a_late_payment_a_settlement_and_retained_costs_on_the_ledger(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    """100,000 at 12% from judgment (10 January 2024), served 5 February, 1,000 paid 1 June.
    2,000 received on 20 January 2024, before service, is entered now on its own day. Then
    the parties compromise for 50,000 on 1 July 2024: that is what is owed today."""
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    late = await web.post(
        f"/web/awards/{award.id}/payments",
        data={
            "_form_token": token,
            "received_on": "2024-01-20",
            "amount": "2,000",
            "payer": "National Treasury",
            "reference": "found in the bank statement",
        },
    )
    assert late.status_code == 303, late.text
    ledger = (await web.get(f"/web/awards/{award.id}/ledger")).text
    assert "20 January 2024" in ledger and "Entered on" in ledger
    settle = f"/web/awards/{award.id}/settlement"
    early = await web.post(
        settle, data={"_form_token": token, "settled_on": "2023-12-01", "amount": "50,000"}
    )
    assert early.status_code == 422, early.text
    assert "The settlement must be dated on or after the judgment" in early.text
    assert 'value="50,000"' in early.text
    done = await web.post(
        settle,
        data={
            "_form_token": token,
            "settled_on": "2024-07-01",
            "amount": "50,000",
            "terms": "Consent recorded before the Deputy Registrar",
        },
    )
    assert done.status_code == 303, done.text
    after = (await web.get(done.headers["location"])).text
    assert "Settled by consent on 1 July 2024 for Ksh50,000.00" in after
    assert "Outstanding today</dt><dd><strong>Ksh50,000.00" in after
    assert "Consent recorded before the Deputy Registrar" in after
    case_page = (await web.get(f"/web/cases/{award.case_id}")).text
    assert "Settled by consent on 1 July 2024 for Ksh50,000.00" in case_page
    retained = await web.post(
        f"/web/awards/{award.id}/disbursements",
        data={
            "_form_token": token,
            "paid_on": "2024-06-03",
            "amount": "500",
            "method": "retained",
            "beneficiary": "Counsel",
            "reference": "fee note",
        },
    )
    assert retained.status_code == 422, retained.text
    assert "Only costs are retained by counsel or the organisation" in retained.text


async def test_the_settlement_form_speaks_kiswahili(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    await in_swahili(web)
    ledger = (await web.get(f"/web/awards/{award.id}/ledger")).text
    assert (
        "Maridhiano kwa ridhaa" in ledger and "Gharama zilizobakiwa na wakili au shirika" in ledger
    )
    refused = await web.post(
        f"/web/awards/{award.id}/settlement",
        data={"_form_token": token, "settled_on": "2024-07-01", "amount": "hamsini"},
    )
    assert refused.status_code == 400, refused.text
    assert "Andika kiasi kilichokubaliwa kwa shilingi" in refused.text
