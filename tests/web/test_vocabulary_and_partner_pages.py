"""The administrators' pages for the record's lists: a violation added to the vocabulary in
both languages (an empty name and a duplicate refused in words, in English and Kiswahili), and
a partner deactivated (offered for no new referral, still named on the old) and reactivated."""

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.referrals import PartnerKind
from service.database import make_sessionmaker
from service.usecases.records.referrals import PartnerIn, ReferralIn, add_partner, refer
from tests.conftest import Account
from tests.factories import TEST_ACTOR
from tests.web.conftest import Browser, sign_in
from tests.web.test_violation_pages import registered_by


async def test_an_administrator_adds_a_violation_and_is_refused_in_words(
    web: Browser, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["admin"])
    assert "/web/admin/violation-types" in (await web.get("/web/admin")).text
    page = (await web.get("/web/admin/violation-types")).text
    assert "Mauaji ya kiholela" in page and "Extrajudicial execution" in page
    empty = await web.post(
        "/web/admin/violation-types",
        data={"_form_token": token, "name_en": "Forced eviction", "name_sw": "  "},
    )
    assert empty.status_code == 422
    assert "Give the violation&#39;s name in Kiswahili." in empty.text
    assert 'value="Forced eviction"' in empty.text
    form = {"_form_token": token, "name_en": "Forced eviction", "name_sw": "Kufukuzwa kwa nguvu"}
    added = await web.post("/web/admin/violation-types", data=form)
    assert added.status_code == 303, added.text
    listed = (await web.get("/web/admin/violation-types?done=added")).text
    assert "The violation is in the vocabulary." in listed
    assert "Kufukuzwa kwa nguvu" in listed and "forced_eviction" in listed
    await web.get("/web/language/sw")
    again = await web.post(
        "/web/admin/violation-types",
        data={"_form_token": token, "name_en": "Torture ", "name_sw": "Mateso mapya"},
    )
    assert again.status_code == 409
    assert "Msamiati tayari una ukiukaji wa jina au msimbo huo" in again.text


async def test_a_deactivated_partner_is_offered_for_no_new_referral(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    code = await registered_by(engine, accounts["lawyer"], "Wekesa Referred Once")
    async with make_sessionmaker(engine)() as session:
        closing = PartnerIn(name="Closing trauma clinic", kind=PartnerKind.MEDICAL)
        partner = await add_partner(session, TEST_ACTOR, closing)
    async with make_sessionmaker(engine)() as session:
        staying = PartnerIn(name="Staying counselling centre", kind=PartnerKind.PSYCHOSOCIAL)
        await add_partner(session, TEST_ACTOR, staying)
    async with make_sessionmaker(engine)() as session:
        await refer(session, TEST_ACTOR, code, ReferralIn(partner_id=partner.id), None)
    token = await sign_in(web, accounts["admin"])
    off = await web.post(
        f"/web/admin/partners/{partner.id}/active", data={"_form_token": token, "active": "no"}
    )
    assert off.status_code == 303, off.text
    directory = (await web.get("/web/admin/partners?done=deactivated")).text
    assert (
        "The partner is deactivated" in directory
        and "Reactivate Closing trauma clinic" in directory
    )
    survivor_page = (await web.get(f"/web/survivors/{code}/violations")).text
    offered = survivor_page.split('id="ref-partner_id"')[1].split("</select>")[0]
    assert "Closing trauma clinic" not in offered
    assert "Closing trauma clinic" in survivor_page  # the referral made still names it
    on = await web.post(
        f"/web/admin/partners/{partner.id}/active", data={"_form_token": token, "active": "yes"}
    )
    assert on.status_code == 303
    survivor_page = (await web.get(f"/web/survivors/{code}/violations")).text
    assert (
        "Closing trauma clinic"
        in survivor_page.split('id="ref-partner_id"')[1].split("</select>")[0]
    )
