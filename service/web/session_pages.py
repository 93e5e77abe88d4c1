"""Signing in and out in the browser, the language switch, and the pages' static files."""

from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.enums import MediaType
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect

from domain.errors import DomainError
from notifications.i18n import N_, Language, translations
from service.auth.browser import PAGE, SESSION_COOKIE
from service.auth.identity import SignedIn, actor_of, address_of
from service.dependencies import Db
from service.usecases.accounts import signin, users
from service.web.forms import GENERAL, Refusal, refusal, status_of, typed
from service.web.render import LANGUAGE_COOKIE, language_of, page

HOME = "/web/"
STATIC = Path(__file__).parent / "static"
ASSETS = {"haki.css": "text/css; charset=utf-8"}
Next = Annotated[
    str, QueryParameter(name="next", max_length=500, description="where to go afterwards")
]


def local(target: str) -> str:
    """Only a path of this site: a link from elsewhere cannot send a sign-in onwards to it."""
    parts = urlsplit(target)
    fine = target.startswith("/") and not target.startswith("//") and not parts.netloc
    return target if fine and "\\" not in target else HOME


NOT_FROM_HAKI = N_(
    "This sign-in form was not sent from Haki's own page. Open Haki's sign-in page yourself "
    "and sign in there."
)


def sent_from_haki(request: Request[Any, Any, Any]) -> bool:
    """A browser names where a form was sent from: `Sec-Fetch-Site` says whether from this
    site, `Origin` which site, and `null` for a sandboxed frame or a page with no address,
    from which another site could sign the reader into an account of its choosing. A client
    that sends neither (curl, a script) is not a browser that another site can drive."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in {"same-origin", "none"}:
        return False
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


class SessionPages(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012 (Litestar reads it as a class attribute)

    @get("/login")
    async def login_form(self, request: SignedIn, next_: Next = HOME) -> Response[str]:
        return page(request, "login.html", form=Refusal({"next": local(next_)}))

    @post("/login")
    async def login(self, db: Db, request: SignedIn) -> Response[Any]:
        form = await request.form()
        values = typed(form) | {"password": ""}
        if not sent_from_haki(request):
            said = translations(language_of(request)).gettext(NOT_FROM_HAKI)
            return page(request, "login.html", 403, form=Refusal(values, {GENERAL: said}, 403))
        settings = request.app.state.settings
        try:
            signed = await signin.sign_in(
                db,
                username=str(form.get("username", "")),
                password=str(form.get("password", "")),
                address=address_of(request),
                lifetime=timedelta(hours=settings.session_hours),
            )
        except DomainError as error:
            return page(
                request,
                "login.html",
                status_of(error),
                form=refusal(values, error, 0, language_of(request)),
            )
        secure = request.url.scheme == "https"
        cookie = Cookie(
            key=SESSION_COOKIE,
            value=signed.token,
            max_age=int(settings.session_hours * 3600),
            httponly=True,
            samesite="lax",
            secure=secure,
            path="/",
        )
        return Redirect(local(str(form.get("next", HOME))), status_code=303, cookies=[cookie])

    @post("/logout")
    async def logout(self, db: Db, request: SignedIn) -> Redirect:
        await users.end_session(db, actor_of(request), request.auth)
        gone = Cookie(key=SESSION_COOKIE, value="", max_age=0, httponly=True, samesite="lax")
        return Redirect("/web/login", status_code=303, cookies=[gone])

    @get("/language/{lang:str}")
    async def choose_language(self, lang: FromPath[str], next_: Next = HOME) -> Redirect:
        """A link, not a form: choosing a language changes nothing but the reader's own view."""
        if lang not in {language.value for language in Language}:
            raise NotFoundException(f"Haki speaks {', '.join(lang.value for lang in Language)}")
        year = 365 * 24 * 3600
        cookie = Cookie(key=LANGUAGE_COOKIE, value=lang, max_age=year, samesite="lax")
        return Redirect(local(next_), status_code=303, cookies=[cookie])

    @get("/static/{name:str}", cache_control=None)
    async def asset(self, name: FromPath[str]) -> Response[bytes]:
        if name not in ASSETS:
            raise NotFoundException(f"no file {name}")
        headers = {"Cache-Control": "public, max-age=86400"}
        return Response((STATIC / name).read_bytes(), media_type=ASSETS[name], headers=headers)


@get("/", include_in_schema=False, media_type=MediaType.HTML)
async def front_door() -> Redirect:
    """The address `haki serve` prints opens the browser interface."""
    return Redirect(HOME, status_code=303)
