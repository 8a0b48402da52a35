"""Logins: failed attempts are throttled per client address (SPEECHQA_LOGIN_ATTEMPTS in
SPEECHQA_LOGIN_WINDOW seconds, then HTTP 429 with one line), another address still logs
in; logins come from --auth-file (user:password lines) so no password shows in `ps`.
A real Gradio server on 127.0.0.1; the second address is 127.0.0.2 (loopback)."""

from __future__ import annotations

import httpx
import pytest
from helpers import free_port, settings_for, write

from app import App
from index.library import Library
from qa.llm import make_answerer
from ui.security import logins


def client(url: str, address: str = "127.0.0.1") -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=url, transport=transport, trust_env=False, timeout=60)


def login(http: httpx.Client, password: str) -> httpx.Response:
    return http.post("/login", data={"username": "ann", "password": password})


@pytest.mark.slow  # a Gradio server
def test_failed_logins_are_throttled_per_address(tmp_path):
    accounts = write(tmp_path / "logins.txt", "# who may log in\nann:right\n\nbob:other\n")
    settings = settings_for(
        tmp_path / "data", embedding_model="hashing", port=free_port(), auth_file=str(accounts), login_attempts=3
    )
    library = Library(settings)
    demo, url = App(settings, library, make_answerer(library, settings)).launch(logins(settings))
    try:
        with client(url) as attacker, client(url, "127.0.0.2") as other:
            assert [login(attacker, f"guess{i}").status_code for i in range(3)] == [400, 400, 400]
            refused = login(attacker, "right")  # even the right password, until the window passes
            assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
            detail = refused.json()["detail"]
            assert detail.startswith("Too many failed logins from 127.0.0.1: 3 in 300 s") and "\n" not in detail
            assert login(other, "right").status_code == 200
    finally:
        demo.close()


def test_logins_from_a_file_and_its_errors(tmp_path):
    settings = settings_for(tmp_path, auth="ann:pa:ss", auth_file=str(write(tmp_path / "a", "bob:x\n# c\n")))
    assert logins(settings) == [("ann", "pa:ss"), ("bob", "x")]
    bad = write(tmp_path / "bad", "bob:x\nno-password\n")
    with pytest.raises(SystemExit, match=rf"^{bad}:2: a login must be user:password$"):
        logins(settings.replace(auth_file=str(bad)))
    with pytest.raises(SystemExit, match="cannot read it"):
        logins(settings.replace(auth_file=str(tmp_path / "missing")))
