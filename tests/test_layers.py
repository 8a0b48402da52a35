"""The boundaries of docs/ARCHITECTURE.md ("What each module may import"), checked on the
imports of the code: data flows one way, and answering reads the index through the library."""

from __future__ import annotations

import ast
import re
from graphlib import TopologicalSorter

from helpers import REPO

# What the UI (`app.py` and `ui/`) may import of the project, name by name (docs/ARCHITECTURE.md):
# of the index only the façades (Library, Indexer and what it reports), records and errors,
# and the few constants and helpers a UI needs; any public name of `qa`; the settings; and
# `ui` itself. Nothing else is allowed.
APP_IMPORTS = {
    "config": {"Settings", "add_settings_arguments", "settings_from_args"},
    "index.library": {"Library"},
    "index.pipeline": {"Indexer", "FileResult", "AddSummary"},
    "index.records": {"BadInput", "StoreError", "MEETING_FIELDS", "attributed", "meeting_label", "one_line"},
    "index.store": {"store_errors"},
    "index.cli": {"print_summary"},
    "index.preview": {"Preview"},
    "index.formats": {"LAYOUTS"},
    "index.meeting": {"given_values"},
    "index.read": {"SUPPORTED_SUFFIXES"},
}
UI_FILES = ("app.py", "ui/*.py")
PACKAGES = ("index", "qa", "config", "ui", "app")
PARSING = {
    "index.text",
    "index.titles",
    "index.speakers",
    "index.roster",
    "index.furniture",
    "index.ocr",
    "index.read",
    "index.web",
}
STORAGE = {
    "index.store",
    "index.library",
    "index.lexical",
    "index.glossary",
    "index.vectors",
    "index.embed",
    "index.pipeline",
    "index.locks",
}
# An answer is made in three steps: what may be quoted (evidence), the text that quotes it
# (composition), and the orchestration that runs them with a writer (answer, llm).
WRITING = {"qa.compose", "qa.answer", "qa.llm"}


