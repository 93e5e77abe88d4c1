"""Alembic's scripts (env.py, versions/), a package so that the wheel carries them and
`haki migrate` finds them beside the installed code, wherever it is run from."""
