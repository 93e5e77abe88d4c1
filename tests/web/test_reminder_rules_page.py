"""The reminder rules page: an administrator adds and removes a rule, in both languages."""

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.reminders import DEFAULT_RULES, Audience, Rule
from service.database import make_sessionmaker
from service.usecases.hearings.reminders import current_rules
from tests.conftest import Account, empty_tables
from tests.web.conftest import Browser, sign_in


async def rules(engine: AsyncEngine) -> tuple[Rule, ...]:
    async with make_sessionmaker(engine)() as session:
        return await current_rules(session)


async def test_an_administrator_adds_and_removes_a_reminder_rule(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["admin"])
    shown = await web.get("/web/reminder-rules")
    assert shown.status_code == 200 and "7 days before" in shown.text
    wrong = await web.post(
        "/web/reminder-rules", data={"audience": "team", "days_before": "90", "_form_token": token}
    )
    assert wrong.status_code == 400
    assert 'id="add-days_before-error">Give the days before the court date, from 0' in wrong.text
    assert await rules(engine) == DEFAULT_RULES
    added = await web.post(
        "/web/reminder-rules",
        data={"audience": "team", "days_before": "2", "at": "08:30", "_form_token": token},
    )
    assert added.status_code == 303
    assert (await rules(engine))[-1] == Rule(Audience.TEAM, 2, (await rules(engine))[-1].at)
    assert "at 08:30" in (await web.get("/web/reminder-rules")).text
    removed = await web.post(
        "/web/reminder-rules/remove", data={"place": "0", "_form_token": token}
    )
    assert removed.status_code == 303
    assert len(await rules(engine)) == len(DEFAULT_RULES)
    await web.get("/web/language/sw")
    page = await web.get("/web/reminder-rules")
    assert "<h1>Kanuni za vikumbusho</h1>" in page.text and "Ongeza kanuni" in page.text
    wrong = await web.post(
        "/web/reminder-rules", data={"audience": "", "days_before": "1", "_form_token": token}
    )
    assert 'id="add-audience-error">Chagua nani anakumbushwa.' in wrong.text
    await empty_tables(engine)


async def test_only_an_administrator_may_change_the_rules(
    web: Browser, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["lawyer"])
    assert (await web.get("/web/reminder-rules")).status_code == 403
    sent = await web.post(
        "/web/reminder-rules", data={"audience": "team", "days_before": "2", "_form_token": token}
    )
    assert sent.status_code == 403
