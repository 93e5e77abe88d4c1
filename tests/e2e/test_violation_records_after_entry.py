"""A violation record after entry, through the API: its documents (read by the survivor's
record's rule, as they have no case), its corrections (a stale one refused), its links to
cases, and the partners a new referral may be made to."""

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.audit import AuditEvent
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case, survivor

P3 = (Path(__file__).parent.parent / "fixtures" / "documents" / "p3-form.pdf").read_bytes()
BEATEN = {"year": 2024, "month": 6, "county": "Nairobi", "types": ["torture"], "agency": "gsu"}


async def recorded(client: Client, code: str, **extra: Any) -> dict[str, Any]:
    answer = await client.post(f"/survivors/{code}/violations", json=BEATEN | extra)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


async def actions(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as db:
        return list((await db.execute(select(AuditEvent.action))).scalars().all())


async def test_a_photograph_kept_on_a_violation_record_is_read_by_the_survivors_lawyers_only(
    client: Client, accounts: dict[str, Account], engine: AsyncEngine
) -> None:
    code = await survivor(client, "Otieno Photographed")
    violation = await recorded(client, code)
    kept = await client.post(
        f"/violations/{violation['id']}/documents",
        files={"file": ("Otieno injuries.pdf", P3, "application/pdf")},
        data={"kind": "medical_report"},
    )
    assert kept.status_code == 201, kept.text
    document = kept.json()
    assert document["case_id"] is None and document["record_kind"] == "violation"
    assert document["record_id"] == violation["id"]
    listed = await client.get(f"/violations/{violation['id']}/documents")
    assert [d["id"] for d in listed.json()] == [document["id"]]
    opened = await client.get(document["download"])
    assert opened.status_code == 200 and opened.content == P3
    other, viewer = accounts["other_lawyer"].headers, accounts["viewer"].headers
    for path in (document["download"], f"/violations/{violation['id']}/documents"):
        assert (await client.get(path, headers=other)).status_code == 404
        assert (await client.get(path, headers=viewer)).status_code == 403
    assert {"document.upload", "document.download"} <= set(await actions(engine))


async def test_a_violation_records_document_is_not_sent_through_a_case(client: Client) -> None:
    case = await open_case(client, "Njeri Through A Case")
    violation = await recorded(client, case["claimants"][0])
    sideways = await client.post(
        f"/cases/{case['id']}/documents",
        files={"file": ("x.pdf", P3, "application/pdf")},
        data={"kind": "photograph", "record_kind": "violation", "record_id": violation["id"]},
    )
    assert sideways.status_code == 422, sideways.text


async def test_a_correction_is_kept_and_a_stale_one_refused(
    client: Client, engine: AsyncEngine
) -> None:
    code = await survivor(client, "Akinyi Corrected")
    violation = await recorded(client, code)
    assert violation["version"] == 1
    corrected = BEATEN | {"day": 25, "unit": "Kilimani Police Station", "version": 1}
    answer = await client.put(f"/violations/{violation['id']}", json=corrected)
    assert answer.status_code == 200, answer.text
    assert answer.json()["precision"] == "day" and answer.json()["version"] == 2
    assert answer.json()["unit"] == "Kilimani Police Station"
    stale = await client.put(f"/violations/{violation['id']}", json=corrected | {"day": 3})
    assert stale.status_code == 409, stale.text
    assert "reload" in stale.json()["detail"]
    future = await client.put(
        f"/violations/{violation['id']}", json=BEATEN | {"year": 2999, "version": 2}
    )
    assert future.status_code == 422
    kept = (await client.get(f"/violations/{violation['id']}")).json()
    assert kept["occurred_on"] == "2024-06-25" and kept["version"] == 2
    async with engine.connect() as db:
        fields = (
            await db.execute(
                select(AuditEvent.detail).where(AuditEvent.action == "violation.change")
            )
        ).scalar_one()
    assert "Kilimani" not in str(fields)


async def test_a_case_is_linked_after_entry_and_unlinked_only_by_its_team(
    client: Client, accounts: dict[str, Account], engine: AsyncEngine
) -> None:
    case = await open_case(client, "Wafula Linked Later")
    violation = await recorded(client, case["claimants"][0])
    path = f"/violations/{violation['id']}/cases/{case['id']}"
    assert (await client.post(path)).status_code == 204
    assert (await client.post(path)).status_code == 204  # twice is once
    linked = await client.get(f"/cases/{case['id']}/violations")
    assert [v["id"] for v in linked.json()] == [violation["id"]]
    other = accounts["other_lawyer"].headers
    assert (await client.delete(path, headers=other)).status_code == 404
    assert (await client.delete(path)).status_code == 204
    assert (await client.get(f"/cases/{case['id']}/violations")).json() == []
    elsewhere = await open_case(client, "Someone Else", reference="HAKI/LIT/2021/002")
    stranger = f"/violations/{violation['id']}/cases/{elsewhere['id']}"
    assert (await client.post(stranger)).status_code == 422
    assert {"violation.link", "violation.unlink"} <= set(await actions(engine))


async def test_a_deactivated_partner_is_not_offered_but_still_named(
    client: Client, accounts: dict[str, Account]
) -> None:
    admin = accounts["admin"].headers
    partner = await client.post(
        "/referral-partners", json={"name": "Closing Clinic", "kind": "medical"}, headers=admin
    )
    partner_id = partner.json()["id"]
    code = await survivor(client, "Mutua Referred")
    made = await client.post(f"/survivors/{code}/referrals", json={"partner_id": partner_id})
    assert made.status_code == 201, made.text
    off = await client.post(
        f"/referral-partners/{partner_id}/active", json={"active": False}, headers=admin
    )
    assert off.status_code == 201 and off.json()["active"] is False
    refused = await client.post(f"/survivors/{code}/referrals", json={"partner_id": partner_id})
    assert refused.status_code == 422 and "no new referrals" in refused.json()["detail"]
    [still] = (await client.get(f"/survivors/{code}/referrals")).json()
    assert still["partner"]["name"] == "Closing Clinic"
    on = await client.post(
        f"/referral-partners/{partner_id}/active", json={"active": True}, headers=admin
    )
    assert on.json()["active"] is True
    again = await client.post(f"/survivors/{code}/referrals", json={"partner_id": partner_id})
    assert again.status_code == 201
