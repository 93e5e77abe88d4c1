"""Court numbers as judgments print them, through the API: the station a number names, padded
e-filing numbers, consolidated matters, a number filed twice, and an eKLR citation (issue 19)."""

from tests.e2e.helpers import Client, case_body, open_case, step, survivor
from tests.e2e.test_bad_input import assert_problem


async def test_filing_a_number_registered_at_the_station_is_a_409_in_words(
    client: Client,
) -> None:
    await open_case(client, court_number="Petition E7 of 2022")
    other = await open_case(client, reference="HAKI/OTHER")
    refused = await step(client, other, "file", court_number="Petition No. E7 of 2022")
    assert_problem(refused, 409, "Petition E7 of 2022 at Nairobi (Milimani) is already registered")
    got = (await client.get(f"/cases/{other['id']}")).json()
    assert (got["stage"], got["court_number"]) == ("intake", None)


async def test_e019_and_e19_are_one_number_in_the_register_search_and_uniqueness(
    client: Client,
) -> None:
    case = await open_case(client, court_number="Petition E019 of 2024")
    assert case["court_number"] == "Petition E19 of 2024"
    code = await survivor(client)
    twice = await client.post(
        "/cases", json=case_body(code, reference="HAKI/TWICE", court_number="Petition E19 of 2024")
    )
    assert_problem(twice, 409, "already registered")
    for written in ("Petition E19 of 2024", "petition no. e019 of 2024"):
        found = (await client.get("/cases", params={"search": written})).json()
        assert [c["id"] for c in found["items"]] == [case["id"]], written
        by_number = (await client.get("/cases", params={"court_number": written})).json()
        assert by_number["total"] == 1, written


async def test_a_station_written_in_the_number_is_the_cases_station(client: Client) -> None:
    case = await open_case(
        client, court_station="Nairobi", court_number="Milimani CMCC No 1234 of 2019"
    )
    assert (case["court_number"], case["court_station"]) == (
        "CMCC 1234 of 2019",
        "Nairobi (Milimani)",
    )
    code = await survivor(client)
    elsewhere = await client.post(
        "/cases",
        json=case_body(
            code, reference="HAKI/KAK", court_number="Kakamega Civil Suit No. 12 of 2018"
        ),
    )
    assert_problem(elsewhere, 422, "The court number names Kakamega but the court station is")


async def test_filing_reads_the_station_from_the_number(client: Client) -> None:
    case = await open_case(client, court_station="Nakuru")
    filed = await step(client, case, "file", court_number="Nakuru CMCC NO.78 of 2017")
    assert filed.status_code == 201, filed.text
    got = (await client.get(f"/cases/{case['id']}")).json()
    assert (got["court_number"], got["court_station"]) == ("CMCC 78 of 2017", "Nakuru")


async def test_a_consolidated_matter_is_found_by_each_of_its_numbers(client: Client) -> None:
    case = await open_case(client, court_number="Petition E031, E032 & E033 of 2024 (Consolidated)")
    assert case["court_number"] == "Petition E31 of 2024"
    assert case["consolidated_with"] == ["Petition E32 of 2024", "Petition E33 of 2024"]
    found = (await client.get("/cases", params={"search": "Petition No. E032 of 2024"})).json()
    assert [c["id"] for c in found["items"]] == [case["id"]]


async def test_an_ekrl_citation_is_kept_not_refused(client: Client) -> None:
    case = await open_case(client, court_number="Petition 572 of 2013")
    journey = [
        ("exchange_pleadings", {"occurred_on": "2014-06-10"}),
        ("set_down_for_hearing", {"occurred_on": "2015-01-20"}),
        ("reserve_judgment", {"occurred_on": "2017-03-15"}),
    ]
    for trigger, facts in [("file", {"occurred_on": "2013-10-01"}), *journey]:
        assert (await step(client, case, trigger, **facts)).status_code == 201
    cited = "Denish Gumbe Osire v Cabinet Secretary, Ministry of Defence & another [2017] eKLR"
    judgment = await step(
        client,
        case,
        "deliver_judgment",
        occurred_on="2017-07-12",
        outcome="allowed",
        neutral_citation=cited,
    )
    assert judgment.status_code == 201, judgment.text
    assert (await client.get(f"/cases/{case['id']}")).json()["neutral_citation"] == cited
