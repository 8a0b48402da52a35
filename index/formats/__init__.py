"""Transcript layouts: detect which one a text is in and parse it into speeches.

Detection order: JSON (text starts with `{` or `[`) → hansard-json, qmsum-json, turns-json;
text → digest-md (markdown headings followed by speaker lines) → digest (repeated heading +
speaker line pairs) → turns (most blocks start with `Name:`) → plain.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from index.formats import digest, hansard_json, plain, qmsum_json, turns
from index.records import BadInput, ParsedDocument

_TEXT_PARSERS: dict[str, Callable[..., ParsedDocument]] = {
    digest.MARKDOWN: digest.parse_markdown_digest,
    digest.PLAIN: digest.parse_plain_digest,
    turns.FORMAT: turns.parse_turns,
    plain.FORMAT: plain.parse_plain,
}
_JSON_PARSERS: dict[str, Callable[..., ParsedDocument]] = {
    hansard_json.FORMAT: hansard_json.parse_hansard,
    qmsum_json.QMSUM: qmsum_json.parse_qmsum,
    qmsum_json.TURNS_JSON: qmsum_json.parse_turn_list,
}
FORMATS: tuple[str, ...] = (
    digest.MARKDOWN,
    digest.PLAIN,
    turns.FORMAT,
    hansard_json.FORMAT,
    qmsum_json.QMSUM,
    qmsum_json.TURNS_JSON,
    plain.FORMAT,
)


def detect_format(text: str, name: str = "") -> str:
    """The name of the layout `text` is in (one of FORMATS); BadInput for bad or empty JSON."""
    if _is_json(text):
        return _json_format(_load_json(text, name), name)
    if digest.looks_like_markdown_digest(text):
        return digest.MARKDOWN
    if digest.looks_like_plain_digest(text):
        return digest.PLAIN
    if turns.looks_like_turns(text):
        return turns.FORMAT
    return plain.FORMAT


def parse_document(
    text: str, *, name: str = "", fmt: str | None = None, speaker_roles: dict[str, str] | None = None
) -> ParsedDocument:
    """Parse `text` in layout `fmt` (detected when None). `name` labels error messages;
    `speaker_roles` (name → role, e.g. from a sidecar) gives roles to turn speakers."""
    label = name or "input"
    if fmt is not None and fmt not in FORMATS:
        raise BadInput(f"{label}: unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if not text.strip():
        raise BadInput(f"{label}: no text")
    if fmt in _JSON_PARSERS or (fmt is None and _is_json(text)):
        data = _load_json(text, name)
        found = _json_format(data, name)
        if fmt not in (None, found):
            raise BadInput(f"{label}: JSON laid out as {found!r}, not {fmt!r}")
        return _JSON_PARSERS[found](data)
    return _TEXT_PARSERS[fmt or detect_format(text, name)](text, speaker_roles=speaker_roles)


def _is_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def _load_json(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BadInput(f"{name or 'input'}: not valid JSON (line {e.lineno} column {e.colno})") from None
    except RecursionError:  # `[[[[…` thousands deep: json gives up before it fails to parse
        raise BadInput(f"{name or 'input'}: JSON nested too deeply to read") from None


def _json_format(data: object, name: str) -> str:
    """Which JSON transcript layout `data` has; BadInput when it holds no transcript."""
    if hansard_json.is_hansard(data):
        return hansard_json.FORMAT
    if qmsum_json.is_qmsum(data):
        return qmsum_json.QMSUM
    if qmsum_json.is_turn_list(data):
        return qmsum_json.TURNS_JSON
    raise BadInput(
        f"{name or 'input'}: JSON holds no transcript (expected LegCo 'events', QMSum "
        "'meeting_transcripts' or a list of {speaker, text} turns)"
    )
