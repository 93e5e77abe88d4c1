"""A survivor's contacts and consent from the browser: adding a contact, consent recorded with
who took it, a new phone suspending it, a status code issued once and revoked, consent
withdrawn; refusals in words naming the field; a lawyer off the survivor's cases sees nothing."""

import re

from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import registered_case
from tests.web.conftest import Browser, sign_in

CODE_SHOWN = re.compile(r'<strong class="code">([A-Z0-9-]+)</strong>')
CONTACT = re.compile(r'id="contact-([0-9a-f-]{36})"')
NEW = {
    "name": "Mary Wanjiru",
    "relationship": "mother",
    "language": "sw",
    "channel": "sms",
    "phone": "0712 345 678",
    "email": "",
    "quiet_from": "21:00",
    "quiet_until": "07:00",
}


async def test_a_lawyer_adds_a_contact_records_consent_issues_a_code_and_withdraws(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    lawyer = accounts["lawyer"]
    case, code = await registered_case(make_sessionmaker(engine), lead=lawyer.user.id)
    token = await sign_in(web, lawyer)
    case_page = await web.get(f"/web/cases/{case.id}")
    assert f'href="/web/survivors/{code}/contacts"' in case_page.text
    address = f"/web/survivors/{code}/contacts"
    empty = await web.get(address)
    assert empty.status_code == 200
    assert "No contact is recorded for this survivor." in empty.text and "Test Person" in empty.text

    # a browser sends every field of the form, the empty ones empty
    blank = await web.post(address, data=dict.fromkeys(NEW, "") | {"_form_token": token})
    assert blank.status_code == 400
    assert 'id="add-name-error">Full name: give the contact&#39;s full name.' in blank.text
    no_phone = await web.post(address, data=NEW | {"phone": "", "_form_token": token})
    assert no_phone.status_code == 422
    assert 'id="add-phone-error">Phone: give a Kenyan mobile number' in no_phone.text
    assert 'value="Mary Wanjiru"' in no_phone.text, "what was typed is kept"
    assert "a contact reached by SMS needs a mobile phone number" not in no_phone.text

    added = await web.post(address, data=NEW | {"_form_token": token})
    assert added.status_code == 303
    page = await web.get(added.headers["location"])
    assert "Nothing is sent to them until their consent is recorded." in page.text
    assert "+254712345678" in page.text and "Not yet given. Nothing is sent." in page.text
    assert "Issue a status code" not in page.text, "no code before consent"
    found = CONTACT.search(page.text)
    assert found
    contact_id = found.group(1)
    assert added.headers["location"].endswith(f"#contact-{contact_id}")

    future = await web.post(
        f"/web/contacts/{contact_id}/consent",
        data={"given_at": "2999-01-01T10:00", "way": "in_person", "_form_token": token},
    )
    assert future.status_code == 422
    assert "Consent given at: give a day and time that has passed" in future.text
    unsaid = await web.post(f"/web/contacts/{contact_id}/consent", data={"_form_token": token})
    assert unsaid.status_code == 400
    assert f'id="consent-{contact_id}-way-error">How it was given: choose' in unsaid.text
    agreed = await web.post(
        f"/web/contacts/{contact_id}/consent", data={"way": "signed_form", "_form_token": token}
    )
    assert agreed.status_code == 303
    page = await web.get(agreed.headers["location"])
    assert f"recorded by {lawyer.user.username}." in page.text
    assert "<dt>How it was given</dt><dd>On a signed form</dd>" in page.text

    issued = await web.post(
        f"/web/cases/{case.id}/status-codes", data={"contact_id": contact_id, "_form_token": token}
    )
    assert issued.status_code == 200 and "it is shown only this once" in issued.text
    shown = CODE_SHOWN.search(issued.text)
    assert shown
    assert (await web.get(f"/status/{shown.group(1)}")).status_code == 200
    page = await web.get(address)
    assert shown.group(1) not in page.text, "the code is shown only once"
    assert "it works until" in page.text

    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version
    moved = await web.post(
        f"/web/contacts/{contact_id}",
        data=NEW | {"phone": "0722 000 111", "version": version.group(1), "_form_token": token},
    )
    assert moved.status_code == 303 and "done=suspended" in moved.headers["location"]
    page = await web.get(moved.headers["location"])
    assert "consent is suspended until it is recorded again" in page.text
    assert "Suspended since" in page.text
    assert (await web.get(f"/status/{shown.group(1)}")).status_code == 404
    stale = await web.post(
        f"/web/contacts/{contact_id}",
        data=NEW | {"version": version.group(1), "_form_token": token},
    )
    assert stale.status_code == 409
    assert "Someone changed this contact after you opened the page" in stale.text
    assert 'value="+254722000111"' in stale.text, "the contact as it is now"

    revoked = await web.post(
        f"/web/cases/{case.id}/status-codes/{contact_id}/revoke", data={"_form_token": token}
    )
    assert revoked.status_code == 303
    assert "The status code no longer works." in (await web.get(revoked.headers["location"])).text
    withdrawn = await web.post(
        f"/web/contacts/{contact_id}/consent/withdraw", data={"_form_token": token}
    )
    assert withdrawn.status_code == 303
    page = await web.get(withdrawn.headers["location"])
    assert "Consent is withdrawn" in page.text and "Withdrawn " in page.text

    await web.get("/web/language/sw")
    page = await web.get(address)
    assert "Ongeza mtu wa kuwasiliana naye" in page.text


async def test_a_lawyer_off_the_survivors_cases_gets_what_an_unknown_id_gets(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    case, code = await registered_case(sessions, lead=accounts["lawyer"].user.id)
    mine, my_code = await registered_case(
        sessions, lead=accounts["other_lawyer"].user.id, reference="HAKI/T/2"
    )
    token = await sign_in(web, accounts["lawyer"])
    added = await web.post(f"/web/survivors/{code}/contacts", data=NEW | {"_form_token": token})
    contact_id = added.headers["location"].rsplit("#contact-", 1)[1]
    token = await sign_in(web, accounts["other_lawyer"])
    unknown = await web.get("/web/survivors/S-1999-0001/contacts")
    foreign = await web.get(f"/web/survivors/{code}/contacts")
    assert unknown.status_code == foreign.status_code == 404
    assert "Test Person" not in foreign.text
    assert (await web.get(f"/web/survivors/{my_code}/contacts")).status_code == 200
    for target in (
        f"/web/contacts/{contact_id}",
        f"/web/contacts/{contact_id}/consent",
        f"/web/contacts/{contact_id}/consent/withdraw",
        f"/web/cases/{case.id}/status-codes/{contact_id}/revoke",
    ):
        answer = await web.post(target, data={"_form_token": token, "version": "1"})
        assert answer.status_code == 404, target
    into_mine = await web.post(
        f"/web/cases/{mine.id}/status-codes", data={"contact_id": contact_id, "_form_token": token}
    )
    assert into_mine.status_code == 404, "a contact of another case's survivor is not probed"


async def test_roles_without_personal_data_do_not_see_contacts(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, code = await registered_case(make_sessionmaker(engine))
    await sign_in(web, accounts["advocacy"])
    assert (await web.get(f"/web/survivors/{code}/contacts")).status_code == 403
    assert "/contacts" not in (await web.get(f"/web/cases/{case.id}")).text


async def test_a_code_asked_after_consent_was_withdrawn_is_refused_in_words_over_the_form(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, code = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    added = await web.post(f"/web/survivors/{code}/contacts", data=NEW | {"_form_token": token})
    contact_id = added.headers["location"].rsplit("#contact-", 1)[1]
    consent = f"/web/contacts/{contact_id}/consent"
    await web.post(consent, data={"way": "phone_call", "_form_token": token})
    await web.post(f"{consent}/withdraw", data={"_form_token": token})  # in another tab
    refused = await web.post(
        f"/web/cases/{case.id}/status-codes", data={"contact_id": contact_id, "_form_token": token}
    )
    assert refused.status_code == 422
    assert 'role="alert" id="form-error">This contact has not consented, withdrew' in refused.text
    assert "POST /contacts" not in refused.text, "the API's words stay in the API"
