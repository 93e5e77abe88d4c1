"""A notice of intention to sue (GPA s.13A) recorded through the API and the case page."""

from tests.e2e.helpers import Client, open_case, step


async def test_a_notice_is_recorded_listed_and_blocks_no_filing(client: Client) -> None:
    case = await open_case(client)
    given = await client.post(
        f"/cases/{case['id']}/notices-to-sue",
        json={"served_on": "2021-01-04", "served_on_whom": "the Attorney General and the IG"},
    )
    assert given.status_code == 201, given.text
    # served 4 January 2021: day 30 is 3 February, so suit may follow from 4 February
    assert given.json()["suit_from"] == "2021-02-04"
    listed = (await client.get(f"/cases/{case['id']}/notices-to-sue")).json()
    assert [n["served_on_whom"] for n in listed] == ["the Attorney General and the IG"]
    filed = await step(
        client, case, "file", occurred_on="2021-01-10", court_number="Petition E31 of 2021"
    )
    assert filed.status_code == 201, "filing within the 30 days is counsel's call, not Haki's"


async def test_a_notice_in_the_future_or_without_whom_is_refused(client: Client) -> None:
    case = await open_case(client)
    future = await client.post(
        f"/cases/{case['id']}/notices-to-sue",
        json={"served_on": "2999-01-04", "served_on_whom": "the Attorney General"},
    )
    assert future.status_code in (400, 422) and "in the future" in future.json()["detail"]
    assert (await client.get(f"/cases/{case['id']}/notices-to-sue")).json() == []


async def test_a_notice_never_holds_back_filing_a_constitutional_petition(client: Client) -> None:
    """Served today, its 30 days all to run: filing the petition is still offered now, and
    taken, as the step listing and the step itself both say."""
    case = await open_case(client, kind="constitutional_petition")
    served = await client.post(
        f"/cases/{case['id']}/notices-to-sue",
        json={"served_on": case["opened_at"][:10], "served_on_whom": "the Attorney General"},
    )
    assert served.status_code == 201, served.text
    listed = (await client.get(f"/cases/{case['id']}/transitions")).json()["steps"]
    assert {"trigger": "file", "possible": "now"} in [
        {"trigger": s["trigger"], "possible": s["possible"]} for s in listed
    ]
    filed = await step(client, case, "file", court_number="Petition E32 of 2021")
    assert filed.status_code == 201, filed.text