def project_imports() -> dict[str, set[str]]:
    """Module name → the project modules it imports."""
    found = {}
    files = [
        *REPO.glob("index/**/*.py"),
        *REPO.glob("qa/*.py"),
        *REPO.glob("ui/*.py"),
        REPO / "app.py",
        REPO / "config.py",
    ]
    for path in files:
        name = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = (
                [node.module]
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            imported |= {m for m in modules if m.split(".")[0] in PACKAGES}
        found[name] = imported
    return found


def test_records_and_settings_import_nothing_of_the_project():
    imports = project_imports()
    for name in ("config", "index.records"):
        assert imports[name] == set(), name
    assert imports["qa.records"] == {"index.records"}  # a citation carries the index's Attribution


def test_the_index_never_imports_answering_or_the_app():
    for name, imported in project_imports().items():
        if name.startswith("index"):
            assert not {m for m in imported if m.startswith(("qa", "app", "ui"))}, name


def test_parsing_knows_nothing_of_storage():
    for name, imported in project_imports().items():
        if name in PARSING or name.startswith("index.formats") or name in ("index.chunk", "index.meeting"):
            assert not imported & STORAGE, name


def test_the_store_stores_vectors_and_loads_no_model():
    assert "index.embed" not in project_imports()["index.store"]  # the library owns the model


def test_answering_reads_the_index_through_the_library():
    for name, imported in project_imports().items():
        if name.startswith("qa") and name != "qa.__main__":  # the CLI turns store failures into lines
            assert not imported & (STORAGE - {"index.library", "index.lexical"}), name
            assert not {m for m in imported if m.startswith("index.formats")}, name
    assert not any("app" in imported for imported in project_imports().values())


def test_only_the_app_imports_the_ui():
    for name, imported in project_imports().items():
        if name != "app" and name.split(".")[0] != "ui":
            assert not {m for m in imported if m.split(".")[0] == "ui"}, name


def test_evidence_knows_nothing_of_how_answers_are_written():
    assert not project_imports()["qa.evidence"] & WRITING


def test_composition_writes_from_statements_alone():
    # never the library, retrieval or the evidence rules: the statements carry all it shows
    allowed = {"index.records", "index.text", "qa.records", "qa.resolve"}
    assert project_imports()["qa.compose"] <= allowed


def test_no_module_imports_one_that_imports_it():
    imports = project_imports()
    # a package importing its own submodules (`from index.formats import transcript`) reads as a self-import
    graph = {name: {m for m in imported if m in imports and m != name} for name, imported in imports.items()}
    TopologicalSorter(graph).prepare()  # raises CycleError on a cycle


def test_the_ui_imports_only_what_its_allow_list_names():
    files = [path for pattern in UI_FILES for path in REPO.glob(pattern)]
    assert len(files) > 5  # app.py and the ui package
    for path in files:
        for module, name in ui_imports(path):
            if module == "ui" or module.startswith("ui."):
                continue  # its own modules
            if module.startswith("qa."):
                assert name and not name.startswith("_"), (path.name, module, name)
            else:
                assert name in APP_IMPORTS.get(module, ()), (path.name, module, name)


def ui_imports(path) -> set[tuple[str, str]]:
    """(module, name) of every project import in one file (name "" for `import module`)."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PACKAGES:
            imported |= {(node.module, a.name) for a in node.names}
        elif isinstance(node, ast.Import):
            imported |= {(a.name, "") for a in node.names if a.name.split(".")[0] in PACKAGES}
    return imported


# How the store is searched stays behind `Library` (docs/ARCHITECTURE.md, "The library is the one
# surface `qa` and the app read"): readers never spell a Chroma filter or query, never reach into
# an index object's private attributes, and never take the write side.
READERS = ("qa/*.py", "ui/*.py", "app.py")
CHROMA_OPERATOR = re.compile(r"\$(in|nin|and|or|not|eq|ne|gt|gte|lt|lte|contains|not_contains|regex|not_regex)")
CHROMA_KEYWORDS = {"where", "where_document", "query_embeddings", "query_texts", "n_results"}


def index_private_names() -> set[str]:
    """The private attributes and methods the index's classes define (`self._store`, `_vector_table`)."""
    names = set()
    for path in REPO.glob("index/**/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names |= {f.name for f in node.body if isinstance(f, ast.FunctionDef)}
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def store_leaks(source: str, private: set[str]) -> list[str]:
    """What a reader's code knows of the store that it should not."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CHROMA_OPERATOR.fullmatch(node.value):
            found.append(node.value)
        elif isinstance(node, ast.keyword) and node.arg in CHROMA_KEYWORDS:
            found.append(f"{node.arg}=")
        elif isinstance(node, ast.Attribute) and node.attr in private:
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f".{node.attr}")
        elif isinstance(node, ast.alias) and node.name == "LibraryWriter":  # the write side
            found.append("LibraryWriter")
    return found


def test_readers_search_through_the_library_and_never_spell_chroma():
    private = index_private_names()
    assert {"_store", "_lexical", "_lock", "_vector_table", "_texts"} <= private
    leaking = (
        "from index.library import LibraryWriter\n"
        "library._store.chunks().query(query_embeddings=[v], n_results=5, where={'speech_key': {'$in': keys}})\n"
    )
    assert sorted(store_leaks(leaking, private)) == sorted(
        ["LibraryWriter", "._store", "query_embeddings=", "n_results=", "where=", "$in"]
    )
    assert store_leaks("self._store.nearest(v, 5)\nrows = {'$ref': 1}\n", private) == []  # its own; not Chroma's
    files = [path for pattern in READERS for path in REPO.glob(pattern)]
    assert len(files) > 20
    for path in files:
        assert store_leaks(path.read_text(encoding="utf-8"), private) == [], path.relative_to(REPO)
