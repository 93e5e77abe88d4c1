"""One demand letter for every award of a case (a petition with four claimants), over HTTP:
one schedule per decree holder, the case's totals, copies to each accounting officer, as a
PDF too; refused in words while no award may be demanded. Figures worked by hand."""

import io
import re
from typing import Any

from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, survivor

NAMES = ("Wanjiku Demo", "Otieno Demo", "Akinyi Demo", "Mutua Demo")
OFFICER = "Inspector-General of the National Police Service"


def flat(words: str) -> str:
    return re.sub(r"\s+", " ", words)


async def four_claimants(client: Client) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Judgment on 1 March 2021 at 12% a year from judgment; three awards certified on
    23 March and served on 1 April 2021, the fourth not yet certified."""
    codes = [await survivor(client, name) for name in NAMES]
    case = await judged(client, claimants=codes)
    awards = [
        await award_on(client, case, claimant=case["claimants"][0]),
        await award_on(
            client,
            case,
            claimant=case["claimants"][1],
            heads=[{"kind": "general", "amount": "500000", "interest_from": "judgment"}],
        ),
        await award_on(
            client,
            case,
            claimant=case["claimants"][2],
            respondent="National Police Service",
            department="National Police Service",
            accounting_officer=OFFICER,
            heads=[
                {"kind": "exemplary", "amount": "Ksh 200,000", "interest_from": "judgment"},
                {"kind": "aggravated", "amount": "100,000", "interest_from": "judgment"},
            ],
        ),
        await award_on(client, case, claimant=case["claimants"][3]),
    ]
    for award in awards[:3]:
        await chase(client, award, *SERVED)
    return case, awards


async def test_one_letter_covers_every_award_that_may_be_demanded(
    client: Client, engine: AsyncEngine
) -> None:
    case, _ = await four_claimants(client)
    response = await client.get(
        f"/cases/{case['id']}/demand-letter", params={"as_of": "2022-03-01"}
    )
    assert response.status_code == 200, response.text
    letter = flat(response.text)
    assert "We act for Wanjiku Demo, Otieno Demo and Akinyi Demo, the decree holders" in letter
    assert "Mutua Demo" not in letter, "not yet certified: not in the letter"
    # 365 days at 12%: 1,000,000 -> 120,000; 500,000 -> 60,000; 300,000 -> 36,000
    for phrase in (
        "Statement of the sums due to Wanjiku Demo as at 1 March 2022",
        "Statement of the sums due to Otieno Demo as at 1 March 2022",
        "Exemplary damages (interest from 1 March 2021) Ksh200,000.00",
        "Aggravated damages (interest from 1 March 2021) Ksh100,000.00",
        "Aggravated damages: Ksh100,000.00 at 12% from 1 March 2021 to 1 March 2022, "
        "365 days Ksh12,000.00",
        "Wanjiku Demo Ksh1,120,000.00 Otieno Demo Ksh560,000.00 Akinyi Demo Ksh336,000.00",
        "Total outstanding in this matter Ksh2,016,000.00",
        "We therefore demand payment of Ksh2,016,000.00",
        "c.c. Inspector-General of the National Police Service",
    ):
        assert phrase in letter, phrase
    async with engine.connect() as db:
        read = await db.scalar(
            text("SELECT count(*) FROM audit_events WHERE action = 'case.demand_letter.read'")
        )
    assert read == 1


async def test_the_case_letter_as_a_pdf_holds_the_sums(client: Client) -> None:
    case, _ = await four_claimants(client)
    response = await client.get(
        f"/cases/{case['id']}/demand-letter",
        params={"as_of": "2022-03-01", "format": "pdf", "lang": "sw"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="demand-letter-case.pdf"' in response.headers["content-disposition"]
    pages = [flat(p.extract_text()).replace("\xa0", " ") for p in PdfReader(
        io.BytesIO(response.content)).pages]  # fmt: skip
    whole = " ".join(pages)
    assert "Ksh 2,016,000.00" in whole and "Ksh 1,120,000.00" in whole
    assert f"Ukurasa {len(pages)} kati ya {len(pages)}" in pages[-1]


async def test_no_letter_while_no_award_may_be_demanded(client: Client) -> None:
    case = await judged(client)
    await award_on(client, case)
    refused = await client.get(f"/cases/{case['id']}/demand-letter")
    assert refused.status_code == 422
    assert "No award of this case may be demanded" in refused.json()["detail"]
    page = await client.get(
        f"/web/cases/{case['id']}/demand-letter", headers={"Accept": "text/html"}
    )
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "none of its awards has a certificate of order" in page.text
    shown = await client.get(f"/web/cases/{case['id']}")
    assert "/demand-letter" not in shown.text


async def test_the_case_page_links_the_letter_once_an_award_may_be_demanded(
    client: Client,
) -> None:
    case, _ = await four_claimants(client)
    shown = await client.get(f"/web/cases/{case['id']}")
    assert shown.status_code == 200
    assert f"/web/cases/{case['id']}/demand-letter?format=pdf&amp;lang=sw" in shown.text
