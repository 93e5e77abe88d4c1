"""The demand letter to the Attorney General over HTTP: figures and dates as Babel writes them
for en_KE and sw_KE (worked by hand here), escaping, refusals, access and the audit trail."""

import re
from typing import Any

import pytest

from tests.conftest import Account
from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, pay

NBSP = "\xa0"  # what Babel puts between "Ksh" and the figure in sw_KE


async def letter(client: Client, award: dict[str, Any], **params: str) -> str:
    response = await client.get(f"/awards/{award['id']}/demand-letter", params=params)
    assert response.status_code == 200, response.text
    return response.text


def flat(text: str) -> str:
    """The letter with its line breaks undone, so a phrase is found wherever it was wrapped."""
    return re.sub(r"[ \n]+", " ", text)


async def served_award(client: Client, **case: Any) -> dict[str, Any]:
    """KES 1,000,000 at 12% a year from judgment on 1 March 2021; certificate issued on
    23 March 2021 and served on the Attorney General on 1 April 2021."""
    award = await award_on(client, await judged(client, **case))
    await chase(client, award, *SERVED)
    return award


async def test_the_english_letter_states_the_sums_as_babel_writes_them(client: Client) -> None:
    award = await served_award(client)
    response = await client.get(
        f"/awards/{award['id']}/demand-letter", params={"as_of": "2022-03-01"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    text = flat(response.text)
    # 1 March 2021 to 1 March 2022 is 365 days: 1,000,000 x 12% x 365/365 = 120,000.00
    for phrase in (
        "Our ref.: HAKI/LIT/2021/001",
        "Nairobi, 1 March 2022",
        "The Hon. Attorney General State Law Office Sheria House, Harambee Avenue",
        "RE: Petition E31 of 2020 in the High Court at Nairobi (Milimani): "
        "W.D. v Attorney General & 2 others",
        "We act for Wanjiku Demo, the decree holder",
        "Judgment was delivered on 1 March 2021.",
        "with interest at 12% a year (in the words of the decree: “12% p.a. from judgment”)",
        "issued on 23 March 2021 and served on your office on 1 April 2021.",
        "section 21(3) of the Government Proceedings Act (Cap. 40)",
        "General damages (interest from 1 March 2021) Ksh1,000,000.00",
        "Interest at 12% a year to 1 March 2022 Ksh120,000.00",
        "Less: payments received Ksh0.00",
        "Amount outstanding Ksh1,120,000.00",
        "We therefore demand payment of Ksh1,120,000.00, with further interest at 12% a year "
        "from 1 March 2022 until payment in full, within 30 days of the date of this letter.",
        "judicial review and an order of mandamus",
        "For and on behalf of Haki Achieng Odhiambo Advocate for the decree holder",
    ):
        assert phrase in text, phrase
    statement = await client.get(f"/awards/{award['id']}/statement", params={"as_of": "2022-03-01"})
    assert statement.json()["outstanding"] == "1120000.00", "the letter agrees with the statement"


async def test_the_swahili_letter_after_a_payment_and_a_follow_up(client: Client) -> None:
    award = await served_award(client)
    followed = await client.post(
        f"/awards/{award['id']}/follow-ups",
        json={"on": "2021-05-03", "kind": "letter", "reference": "HAKI/AG/2021/17"},
    )
    assert followed.status_code == 201, followed.text
    assert (await pay(client, award, "2021-12-31", "200000.00")).status_code == 201
    text = flat(await letter(client, award, lang="sw", as_of="2022-03-01"))
    # to 31 Dec 2021, 305 days: 1,000,000 x 12% x 305/365 = 100,273.97; the 200,000 paid
    # clears it and 99,726.03 of principal, leaving 900,273.97; 60 days to 1 March 2022:
    # 900,273.97 x 12% x 60/365 = 17,758.83. Interest 118,032.80; owed 918,032.80.
    for phrase in (
        "Kumb. yetu: HAKI/LIT/2021/001",
        "Nairobi, tarehe 1 Machi 2022",
        "Mhe. Mwanasheria Mkuu Ofisi ya Mwanasheria Mkuu Sheria House, Barabara ya Harambee "
        "S.L.P. 40112-00200",
        "Mheshimiwa,",
        "KUH: Petition E31 of 2020 katika Mahakama Kuu huko Nairobi (Milimani)",
        "Madai ya malipo chini ya cheti cha amri dhidi ya Serikali",
        "Tunamwakilisha Wanjiku Demo, mwenye amri",
        "Hukumu ilitolewa tarehe 1 Machi 2021.",
        "pamoja na riba ya 12% kwa mwaka",
        "Cheti cha amri dhidi ya Serikali kilitolewa tarehe 23 Machi 2021 na kukabidhiwa ofisi "
        "yako tarehe 1 Aprili 2021.",
        "kifungu cha 21(3) cha Sheria ya Mashauri ya Serikali",
        "3 Mei 2021: barua, kumb. yetu HAKI/AG/2021/17",
        "Taarifa ya kiasi kinachodaiwa hadi tarehe 1 Machi 2022",
        f"Fidia ya jumla (riba kuanzia tarehe 1 Machi 2021) Ksh{NBSP}1,000,000.00",
        f"Riba ya 12% kwa mwaka hadi tarehe 1 Machi 2022 Ksh{NBSP}118,032.80",
        f"Toa: malipo yaliyopokelewa Ksh{NBSP}200,000.00",
        f"Kiasi kinachodaiwa Ksh{NBSP}918,032.80",
        f"Kwa hiyo tunadai malipo ya Ksh{NBSP}918,032.80",
        "ndani ya siku 30 tangu tarehe ya barua hii.",
        "amri ya mandamus",
        "Wako mwaminifu, ........................................ Sahihi "
        "Kwa niaba ya Haki Achieng Odhiambo Wakili wa mwenye amri",
    ):
        assert phrase in text, phrase
    for english in (
        "Our ref",
        "Dear Sir",
        "Judgment was delivered",
        "certificate of order",
        "Statement of the sums",
        "General damages",
        "interest",
        "payments received",
        "Amount outstanding",
        "We therefore demand",
        "within that time",
        "Yours faithfully",
        "on behalf of",
        "letter",
        "March",
    ):
        assert english not in text, f"untranslated: {english!r}"
    statement = await client.get(f"/awards/{award['id']}/statement", params={"as_of": "2022-03-01"})
    assert (statement.json()["interest"], statement.json()["outstanding"]) == (
        "118032.80",
        "918032.80",
    )


async def test_html_escapes_every_value_typed_into_a_record(client: Client) -> None:
    award = await served_award(
        client,
        title="<script>alert('x')</script> v Attorney General",
        survivor_name="Amani <b>Bold</b> & Co",
    )
    response = await client.get(
        f"/awards/{award['id']}/demand-letter", params={"format": "html", "lang": "sw"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    html = response.text
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sw">' in html
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; v Attorney General" in html
    assert "Amani &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html


async def test_a_certificate_not_yet_served_is_served_with_the_letter(client: Client) -> None:
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED[:2])
    text = flat(await letter(client, award, as_of="2021-04-01"))
    assert "issued on 23 March 2021; a copy is served on you with this letter." in text


@pytest.mark.parametrize(
    ("params", "status", "phrase"),
    [
        ({"lang": "fr"}, 400, "lang"),
        ({"format": "docx"}, 400, "format"),
        ({"as_of": "1/3/2022"}, 400, "as_of"),
        ({"as_of": "2999-01-01"}, 422, "in the future"),
        ({"as_of": "2021-02-27"}, 422, "before the judgment"),
        ({"as_of": "2021-03-10"}, 422, "before the certificate of order"),
    ],
)
async def test_bad_parameters_are_refused_as_problems(
    client: Client, params: dict[str, str], status: int, phrase: str
) -> None:
    award = await served_award(client)
    response = await client.get(f"/awards/{award['id']}/demand-letter", params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert phrase in response.json()["detail"]


async def test_no_letter_before_the_certificate_or_once_paid(client: Client) -> None:
    award = await award_on(client, await judged(client))
    early = await client.get(f"/awards/{award['id']}/demand-letter")
    assert early.status_code == 422 and "not yet issued" in early.json()["detail"]
    await chase(client, award, *SERVED)
    assert (await pay(client, award, "2022-03-01", "1120000.00")).json()["stage"] == "paid_in_full"
    paid = await client.get(f"/awards/{award['id']}/demand-letter")
    assert paid.status_code == 422 and "paid in full" in paid.json()["detail"]


async def test_only_the_team_and_admin_read_it_and_each_read_is_audited(
    client: Client, accounts: dict[str, Account]
) -> None:
    award = await served_award(client)
    path = f"/awards/{award['id']}/demand-letter"
    for role, status in (("advocacy", 403), ("viewer", 403), ("other_lawyer", 404)):
        refused = await client.get(path, headers=accounts[role].headers)
        assert refused.status_code == status, role
        assert "Wanjiku" not in refused.text
    admin = accounts["admin"].headers
    assert (await client.get(path, params={"lang": "sw"})).status_code == 200
    assert (await client.get(path, headers=admin)).status_code == 200
    reads = await client.get("/audit", params={"action": "award.demand_letter.read"}, headers=admin)
    assert [
        (r["actor"], r["record_id"], r["detail"]["language"]) for r in reads.json()["items"]
    ] == [("test.admin", award["id"], "en"), ("test.lawyer", award["id"], "sw")]
