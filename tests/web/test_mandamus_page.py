"""The judicial review on its case page: styled "Republic v … ex parte …" with the applicant's
name for the case's lawyer and the survivor code for others; the Order 53 steps offered in
English and Kiswahili; a late notice of motion recorded with a warning in words."""

import html
from typing import Any

from tests.conftest import Account
from tests.e2e.test_mandamus_outcome import enforced
from tests.web.conftest import Browser, sign_in
from tests.web.test_award_form import in_swahili


async def enforced_by_api(web: Browser, lawyer: Account) -> tuple[dict[str, Any], dict[str, Any]]:
    """The award and its review made through the API as the lawyer, before any page sign-in
    (this client keeps no bearer token once the pages are in use)."""
    web.headers.update(lawyer.headers)
    try:
        return await enforced(web)
    finally:
        del web.headers["Authorization"]


def offered(page: str, trigger: str) -> bool:
    return f'name="trigger" value="{trigger}"' in page


async def recorded(web: Browser, token: str, review: str, version: int, **fields: str) -> str:
    sent = await web.post(
        f"/web/cases/{review}/steps",
        data={"_form_token": token, "version": str(version), **fields},
    )
    assert sent.status_code == 303, sent.text
    return html.unescape((await web.get(sent.headers["location"])).text)


async def test_the_lawyer_sees_the_name_and_others_the_code(
    web: Browser, accounts: dict[str, Account]
) -> None:
    award, review = await enforced_by_api(web, accounts["lawyer"])
    code = review["claimants"][0]
    styled = f"Republic v Accounting Officer, {award['respondent']} ex parte"
    await sign_in(web, accounts["lawyer"])
    page = html.unescape((await web.get(f"/web/cases/{review['id']}")).text)
    assert f"<h1>{styled} Wanjiku Demo</h1>" in page
    await sign_in(web, accounts["advocacy"])
    page = html.unescape((await web.get(f"/web/cases/{review['id']}")).text)
    assert f"<h1>{styled} {code}</h1>" in page and "Wanjiku" not in page


async def test_the_route_from_leave_to_a_late_motion_in_both_languages(
    web: Browser, accounts: dict[str, Account]
) -> None:
    _, review = await enforced_by_api(web, accounts["lawyer"])
    token = await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{review['id']}")).text
    assert offered(page, "seek_leave") and not offered(page, "file")
    assert "Leave sought (chamber summons ex parte)" in page
    page = await recorded(
        web,
        token,
        review["id"],
        1,
        trigger="seek_leave",
        occurred_on="2021-09-06",
        court_number="JR Misc. Application No. E88 of 2021",
    )
    assert '<span class="stage">Leave sought</span>' in page
    assert offered(page, "grant_leave") and offered(page, "refuse_leave")
    page = await recorded(
        web, token, review["id"], 2, trigger="grant_leave", occurred_on="2021-09-20"
    )
    assert offered(page, "file_notice_of_motion")
    assert (
        "The 21 days from the leave granted on 20 September 2021 ended on 12 October 2021 "
        "(Order 53 rule 3(1) of the Civil Procedure Rules)."
    ) in page
    await in_swahili(web)
    sw = html.unescape((await web.get(f"/web/cases/{review['id']}")).text)
    assert '<span class="stage">Ruhusa imetolewa</span>' in sw
    assert "Siku 21 tangu ruhusa iliyotolewa tarehe 20 Septemba 2021" in sw
    page = await recorded(
        web, token, review["id"], 3, trigger="file_notice_of_motion", occurred_on="2021-10-13"
    )
    assert '<span class="stage">Notisi ya hoja imewasilishwa</span>' in page
    assert "Imerekodiwa nje ya muda: notisi ya hoja ilikuja siku 23 baada ya ruhusa" in page
    assert "Iliwasilishwa siku 23 baada ya ruhusa iliyotolewa tarehe 20 Septemba 2021" in page


async def test_leave_sought_without_its_number_is_refused_beside_the_field_in_words(
    web: Browser, accounts: dict[str, Account]
) -> None:
    _, review = await enforced_by_api(web, accounts["lawyer"])
    token = await sign_in(web, accounts["lawyer"])
    sent = await web.post(
        f"/web/cases/{review['id']}/steps",
        data={"_form_token": token, "version": "1", "trigger": "seek_leave"},
    )
    assert sent.status_code in (400, 409, 422)
    form = html.unescape(sent.text).split('id="step-seek_leave"', 1)[1].split("</form>", 1)[0]
    assert "Give the number the registry gave the application for leave." in form
    assert "court_number" not in form.replace('name="court_number"', "").replace(
        "step-seek_leave-court_number", ""
    ), "the refusal names no field by its identifier"
    await in_swahili(web)
    again = await web.post(
        f"/web/cases/{review['id']}/steps",
        data={"_form_token": token, "version": "1", "trigger": "seek_leave"},
    )
    assert "Andika nambari ambayo sajili ilitoa kwa ombi la ruhusa." in html.unescape(again.text)
