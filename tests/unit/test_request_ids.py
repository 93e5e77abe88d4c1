"""The request ids a process makes are 32 hex digits, never the same twice, and a forked
process makes its own (a random half of its own, then a count)."""

import os
import re

from service import logs


def test_each_request_id_is_new_and_a_forked_process_makes_its_own() -> None:
    first, second = next(logs.MADE), next(logs.MADE)
    assert first != second and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in (first, second))
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.write(writing, next(logs.MADE).encode())
        os._exit(0)
    os.waitpid(child, 0)
    theirs = os.read(reading, 64).decode()
    os.close(reading)
    os.close(writing)
    assert re.fullmatch(r"[0-9a-f]{32}", theirs) and theirs[:16] != first[:16]
