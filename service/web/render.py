"""Templates to HTML in the reader's language, with Babel's dates and shillings for en_KE/sw_KE."""

from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel.dates import format_time
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from litestar import Request, Response
from litestar.enums import MediaType

from domain.calendar import NAIROBI
from domain.users import Principal
from notifications.formatting import long_date, shillings, weekday_date, yearly_rate
from notifications.i18n import Language, translations
from notifications.statement_words import statement_line
from service.auth.browser import SESSION_COOKIE, form_token
from service.auth.rules import POLICY, ROLES
from service.web.labels import LABELS
from service.web.once import AGAIN, new_token

TEMPLATES = Path(__file__).parent / "templates"
LANGUAGE_COOKIE = "haki_lang"
HEADERS = {
    # pages may hold personal data: never kept by a shared computer's cache or a proxy
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

AnyRequest = Request[Any, Any, Any]


def language_of(request: AnyRequest) -> Language:
    asked = request.cookies.get(LANGUAGE_COOKIE, "")
    return Language(asked) if asked in {lang.value for lang in Language} else Language.EN


@cache
def environment(language: Language) -> Environment:
    """One environment per language, its gettext bound to that language's catalog.

    Templates are compiled once per process and never looked at again (`auto_reload` off):
    checking every template file's time on each page was a twentieth of the case page's time
    in a profile of bench/pages.py. A changed template shows after a restart."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        auto_reload=False,
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    catalog = translations(language)
    env.globals.update(
        label=lambda kind, code: catalog.gettext(LABELS[kind].get(code, str(code))) if code else "",
        money=lambda amount: shillings(Decimal(amount), language),
        yearly=lambda percent: yearly_rate(Decimal(percent), language),
        day=lambda value: long_date(_local_day(value), language) if value else "",
        weekday=lambda value: weekday_date(value, language),
        when=lambda moment: _when(moment, language),
        iso_day=lambda value: value.isoformat() if isinstance(value, date) else "",
        local_day=_local_day,
        hhmm=lambda moment: _hhmm(moment, language),
        entry=lambda line: statement_line(line, language),
    )
    return env


def _local_day(value: date) -> date:
    """A date as it is, an instant as the day it was in Nairobi."""
    return value.astimezone(NAIROBI).date() if isinstance(value, datetime) else value


def _hhmm(moment: datetime, language: Language) -> str:
    """The time of day in Nairobi on the 24-hour clock the forms use, `10:42`."""
    return format_time(moment.astimezone(NAIROBI), "HH:mm", locale=language.locale)


def _when(moment: datetime | None, language: Language) -> str:
    """The day and the 24-hour time in Nairobi in both languages, as the forms take it: a
    page holds one clock. Swahili time (`clock_time`) is for the messages families read."""
    if moment is None:
        return ""
    local = moment.astimezone(NAIROBI)
    return f"{weekday_date(local.date(), language)}, {local:%H:%M}"


def here(request: AnyRequest) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def page(
    request: AnyRequest, template: str, status_code: int = 200, **context: Any
) -> Response[str]:
    """The page in the reader's language; `user` and the form token come from the request, and
    `once()` gives each form drawn its own one-time token (service/web/once.py)."""
    language = language_of(request)
    principal: Principal | None = request.scope.get("user")
    session = request.cookies.get(SESSION_COOKIE, "")
    html = (
        environment(language)
        .get_template(template)
        .render(
            user=principal,
            lang=language.value,
            other_lang=Language.SW if language is Language.EN else Language.EN,
            form_token=form_token(session) if session else "",
            once=new_token,
            again=request.query_params.get(AGAIN) == "1",
            here=quote(here(request), safe="/"),
            may=lambda route: principal is not None and principal.role in ROLES[POLICY[route]],
            **context,
        )
    )
    return Response(html, status_code=status_code, media_type=MediaType.HTML, headers=HEADERS)
