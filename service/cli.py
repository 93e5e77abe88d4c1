"""The `haki` command: migrate, load demo data, serve, and regenerate the docs' diagrams."""

import getpass
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import click
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.users import Role
from service.database import database, make_engine, make_sessionmaker
from service.documents.commands import documents
from service.imports.commands import export_all, import_file
from service.migrate import ROOT, check_current, upgrade
from service.serving import demo_data, run_checked, serve
from service.settings import Settings
from service.usecases.accounts import users
from service.usecases.accounts.staff_addresses import Addresses

Sessions = async_sessionmaker[AsyncSession]


@click.group()
@click.version_option(package_name="haki", prog_name="haki", message="%(prog)s %(version)s")
def main() -> None:
    """Haki: litigation and compensation tracking for survivors of torture and police violence."""


@main.command()
def migrate() -> None:
    """Bring the database up to the newest migration."""
    with database(Settings()) as url:
        upgrade(url)
    click.echo("database is up to date")


@main.command()
@click.option("--once", is_flag=True, help="hand over and send what is due now, then exit")
def worker(once: bool) -> None:
    """Run the reminder clock and the dispatcher: any number of workers may share one database."""
    from service.clock import clock_rules, tick
    from service.logs import configure_logging
    from service.worker import dispatch_now, run_worker

    configure_logging()
    settings = Settings()

    async def work(url: str) -> None:
        await check_current(url)
        engine = make_engine(url, pool_size=2)
        try:
            if once:
                done = await tick(engine, clock_rules(settings))
                click.echo(
                    f"handed over {done.handed_over} ({done.late} late), {done.expired} expired"
                )
                sent = await dispatch_now(engine, settings)
                click.echo(f"{sent.expanded} deliveries written, {sent.sent} sent")
            else:
                await run_worker(engine, settings)
        finally:
            await engine.dispose()

    with database(settings) as url:
        if not once:
            click.echo(
                f"Haki worker: reminders and outbox looked at every {settings.clock_seconds:g} s"
            )
        run_checked(work(url))


def _pg_tool(run: Callable[[str], str], restoring: bool = False) -> None:
    """Runs pg_dump or pg_restore against the configured or embedded database. A backup may be
    of a database behind the code (the one taken before `haki migrate`); a restore says so."""
    from service.backup import BackupFailed

    with database(Settings()) as url:
        try:
            click.echo(run(url))
        except BackupFailed as error:
            sys.exit(str(error))
        if restoring:
            run_checked(check_current(url))


@main.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Write the whole database to FILE (pg_dump's custom format)."""
    from service.backup import backup

    def run(url: str) -> str:
        used = backup(url, file)
        return f"backed up to {file} ({file.stat().st_size:,} bytes, {used})"

    _pg_tool(run)


@main.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    """Load FILE into the configured database, which must be empty; all of it or nothing."""
    from service.backup import restore

    _pg_tool(lambda url: f"restored {file} ({restore(url, file)})", restoring=True)


@main.group()
def user() -> None:
    """Manage accounts (the API's /users does the same for administrators)."""


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def _accounts(action: Callable[[Sessions, Actor], Awaitable[str]]) -> None:
    """Runs one account use case against the configured database, as the shell's user."""
    from domain.errors import DomainError

    actor = Actor(f"cli:{getpass.getuser()}", "local")

    async def run(url: str) -> str:
        await check_current(url)
        engine = make_engine(url)
        try:
            return await action(make_sessionmaker(engine), actor)
        finally:
            await engine.dispose()

    with database(Settings()) as url:
        try:
            click.echo(run_checked(run(url)))
        except DomainError as error:
            sys.exit(f"refused: {error}")


@user.command("add")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="the person's full name")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@click.option("--email", default=None, help="where e-mail reminders go")
@click.option("--phone", default=None, help="a Kenyan mobile number for SMS reminders")
def user_add(
    username: str,
    full_name: str,
    role: str,
    password_stdin: bool,
    email: str | None,
    phone: str | None,
) -> None:
    """Add an account."""
    password = _password(password_stdin)

    async def add(sessions: Sessions, actor: Actor) -> str:
        async with sessions() as session:
            added = await users.add_user(
                session,
                actor,
                username=username,
                full_name=full_name,
                role=Role(role),
                password=password,
                addresses=Addresses(email, phone),
            )
        return f"added {added.username} ({added.role})"

    _accounts(add)


@user.command("disable")
@click.argument("username")
def user_disable(username: str) -> None:
    """Disable an account; its sessions end at once."""

    async def disable(sessions: Sessions, actor: Actor) -> str:
        async with sessions() as session:
            found = await users.find_user(session, username)
        async with sessions() as session:
            await users.disable_user(session, actor, found.id)
        return f"disabled {found.username}"

    _accounts(disable)


@user.command("reset-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
def user_reset_password(username: str, password_stdin: bool) -> None:
    """Set a new password; the account's sessions end at once."""
    password = _password(password_stdin)

    async def reset(sessions: Sessions, actor: Actor) -> str:
        async with sessions() as session:
            found = await users.find_user(session, username)
        async with sessions() as session:
            await users.reset_password(session, actor, found.id, password)
        return f"new password set for {found.username}"

    _accounts(reset)


@main.command()
@click.option("--check", is_flag=True, help="fail if a diagram in docs/ is out of date")
def diagrams(check: bool) -> None:
    """Write the state diagrams generated from the machines into docs/."""
    from statemachines.diagram import DIAGRAMS

    stale = []
    for relative, text in DIAGRAMS.items():
        path = Path(ROOT, relative)
        if path.exists() and path.read_text() == text:
            continue
        stale.append(relative)
        if not check:
            path.write_text(text)
    if check and stale:
        sys.exit(f"out of date: {', '.join(stale)}; run `haki diagrams`")
    click.echo("\n".join(f"wrote {name}" for name in stale) or "diagrams are up to date")


@main.command("rebuild-positions")
def rebuild_positions() -> None:
    """Rewrite every award's positions (what reports read) with HAKI_PAYMENT_ALLOCATION:
    run it after changing that setting, with the API stopped or running."""
    from service.usecases.awards.positions import rebuild_positions as rebuild

    allocation = Settings().payment_allocation

    async def run(url: str) -> int:
        await check_current(url)
        engine = make_engine(url, pool_size=1)
        try:
            return await rebuild(make_sessionmaker(engine), allocation)
        finally:
            await engine.dispose()

    with database(Settings()) as url:
        rebuilt = run_checked(run(url))
    click.echo(f"positions of {rebuilt} awards rewritten ({allocation.value})")


main.add_command(import_file)
main.add_command(demo_data)
main.add_command(serve)
main.add_command(export_all)
main.add_command(documents)


if __name__ == "__main__":
    main()
