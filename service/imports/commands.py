"""`haki import KIND FILE`: bring in a spreadsheet's rows, with a dry run and a progress bar."""

import getpass
import sys
import time
from pathlib import Path

import click

from domain.audit import Actor
from service.database import database, make_engine, make_sessionmaker
from service.imports.layouts import ImportKind
from service.imports.reading import FileRefused
from service.imports.rules import import_rules
from service.migrate import check_current
from service.settings import Settings
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportReport, run_import

WOULD = {"created": "would create", "updated": "would update"}


def cli_actor() -> Actor:
    return Actor(f"cli:{getpass.getuser()}", "local")


class Progress:
    """A bar with the rows a second, shown once a file is big enough to wait for."""

    def __init__(self, total: int) -> None:
        self.bar = click.progressbar(
            length=total,
            label="rows",
            show_pos=True,
            file=sys.stderr,
            item_show_func=lambda rate: rate,
        )
        self.started = time.monotonic()
        self.done = 0

    def __call__(self, rows: int) -> None:
        self.done += rows
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        self.bar.update(rows, f"{rate:,.0f} rows/s")


def _print(report: ImportReport) -> None:
    if report.dry_run:
        for row in report.rows:
            if row.action in WOULD:
                changed = f" ({', '.join(row.changed)})" if row.changed else ""
                click.echo(f"row {row.row}: {WOULD[row.action]} {row.key}{changed}")
    for error in report.errors:
        click.echo(f"row {error.row}, column {error.column}: {error.message}", err=True)
    counts = ", ".join(f"{report.count(a)} {a}" for a in ("created", "updated", "unchanged"))
    if report.written:
        click.echo(f"imported {report.file_name}: {counts}")
    elif report.errors:
        click.echo(f"{len(report.errors)} errors: nothing written", err=True)
    else:
        click.echo(f"dry run: {counts}; nothing written")


@click.command("import")
@click.argument("kind", type=click.Choice([k.value for k in ImportKind]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="check every row and say what would change")
def import_file(kind: str, file: Path, dry_run: bool) -> None:
    """Bring in cases, hearings, awards or payments from a CSV file (all rows or none)."""
    import asyncio

    settings = Settings()
    data = file.read_bytes()

    async def run(url: str) -> ImportReport:
        await check_current(url)
        engine = make_engine(url, pool_size=2)
        progress = Progress(max(data.count(b"\n"), 1))
        try:
            with progress.bar:
                return await run_import(
                    make_sessionmaker(engine),
                    cli_actor(),
                    ImportRequest(ImportKind(kind), data, file.name, dry_run),
                    rules=import_rules(settings),
                    progress=progress,
                )
        finally:
            await engine.dispose()

    with database(settings) as url:
        try:
            report = asyncio.run(run(url))
        except FileRefused as refused:
            for error in refused.errors:
                click.echo(f"refused: {error}", err=True)
            sys.exit(2)
    _print(report)
    if report.errors:
        sys.exit(1)


@click.command("export")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="the folder to write into (made if missing)",
)
@click.option("--with-personal-data", is_flag=True, help="names, contacts and notes too (audited)")
def export_all(out: Path, with_personal_data: bool) -> None:
    """Write every table as CSV, the register in the import layouts, and a manifest."""
    import asyncio

    from service.secret_key import with_document_keys
    from service.usecases.exporting.bundle import export_everything
    from service.usecases.records.sealing import keyring_of

    async def run(url: str) -> dict[str, bytes]:
        await check_current(url)
        engine = make_engine(url, pool_size=2)
        try:
            return await export_everything(
                make_sessionmaker(engine),
                cli_actor(),
                with_personal_data=with_personal_data,
                keyring=keyring_of(keys),
            )
        finally:
            await engine.dispose()

    keys = with_document_keys(Settings()).document_keys or ""
    with database(Settings()) as url:
        files = asyncio.run(run(url))
    for name, body in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(body)
    kind = "with personal data" if with_personal_data else "pseudonymous"
    click.echo(f"wrote {len(files)} files to {out} ({kind}); see {out / 'manifest.json'}")
