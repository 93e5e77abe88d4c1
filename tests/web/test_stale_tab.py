"""Issue 18 item 7: a step sent from a page drawn before someone else's step is refused with
who recorded what and when, the case as it is now, and what the person typed kept."""

import re
import uuid

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.cases import Case
from service.database import make_sessionmaker
from service.usecases.cases.court_track import Step, record_step
from tests.conftest import Account
from tests.factories import TEST_ACTOR, awarded_and_part_paid, registered_case
from tests.web.conftest import Browser, sign_in
from tests.web.test_award_form import in_swahili

TO_HEARING = ["exchange_pleadings", "set_down_for_hearing"]


async def case_at_hearing(engine: AsyncEngine, lead: uuid.UUID) -> Case:
    """A civil claim filed, its pleadings exchanged and set down for hearing today: version 4."""
    sessions = make_sessionmaker(engine)
    case, _ = await registered_case(sessions, lead=lead)
    async with sessions() as session:
        case, _ = await record_step(
            session, TEST_ACTOR, case.id, Step("file", 1, court_number="Petition E7 of 2026")
        )
    for version, trigger in enumerate(TO_HEARING, start=2):
        async with sessions() as session:
            case, _ = await record_step(session, TEST_ACTOR, case.id, Step(trigger, version))
    return case


async def test_a_step_from_a_stale_tab_names_the_step_between_and_keeps_the_note(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    lawyer = accounts["lawyer"]
    case = await case_at_hearing(engine, lawyer.user.id)
    token = await sign_in(web, lawyer)
    seen = (await web.get(f"/web/cases/{case.id}")).text
    version = re.search(r'name="version" value="(\d+)"', seen)
    assert version
    # the first tab records the step; the second, drawn before it, sends another
    first = await web.post(
        f"/web/cases/{case.id}/steps",
        data={"_form_token": token, "trigger": "reserve_judgment", "version": version.group(1)},
    )
    assert first.status_code == 303, first.text
    second = await web.post(
        f"/web/cases/{case.id}/steps",
        data={
            "_form_token": token,
            "trigger": "settle",
            "version": version.group(1),
            "note": "The AG offered Ksh 400,000 on the telephone",
        },
    )
    assert second.status_code == 409
    page = second.text
    said = re.search(
        rf"{lawyer.user.full_name} recorded “Judgment reserved” at (\d\d:\d\d); "
        "here is the case now.",
        page,
    )
    assert said, page
    assert "version" not in page.split('id="stale"')[1].split("</div>")[0]
    assert '<span class="stage">Judgment reserved</span>' in page  # the case as it is now
    assert re.search(r'<details class="action" id="step-settle" open>', page)
    assert "The AG offered Ksh 400,000 on the telephone</textarea>" in page
    assert f'name="version" value="{int(version.group(1)) + 1}"' in page  # sent again: taken

    # the step the stale tab sent is no longer possible: what was typed is kept to copy
    again = await web.post(
        f"/web/cases/{case.id}/steps",
        data={
            "_form_token": token,
            "trigger": "reserve_judgment",
            "version": version.group(1),
            "note": "Judgment on notice",
        },
    )
    assert again.status_code == 409
    assert 'id="kept-note" readonly>Judgment on notice</textarea>' in again.text

    await in_swahili(web)
    swahili = await web.post(
        f"/web/cases/{case.id}/steps",
        data={"_form_token": token, "trigger": "settle", "version": "3", "note": "Maelewano"},
    )
    assert swahili.status_code == 409
    assert re.search(r"aliandika “[^”]+” saa \d\d:\d\d; hii ndiyo kesi ilivyo sasa", swahili.text)
    assert "Maelewano</textarea>" in swahili.text


async def test_an_award_step_from_a_stale_tab_names_the_payment_between(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    sent = await web.post(
        f"/web/awards/{award.id}/steps",
        data={"_form_token": token, "trigger": "enforce", "version": "4", "note": "Mandamus"},
    )
    assert sent.status_code == 409
    assert re.search(
        r"recorded “Part payment received” on \d+ \w+ \d{4} at \d\d:\d\d; here is the case now",
        sent.text,
    ) or re.search(r"recorded “Part payment received” at \d\d:\d\d; here is", sent.text), sent.text
    assert f'<details class="action" id="award-{award.id}-enforce" open>' in sent.text
    assert "Mandamus</textarea>" in sent.text
