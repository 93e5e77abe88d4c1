"""Costs taxed after the certificate of order: their own certificate of costs, its service on
the Attorney General, the chase counted from it, and the demand letter citing it (GPA s.21(1)
proviso, s.21(2)). Judgment 1 Mar 2021; certificate of order 23 Mar, served 1 Apr 2021."""

import re

from tests.e2e.helpers import SERVED, Client, award_on, chase, judged


async def test_costs_taxed_later_are_certified_served_chased_and_cited(client: Client) -> None:
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    none_yet = await client.post(
        f"/awards/{award['id']}/costs/certificate", json={"issued_on": "2021-09-06"}
    )
    assert none_yet.status_code == 409
    assert (
        "No costs were taxed after the certificate of order of 23 March 2021"
        in (none_yet.json()["detail"])
    )
    taxed = await client.post(
        f"/awards/{award['id']}/costs",
        json={"amount": "150000.00", "taxed_on": "2021-09-01", "certificate_ref": "CoC 88 of 2021"},
    )
    assert taxed.status_code == 201, taxed.text
    unserved = await client.post(
        f"/awards/{award['id']}/costs/certificate/service", json={"served_on": "2021-09-10"}
    )
    assert (
        unserved.status_code == 409
        and "record the certificate of costs first" in (unserved.json()["detail"])
    )
    early = await client.post(
        f"/awards/{award['id']}/costs/certificate", json={"issued_on": "2021-08-31"}
    )
    assert early.status_code == 422
    assert "can be issued from 1 September 2021" in early.json()["detail"]
    issued = await client.post(
        f"/awards/{award['id']}/costs/certificate", json={"issued_on": "2021-09-06"}
    )
    assert issued.status_code == 201, issued.text
    served = await client.post(
        f"/awards/{award['id']}/costs/certificate/service", json={"served_on": "2021-09-10"}
    )
    assert served.status_code == 201, served.text
    costs = served.json()["heads"][-1]
    assert (costs["taxed_on"], costs["certificate_on"], costs["served_on"]) == (
        "2021-09-01",
        "2021-09-06",
        "2021-09-10",
    )
    assert served.json()["certificate_on"] == "2021-03-23", "the certificate of order stays"
    # no follow-up yet: the chase counts from the later service, 10 Sep 2021 + 30 = 10 Oct 2021
    due = (await client.get("/follow-ups/due", params={"within": 0})).json()
    assert [d["next_due"] for d in due if d["award_id"] == award["id"]] == ["2021-10-10"]
    letter = await client.get(
        f"/awards/{award['id']}/demand-letter", params={"as_of": "2021-10-01"}
    )
    assert letter.status_code == 200, letter.text
    assert (
        "The costs taxed on 1 September 2021 were certified separately, by a certificate of "
        "costs issued on 6 September 2021 and served on your office on 10 September 2021."
    ) in re.sub(r"[ \n]+", " ", letter.text)
    events = (await client.get(f"/awards/{award['id']}/events")).json()
    assert [e["trigger"] for e in events[-2:]] == ["certify_costs", "serve_costs_certificate"]
