"""Issue 18 items 1, 2 and 4 on the case page: the award form at judgment, read into the API's
own input; "Compensation awarded" disabled until an award exists; amounts as people type
them; refusals in the reader's language beside the field, naming it by its label."""

import re
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.stages import CaseKind, CourtLevel, JudgmentOutcome
from service.database import make_sessionmaker
from service.usecases.cases.court_track import Step, record_step
from service.usecases.cases.register import open_case
from service.usecases.families.survivors import register_survivor
from tests.conftest import Account
from tests.factories import TEST_ACTOR, awarded_and_part_paid
from tests.web.conftest import Browser, sign_in

AT_JUDGMENT = [
    ("file", date(2023, 1, 9), {"court_number": "Petition E9 of 2023"}),
    ("exchange_pleadings", date(2023, 2, 1), {}),
    ("set_down_for_hearing", date(2023, 6, 1), {}),
    ("reserve_judgment", date(2023, 10, 2), {}),
    ("deliver_judgment", date(2024, 1, 10), {"outcome": JudgmentOutcome.ALLOWED}),
]


async def two_claimants_at_judgment(engine: AsyncEngine, lead: Account) -> tuple[str, list[str]]:
    """A petition of two survivors, judged in their favour on 10 January 2024."""
    sessions = make_sessionmaker(engine)
    codes = []
    for name in ("Achieng Otieno", "Kamau Njoroge"):
        async with sessions() as session:
            codes.append((await register_survivor(session, TEST_ACTOR, full_name=name)).code)
    async with sessions() as session:
        case = await open_case(
            session,
            TEST_ACTOR,
            reference="HAKI/T/18",
            title="Otieno & another v Attorney General",
            kind=CaseKind.CONSTITUTIONAL_PETITION,
            court_level=CourtLevel.HIGH_COURT,
            court_station="Nairobi",
            lead_counsel="Counsel",
            claimants=codes,
            respondents=["Attorney General", "Inspector General of Police"],
            lead=lead.user.id,
        )
    for version, (trigger, on, facts) in enumerate(AT_JUDGMENT, start=1):
        async with sessions() as session:
            step = Step(trigger=trigger, version=version, occurred_on=on, **facts)  # type: ignore[arg-type]
            await record_step(session, TEST_ACTOR, case.id, step)
    return str(case.id), codes


async def awards_recorded(engine: AsyncEngine) -> int:
    async with engine.connect() as db:
        return int((await db.execute(text("SELECT count(*) FROM awards"))).scalar_one())


async def in_swahili(web: Browser) -> None:
    assert (await web.get("/web/language/sw", params={"next": "/web/"})).status_code == 303


