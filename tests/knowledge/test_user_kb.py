"""User knowledge-base files (issue #5): `flashpoint actors import-kb` checks a reviewed YAML file with the
packaged loader and installs it in $FLASHPOINT_KB_DIR, `load_knowledge_base()` reads it with the packaged
KB, and `flashpoint actors kb-files` lists and removes installed files.

Every test points $FLASHPOINT_KB_DIR at a temporary directory and reloads the KB before and after.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from typer.testing import CliRunner

from flashpoint.errors import StoreError
from flashpoint.knowledge.actors import load_knowledge_base, reload_knowledge_base
from flashpoint.serve.cli import app
from flashpoint.store.actors import list_actors
from flashpoint.store.duckdb_store import Store
from tests.store.test_store_actors import harbour_result, port_result

runner = CliRunner()

PROVENANCE = {
    "sources": ["Written for the Flashpoint tests"],
    "editor": "test reviewer",
    "date": "2026-11-25",
    "licence": "MIT",
    "known_gaps": ["Invented groups"],
}
HERONS = {
    "id": "black-heron-front",
    "name": "Black Heron Front",
    "kind": "armed_group",
    "country": "MLI",
    "acled_name": "Black Heron Front",
    "aliases": ["BHF", "Black Heron Fronts", "Heron Front"],
}
REEDS = {
    "id": "ashen-reed-movement",
    "name": "Ashen Reed Movement",
    "kind": "political_party",
    "country": "NER",
    "acled_name": None,
    "aliases": ["Ashen Reeds"],
}


@pytest.fixture
def kb_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    directory = tmp_path / "user-kb"
    monkeypatch.setenv("FLASHPOINT_KB_DIR", str(directory))
    reload_knowledge_base()
    yield directory
    reload_knowledge_base()


def write(path: Path, actors: list[dict[str, object]], **extra: object) -> Path:
    document: dict[str, object] = {"provenance": PROVENANCE, "actors": actors, **extra}
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def import_kb(*args: str) -> Result:
    return runner.invoke(app, ["actors", "import-kb", *args])


def installed(kb_dir: Path) -> list[str]:
    return sorted(p.name for p in kb_dir.iterdir()) if kb_dir.exists() else []


def test_imported_file_is_read_with_the_packaged_kb(kb_dir: Path, tmp_path: Path) -> None:
    relation = {"subject": "black-heron-front", "predicate": "allied_with", "object": "jnim", "note": "Test"}
    source = write(tmp_path / "herons.yaml", [HERONS], relations=[relation])
    result = runner.invoke(app, ["actors", "import-kb", str(source)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"installed {kb_dir / 'herons.yaml'} (1 actors, 1 relations)\n"
    assert installed(kb_dir) == ["herons.yaml"]
    kb = load_knowledge_base()
    herons = kb.lookup("the Black Heron Front")
    assert herons is not None
    assert (herons.id, herons.kind, herons.country, herons.provenance) == (
        "black-heron-front",
        "armed_group",
        "MLI",
        "user/herons.yaml",
    )
    assert kb.lookup("BHF") is herons and kb.lookup("bhf") is None  # a short acronym keeps its case
    assert [(r.predicate, r.object) for r in kb.relations_of("black-heron-front")] == [
        ("allied_with", "jnim")
    ]
    assert kb.lookup("Hamas") is not None and kb.get("IRN-military") is not None  # the packaged KB is whole


def test_user_files_are_read_once_per_process(kb_dir: Path, tmp_path: Path) -> None:
    before = load_knowledge_base()
    assert before.lookup("Black Heron Front") is None
    assert load_knowledge_base() is before
    kb_dir.mkdir()
    write(kb_dir / "herons.yaml", [HERONS])
    assert load_knowledge_base() is before  # cached: files added later wait for a reload
    reload_knowledge_base()
    after = load_knowledge_base()
    assert after is not before and after.lookup("Black Heron Front") is not None
    assert load_knowledge_base() is after


@pytest.mark.parametrize(
    ("entry", "clash"),
    [
        ({**HERONS, "id": "hamas"}, "id 'hamas' is defined twice (first in nonstate.yaml)"),
        (
            {**HERONS, "aliases": ["Hizballah"]},
            "alias 'Hizballah' of 'black-heron-front' is already an alias of 'hezbollah'",
        ),
        (
            {**HERONS, "aliases": ["Malian"]},
            "alias 'Malian' of 'black-heron-front' is already an alias of 'MLI'",
        ),
    ],
)
def test_clash_with_the_packaged_kb_is_one_line_and_installs_nothing(
    kb_dir: Path, tmp_path: Path, entry: dict[str, object], clash: str
) -> None:
    source = write(tmp_path / "herons.yaml", [entry])
    result = import_kb(str(source))
    assert result.exit_code == 1
    assert result.stderr == f"error {source}: {clash}\n"
    assert installed(kb_dir) == []
    assert load_knowledge_base().lookup("Black Heron Front") is None


def test_clash_with_another_user_file_names_both(kb_dir: Path, tmp_path: Path) -> None:
    assert import_kb(str(write(tmp_path / "herons.yaml", [HERONS]))).exit_code == 0
    other = write(tmp_path / "reeds.yaml", [{**REEDS, "aliases": ["Heron Front"]}])
    result = import_kb(str(other))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error {other}: alias 'Heron Front' of 'ashen-reed-movement' is already an alias of "
        "'black-heron-front'\n"
    )
    same_id = write(tmp_path / "more.yaml", [{**REEDS, "id": "black-heron-front"}])
    result = import_kb(str(same_id))
    assert result.stderr == (
        f"error {same_id}: id 'black-heron-front' is defined twice (first in user/herons.yaml)\n"
    )
    assert installed(kb_dir) == ["herons.yaml"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("provenance: [unclosed\n", "line 2: "),
        ("- just\n- a list\n", "must be a YAML mapping with a 'provenance' header"),
        ("actors: []\n", "missing the 'provenance' header"),
        (None, "black-heron-front: unknown kind 'militia' (expected one of armed_group, coalition, "),
        (None, "black-heron-front: country 'Mali' is not an ISO 3166-1 alpha-3 code"),
        (None, "actor: id 'org:black-heron-front' must be letters, digits and single hyphens"),
        (None, "black-heron-front: missing 'name'"),
        (None, "unknown key 'persons' (a user file holds provenance, actors, relations)"),
        (None, "relation black-heron-front sponsors nobody-known: unknown id 'nobody-known'"),
        (b"provenance: \xff\n", "not UTF-8"),
    ],
)
def test_malformed_file_is_one_line_exit_1_and_installs_nothing(
    kb_dir: Path, tmp_path: Path, content: str | bytes | None, reason: str
) -> None:
    source = tmp_path / "herons.yaml"
    if isinstance(content, bytes):
        source.write_bytes(content)
    elif content is not None:
        source.write_text(content, encoding="utf-8")
    elif "militia" in reason:
        write(source, [{**HERONS, "kind": "militia"}])
    elif "country" in reason:
        write(source, [{**HERONS, "country": "Mali"}])
    elif "org:" in reason:
        write(source, [{**HERONS, "id": "org:black-heron-front"}])
    elif "name" in reason:
        write(source, [{k: v for k, v in HERONS.items() if k != "name"}])
    elif "persons" in reason:
        write(source, [HERONS], persons=[])
    else:
        relation = {"subject": "black-heron-front", "predicate": "sponsors", "object": "nobody-known"}
        write(source, [HERONS], relations=[relation])
    result = import_kb(str(source))
    assert result.exit_code == 1
    stderr = result.stderr
    assert stderr.startswith(f"error {source}: {reason}")
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert installed(kb_dir) == []


def test_not_yaml_or_missing_file_is_refused(kb_dir: Path, tmp_path: Path) -> None:
    text = tmp_path / "herons.txt"
    text.write_text("provenance: {}\n", encoding="utf-8")
    result = import_kb(str(text))
    assert result.exit_code == 1
    assert result.stderr == f"error {text}: a knowledge-base file must be YAML (.yaml or .yml)\n"
    missing = tmp_path / "absent.yaml"
    result = import_kb(str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"error {missing}: No such file or directory\n"
    assert installed(kb_dir) == []


def test_reimport_replaces_the_file_and_is_idempotent(kb_dir: Path, tmp_path: Path) -> None:
    source = write(tmp_path / "herons.yaml", [HERONS])
    assert import_kb(str(source)).exit_code == 0
    first = (kb_dir / "herons.yaml").read_bytes()
    again = import_kb(str(source))
    assert again.exit_code == 0, again.output
    assert again.stderr.startswith("replaced ")
    assert installed(kb_dir) == ["herons.yaml"] and (kb_dir / "herons.yaml").read_bytes() == first
    write(source, [{**HERONS, "country": "BFA"}, REEDS])  # the reviewer's second pass, same file name
    assert import_kb(str(source)).exit_code == 0
    kb = load_knowledge_base()
    herons = kb.get("black-heron-front")
    assert herons is not None and herons.country == "BFA"
    assert kb.lookup("Ashen Reeds") is kb.get("ashen-reed-movement")
    assert installed(kb_dir) == ["herons.yaml"]


def test_kb_files_lists_and_removes(kb_dir: Path, tmp_path: Path) -> None:
    empty = runner.invoke(app, ["actors", "kb-files", "--format", "json"])
    assert empty.exit_code == 0 and empty.stdout == ""
    import_kb(str(write(tmp_path / "herons.yaml", [HERONS])))
    import_kb(str(write(tmp_path / "reeds.yaml", [REEDS])))
    listed = runner.invoke(app, ["actors", "kb-files", "--format", "json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["name"], r["actors"], r["relations"], r["editor"]) for r in rows] == [
        ("herons.yaml", 1, 0, "test reviewer"),
        ("reeds.yaml", 1, 0, "test reviewer"),
    ]
    table = runner.invoke(app, ["actors", "kb-files"])
    assert "herons.yaml" in table.stdout and f"2 user KB files in {kb_dir}" in table.stderr
    removed = runner.invoke(app, ["actors", "kb-files", "--remove", "herons"])
    assert removed.exit_code == 0, removed.output
    assert removed.stderr == f"removed {kb_dir / 'herons.yaml'}\n"
    assert installed(kb_dir) == ["reeds.yaml"]
    kb = load_knowledge_base()
    assert kb.lookup("Black Heron Front") is None and kb.lookup("Ashen Reed Movement") is not None
    unknown = runner.invoke(app, ["actors", "kb-files", "--remove", "herons.yaml"])
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        f"error {kb_dir / 'herons.yaml'}: no such user KB file (installed: reeds.yaml)\n"
    )


def test_a_file_others_depend_on_is_kept(kb_dir: Path, tmp_path: Path) -> None:
    import_kb(str(write(tmp_path / "herons.yaml", [HERONS])))
    relation = {"subject": "ashen-reed-movement", "predicate": "opposes", "object": "black-heron-front"}
    import_kb(str(write(tmp_path / "reeds.yaml", [REEDS], relations=[relation])))
    result = runner.invoke(app, ["actors", "kb-files", "--remove", "herons"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error {kb_dir / 'herons.yaml'}: kept, the other files need it: ")
    assert "unknown id 'black-heron-front'" in result.stderr
    assert installed(kb_dir) == ["herons.yaml", "reeds.yaml"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "store.duckdb"
    with Store.open(path) as store:
        store.add_results([harbour_result(), port_result()])
    return str(path)


LANTERNS = {
    "id": "grey-lantern-front",
    "name": "Grey Lantern Front",
    "kind": "armed_group",
    "country": "MLI",
    "acled_name": "GLF - Grey Lantern Front",
    "aliases": ["Grey Lanterns", "Lantern Front"],
}


def test_import_with_db_marks_and_merges_the_actors_it_covers(kb_dir: Path, tmp_path: Path, db: str) -> None:
    source = write(tmp_path / "lanterns.yaml", [LANTERNS])
    result = import_kb(str(source), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(f"{db}: 1 actors marked in the KB, 1 merged\n")
    with Store.open(db, read_only=True) as store:
        actors = {a.actor_id: a for a in list_actors(store, "lantern")}
        merges = store.connection.execute("SELECT merged_id, into_id FROM actor_merges").fetchall()
    assert list(actors) == ["grey-lantern-front"]
    front = actors["grey-lantern-front"]
    assert (front.in_kb, front.kind, front.country, front.acled_name, front.events) == (
        True,
        "armed_group",
        "MLI",
        "GLF - Grey Lantern Front",
        3,
    )
    assert "Grey Lanterns" in front.aliases
    assert merges == [("grey-lanterns", "grey-lantern-front")]
    again = import_kb(str(source), "--db", db)
    assert again.stderr.endswith(f"{db}: 1 actors marked in the KB, 0 merged\n")


def test_import_with_db_creates_the_entry_a_learned_actor_is_merged_into(
    kb_dir: Path, tmp_path: Path, db: str
) -> None:
    renamed = {**LANTERNS, "id": "glf", "aliases": ["Grey Lanterns", "Grey Lantern Front"]}
    renamed["name"] = "Grey Lantern Front of Tesk"
    result = import_kb(str(write(tmp_path / "lanterns.yaml", [renamed])), "--db", db)
    assert result.exit_code == 0, result.output
    with Store.open(db, read_only=True) as store:
        actors = list_actors(store, "lantern")
    assert [(a.actor_id, a.name, a.in_kb, a.events) for a in actors] == [
        ("glf", "Grey Lantern Front of Tesk", True, 3)
    ]
    assert {"Grey Lantern Front", "Grey Lanterns"} <= set(actors[0].aliases)


def test_failed_store_update_installs_nothing(
    kb_dir: Path, tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise StoreError(db, "disk full")

    monkeypatch.setattr("flashpoint.store.actors.adopt_kb_actors", fail)
    result = import_kb(str(write(tmp_path / "lanterns.yaml", [LANTERNS])), "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"error {db}: disk full\n"
    assert installed(kb_dir) == []
    missing = import_kb(str(tmp_path / "lanterns.yaml"), "--db", str(tmp_path / "nope.duckdb"))
    assert missing.stderr == f"error {tmp_path / 'nope.duckdb'}: no such store\n"
    assert not (tmp_path / "nope.duckdb").exists()
