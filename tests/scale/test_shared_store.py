"""Scale-out: one Chroma server (`chroma run`) shared by an indexing CLI and a running app.

Real processes on 127.0.0.1: process A is `python -m index add --chroma-url URL` with its
own data folder, process B is `python app.py --chroma-url URL` with another. What A adds,
B answers (its BM25 side index follows the store's change token); when the server goes
away B answers with a one-line error, and when the server comes back on the same path and
port B answers again with nothing lost.
"""

from __future__ import annotations

import json

import pytest
from gradio_client import Client
from helpers import DIGEST, EDUCATION, chroma_server, run_cli, start_app, write

pytestmark = pytest.mark.slow

# Only the education speech has this rare phrase; BM25 must hold that speech to rank it.
RARE = "“雁领天涯”特色品牌是谁在打造？"


def cli(*args: str, url: str, data) -> dict:
    """`python -m index ARGS --json` against the server; its JSON output."""
    result = run_cli("index", *args, "--json", "--chroma-url", url, "--data", str(data), timeout=180)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def ask(client: Client) -> dict:
    return client.predict(RARE, api_name="/ask")


def lexical_docs(data) -> set[str]:
    """Doc ids in the BM25 cache a process keeps under its own data folder."""
    states = list((data / "lexical").glob("*/state.json"))
    assert len(states) == 1, states
    return set(json.loads(states[0].read_text(encoding="utf-8"))["docs"])


def chunk_count(listing: dict) -> int:
    return sum(d["chunks"] for d in listing["documents"])


def test_a_cli_and_an_app_share_one_chroma_server_across_a_restart(tmp_path):
    a_data, b_data = tmp_path / "a", tmp_path / "b"
    digest = write(tmp_path / "transcripts" / "digest.md", DIGEST)
    education = write(tmp_path / "transcripts" / "education.md", EDUCATION)

    with chroma_server(tmp_path / "chroma") as chroma:
        url = chroma.url
        assert cli("add", str(digest), url=url, data=a_data)["added"] == 1

        with start_app(b_data, args=("--chroma-url", url)) as app:
            client = Client(app.url, verbose=False, download_files=False)
            before = ask(client)
            assert "吴萍" not in [c["speaker"] for c in before["citations"]]

            # A adds a transcript while B runs: B's next question sees it, BM25 side included.
            added = cli("add", str(education), url=url, data=a_data)
            assert added["added"] == 1
            new_doc = added["files"][0]["doc_id"]
            answer = ask(client)
            assert answer["found"] is True
            assert answer["citations"][0]["speaker"] == "吴萍"
            assert "雁领天涯" in answer["citations"][0]["quote"]
            assert new_doc in lexical_docs(b_data)  # B re-synced its own BM25 cache
            assert not (a_data / "lexical").exists() or new_doc in lexical_docs(a_data)

            listing = cli("list", url=url, data=a_data)
            documents = sorted(d["doc_id"] for d in listing["documents"])
            chunks = chunk_count(listing)
            assert len(documents) == 2 and chunks > 0

            # The server goes away: one clear line, no stack trace.
            chroma.stop()
            with pytest.raises(Exception) as failure:
                ask(client)
            message = str(failure.value).strip()
            assert "Store error" in message and "Chroma" in message
            assert "\n" not in message and "Traceback" not in message
            assert app.process.poll() is None  # B keeps running

            # Back on the same path and port: B answers again, nothing lost.
            chroma.start()
            again = ask(client)
            assert again["found"] is True and again["citations"][0]["speaker"] == "吴萍"
            assert again["citations"][0]["quote"] == answer["citations"][0]["quote"]

        after = cli("list", url=url, data=a_data)
        assert sorted(d["doc_id"] for d in after["documents"]) == documents
        assert chunk_count(after) == chunks