async def test_the_lawyer_records_the_award_at_judgment_and_the_case_is_awarded(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case_id, codes = await two_claimants_at_judgment(engine, accounts["lawyer"])
    token = await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{case_id}")).text
    assert f'action="/web/cases/{case_id}/awards"' in page
    assert f'<option value="{codes[1]}">Kamau Njoroge ({codes[1]})</option>' in page
    assert 'placeholder="e.g. 500,000"' in page and 'value="250000.00"' not in page
    # the award step is near, not offered: shown disabled with the reason
    assert re.search(r'<button type="button" disabled[^>]*>Compensation awarded</button>', page)
    assert "Record the award below first" in page
    assert 'name="trigger" value="award"' not in page

    sent = await web.post(
        f"/web/cases/{case_id}/awards",
        data={
            "_form_token": token,
            "claimant": codes[1],
            "respondent": "Attorney General",
            "general_amount": "Ksh 2,500,000",
            "general_interest_from": "judgment",
            "aggravated_amount": "KSh. 500,000/=",
            "aggravated_interest_from": "date",
            "aggravated_interest_on": "2023-01-09",
            "special_amount": "16 100",
            "special_interest_from": "none",
            "costs_to_be_taxed": "yes",
            "rate": "court",
        },
    )
    assert sent.status_code == 303, sent.text
    assert sent.headers["location"].endswith("?done=award_recorded#awards")
    after = (await web.get(sent.headers["location"].split("#")[0])).text
    assert "The award is recorded." in after and after.count('role="status"') == 1
    assert f'<th scope="row">Kamau Njoroge ({codes[1]}) <small>— Attorney General' in after
    assert "court rates" in after
    assert "General damages: Ksh2,500,000.00" in after
    assert "Aggravated damages: Ksh500,000.00" in after and "9 January 2023" in after
    assert "Costs: to be taxed" in after
    assert '<span class="stage">Awarded</span>' in after
    assert "<strong>Compensation awarded</strong>" in after  # the step, in the timeline
    async with engine.connect() as db:
        heads = (
            await db.execute(
                text("SELECT kind, amount, interest_from FROM award_heads ORDER BY id")
            )
        ).all()
        taxed_later = (await db.execute(text("SELECT costs_to_be_taxed FROM awards"))).scalar()
    assert [(k, str(a), d) for k, a, d in heads] == [
        ("general", "2500000.00", date(2024, 1, 10)),
        ("aggravated", "500000.00", date(2023, 1, 9)),
        ("special", "16100.00", None),
    ]
    assert taxed_later is True


async def test_a_guessed_amount_and_a_missing_claimant_are_refused_in_english(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case_id, codes = await two_claimants_at_judgment(engine, accounts["lawyer"])
    token = await sign_in(web, accounts["lawyer"])
    form = {"_form_token": token, "respondent": "Attorney General", "rate": "court"}
    guessed = await web.post(
        f"/web/cases/{case_id}/awards",
        data=form | {"claimant": codes[0], "general_amount": "500,00"},
    )
    assert guessed.status_code == 400, guessed.text
    assert (
        "The amount of general damages must be in shillings, like 500,000 or 500000.00"
        in guessed.text
    )
    assert 'value="500,00"' in guessed.text and 'aria-invalid="true"' in guessed.text
    nobody = await web.post(
        f"/web/cases/{case_id}/awards", data=form | {"general_amount": "Ksh 2,500,000"}
    )
    assert nobody.status_code == 400, nobody.text
    assert "Choose the claimant the award is for" in nobody.text
    assert 'value="Ksh 2,500,000"' in nobody.text
    stranger = await web.post(
        f"/web/cases/{case_id}/awards",
        data=form | {"claimant": "S-1999-0001", "general_amount": "1,000"},
    )
    assert stranger.status_code == 422 and "Choose the claimant the award is for" in stranger.text
    assert await awards_recorded(engine) == 0


async def test_the_same_refusals_in_kiswahili(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case_id, codes = await two_claimants_at_judgment(engine, accounts["lawyer"])
    token = await sign_in(web, accounts["lawyer"])
    await in_swahili(web)
    page = (await web.get(f"/web/cases/{case_id}")).text
    assert "Rekodi fidia" in page and "Viwango vya mahakama" in page
    assert "Rekodi fidia hapa chini kwanza" in page
    form = {"_form_token": token, "respondent": "Attorney General", "rate": "court"}
    guessed = await web.post(
        f"/web/cases/{case_id}/awards",
        data=form | {"claimant": codes[0], "general_amount": "5.000.000"},
    )
    assert guessed.status_code == 400
    assert (
        "Kiasi cha fidia ya jumla lazima kiwe kwa shilingi, kama 500,000 au 500000.00"
        in guessed.text
    )
    nobody = await web.post(
        f"/web/cases/{case_id}/awards", data=form | {"general_amount": "2500000"}
    )
    assert nobody.status_code == 400
    assert "Chagua mlalamikaji ambaye fidia ni yake" in nobody.text
    bad_rate = await web.post(
        f"/web/cases/{case_id}/awards",
        data=form
        | {"claimant": codes[0], "general_amount": "2500000", "rate": "figure", "rate_percent": ""},
    )
    assert bad_rate.status_code == 400 and "Andika kiwango cha riba" in bad_rate.text
    assert await awards_recorded(engine) == 0


async def test_a_viewer_sees_no_award_form(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case_id, _ = await two_claimants_at_judgment(engine, accounts["lawyer"])
    await sign_in(web, accounts["viewer"])
    page = await web.get(f"/web/cases/{case_id}")
    assert page.status_code == 200 and "Compensation awarded" not in page.text
    assert f'action="/web/cases/{case_id}/awards"' not in page.text


async def test_a_payment_typed_as_a_receipt_prints_it_is_taken(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{award.case_id}")).text
    assert 'placeholder="e.g. 500,000"' in page and 'inputmode="decimal"' in page
    paid = await web.post(
        f"/web/awards/{award.id}/payments",
        data={
            "_form_token": token,
            "received_on": "2024-07-01",
            "amount": "Ksh 2,500",
            "payer": "National Treasury",
            "reference": "TR/2024/9",
        },
    )
    assert paid.status_code == 303, paid.text
    async with engine.connect() as db:
        amounts = (
            await db.execute(text("SELECT amount FROM payments_received ORDER BY id"))
        ).scalars()
        assert [str(a) for a in amounts] == ["1000.00", "2500.00"]
