"""The advocacy charts over HTTP: real SVG, in shillings, without names, in English or Swahili."""

from typing import Any
from xml.etree import ElementTree

from tests.e2e.helpers import Client
from tests.e2e.test_reports import SECRET_NAME, served_award


def svg_root(response: Any) -> ElementTree.Element:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def texts(root: ElementTree.Element) -> str:
    return " ".join("".join(node.itertext()) for node in root.iter())


async def test_unpaid_chart_is_an_svg_in_shillings_without_names(client: Client) -> None:
    for n in range(1, 4):
        await served_award(client, n)
    response = await client.get("/reports/unpaid/chart.svg", params={"as_of": "2022-01-01"})
    root = svg_root(response)
    words = texts(root)
    assert "Court awards the State has not paid, as of 1 January 2022" in words
    assert "Ksh" in words and "Attorney General" in words and "300,000" in words
    assert SECRET_NAME not in response.text
    future = await client.get("/reports/unpaid/chart.svg", params={"as_of": "2999-01-01"})
    assert future.status_code == 422 and "in the future" in future.json()["detail"]


async def test_small_cells_are_merged_in_the_unpaid_chart(client: Client) -> None:
    """Two survivors' awards, both against the Attorney General: too few to show by agency."""
    for n in range(1, 3):
        await served_award(client, n)
    merged = texts(svg_root(await client.get("/reports/unpaid/chart.svg")))
    assert "other (fewer than 3 survivors)" in merged and "Attorney General" not in merged
    shown = await client.get("/reports/unpaid/chart.svg", params={"suppress_small": "false"})
    assert "Attorney General" in texts(svg_root(shown))


async def test_outstanding_over_time_chart(client: Client) -> None:
    await served_award(client, 1)
    response = await client.get("/reports/outstanding-over-time/chart.svg")
    words = texts(svg_root(response))
    assert "What the State owed on court awards at each month end" in words
    assert "Ksh" in words and "100,000" in words
    too_many = await client.get("/reports/outstanding-over-time/chart.svg?months=500")
    assert too_many.status_code == 400


async def test_charts_in_swahili(client: Client) -> None:
    for n in range(1, 4):
        await served_award(client, n)
    unpaid = texts(
        svg_root(
            await client.get(
                "/reports/unpaid/chart.svg", params={"as_of": "2022-01-01", "lang": "sw"}
            )
        )
    )
    assert "Fidia zilizoamriwa na mahakama ambazo Serikali haijalipa, hadi 1 Januari 2022" in unpaid
    assert "Deni kwa kila taasisi" in unpaid and "siku 91-365" in unpaid
    assert "Attorney General" in unpaid  # a name, never translated
    over_time = texts(
        svg_root(await client.get("/reports/outstanding-over-time/chart.svg?lang=sw&months=2"))
    )
    assert "Deni la Serikali kwa fidia za mahakama mwishoni mwa kila mwezi" in over_time
    assert "Mwisho wa mwezi (Nairobi)" in over_time
    unknown = await client.get("/reports/unpaid/chart.svg", params={"lang": "fr"})
    assert unknown.status_code == 400


async def test_a_name_with_dollar_signs_is_drawn_as_written(client: Client) -> None:
    """matplotlib read `$...$` as mathematics: one name broke the chart for everyone (a 500),
    and a well-formed one was drawn as a formula instead of the name."""
    broken, formula = r"$\frac{1}{$ Police", "County $x^2$ Council"
    for n, respondent in enumerate((broken, broken, broken, formula, formula, formula), 1):
        await served_award(client, n, respondent=respondent)
    response = await client.get("/reports/unpaid/chart.svg", params={"suppress_small": "false"})
    words = texts(svg_root(response))
    assert broken in words and formula in words
    over_time = await client.get("/reports/outstanding-over-time/chart.svg")
    assert over_time.status_code == 200
