"""Referrals from the survivor's page and on My week: a step refused in words beside its
field; the referrals due a follow-up listed for the lawyer, never for the advocacy officer."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.referrals import PartnerKind
from service.database import make_sessionmaker
from service.usecases.records.referrals import PartnerIn, add_partner
from tests.conftest import Account
from tests.factories import TEST_ACTOR
from tests.web.conftest import Browser, sign_in
from tests.web.test_violation_pages import registered_by


async def test_a_referral_on_the_survivor_page_and_on_my_week(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    code = await registered_by(engine, accounts["lawyer"], "Nafula Referred")
    async with make_sessionmaker(engine)() as session:
        centre = PartnerIn(name="Kisumu trauma clinic", kind=PartnerKind.MEDICAL)
        partner = await add_partner(session, TEST_ACTOR, centre)
    token = await sign_in(web, accounts["lawyer"])
    ten_days_ago = (nairobi_today(utcnow()) - timedelta(days=10)).isoformat()
    sent = await web.post(
        f"/web/survivors/{code}/referrals",
        data={"_form_token": token, "partner_id": str(partner.id), "made_on": ten_days_ago},
    )
    assert sent.status_code == 303, sent.text
    week = (await web.get("/web/")).text
    assert "Referrals due for follow-up" in week and "Kisumu trauma clinic" in week
    assert f"/web/survivors/{code}/violations#referrals" in week

    survivor_page = (await web.get(f"/web/survivors/{code}/violations")).text
    referral_id = survivor_page.split("/web/referrals/")[1].split("/steps")[0]
    refused = await web.post(
        f"/web/referrals/{referral_id}/steps",
        data={"_form_token": token, "step": "close", "version": "1"},
    )
    assert refused.status_code == 422
    assert "Choose how the referral ended, to close it." in refused.text
    web.cookies.clear()
    await sign_in(web, accounts["advocacy"])
    theirs = (await web.get("/web/")).text
    assert "Referrals due for follow-up" not in theirs and "Kisumu trauma clinic" not in theirs


async def test_an_administrator_keeps_the_directory_of_partners(
    web: Browser, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["admin"])
    assert "/web/admin/partners" in (await web.get("/web/admin")).text
    form = {"_form_token": token, "name": "Eldoret legal aid clinic", "kind": "legal_aid"}
    added = await web.post("/web/admin/partners", data=form)
    assert added.status_code == 303, added.text
    listed = (await web.get("/web/admin/partners?done=added")).text
    assert "The partner is in the directory." in listed and "Eldoret legal aid clinic" in listed
    again = await web.post("/web/admin/partners", data=form)
    assert again.status_code == 409
    assert "A partner of that name is already in the directory." in again.text
    no_kind = await web.post("/web/admin/partners", data=form | {"kind": "", "name": "Another"})
    assert no_kind.status_code == 400 and "Choose what the partner offers." in no_kind.text
