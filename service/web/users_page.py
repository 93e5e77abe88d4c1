"""The users page: every account, adding one, and for each a new role, a new password, or
disabling it. Each form is read into the API's own input class (`UserIn`, `RoleIn`,
`PasswordIn`) and calls the API's use case; a new password and disabling end the account's
sessions at once. No password, hash or session is ever shown.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from domain.errors import Conflict, InvalidInput
from domain.users import Role
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.usecases.accounts import users
from service.users.controller import PasswordIn, RoleIn, UserIn
from service.web.forms import Refusal, attempt, status_of, typed
from service.web.labels import ROLES
from service.web.render import language_of, page
from service.web.wording import Done, gettext, read_in_words, refuse, without_secrets

ADD = "add"
SENTENCES = {
    "username": N_(
        "Give a username of 2 to 60 letters, digits, dots, dashes or underscores, without spaces."
    ),
    "full_name": N_("Give the person's full name."),
    "role": N_("Choose the role."),
    "password": N_("A password needs at least 10 characters."),
}
TAKEN = N_("There is already a user called %(username)s: choose another username.")
OWN_ROLE = N_("You cannot change your own role: ask another administrator.")
DONE = {
    "added": N_("The account is added. Tell the person their username and password."),
    "role": N_("The role is changed; it applies from the person's next page."),
    "password": N_("The password is changed and the person is signed out everywhere."),
    "disabled": N_("The account is disabled and the person is signed out everywhere."),
}


async def users_page(
    db: Db, request: SignedIn, done: str = "", form_id: str = "", form: Refusal | None = None
) -> Response[str]:
    _ = gettext(request)
    return page(
        request,
        "users.html",
        form.status_code if form else 200,
        users=await users.list_users(db),
        role_options=[(role.value, _(ROLES[role])) for role in Role],
        filled=Refusal,
        done=DONE.get(done, ""),
        refused_form=form_id,
        refused=form,
    )


async def _submit(
    db: Db, request: SignedIn, form_id: str, act: Callable[[dict[str, str]], Awaitable[str]]
) -> Response[Any]:
    """On to the list (at the account) when done, else the page with the form refused."""
    done = await attempt(typed(await request.form()), act, language_of(request))
    if isinstance(done, Refusal):
        return await users_page(db, request, form_id=form_id, form=without_secrets(done))
    return Redirect(f"/web/users?done={done}", status_code=303)


class UsersPage(Controller):
    path = "/web/users"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def users(self, db: Db, request: SignedIn, done: Done = "") -> Response[str]:
        return await users_page(db, request, done)

    @post()
    async def add_user(self, db: Db, request: SignedIn) -> Response[Any]:
        _ = gettext(request)

        async def add(values: dict[str, str]) -> str:
            data = read_in_words(values, UserIn, SENTENCES, _)
            try:
                await users.add_account(db, actor_of(request), data.account())
            except Conflict as error:
                taken = _(TAKEN) % {"username": data.username.strip().lower()}
                raise refuse(values, "username", taken, status_of(error)) from None
            return "added"

        return await _submit(db, request, ADD, add)

    @post("/{user_id:uuid}/role")
    async def change_role(
        self, db: Db, request: SignedIn, user_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def change(values: dict[str, str]) -> str:
            data = read_in_words(values, RoleIn, SENTENCES, _)
            try:
                await users.change_role(db, actor_of(request), user_id, data.role)
            except InvalidInput as error:
                raise refuse(values, "role", _(OWN_ROLE), status_of(error)) from None
            return "role"

        return await _submit(db, request, f"role-{user_id}", change)

    @post("/{user_id:uuid}/password")
    async def reset_password(
        self, db: Db, request: SignedIn, user_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def reset(values: dict[str, str]) -> str:
            data = read_in_words(values, PasswordIn, SENTENCES, _)
            await users.reset_password(db, actor_of(request), user_id, data.password)
            return "password"

        return await _submit(db, request, f"password-{user_id}", reset)

    @post("/{user_id:uuid}/disable")
    async def disable_user(
        self, db: Db, request: SignedIn, user_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        await users.disable_user(db, actor_of(request), user_id)
        return Redirect("/web/users?done=disabled", status_code=303)
