"""The user's knowledge-base files: reviewed YAML (say, `flashpoint actors export-kb` output a reviewer
corrected) installed next to the packaged KB, so that every later extraction knows its actors (issue #5).

A user file has the shape of `data/actors/nonstate.yaml`: a `provenance:` header, `actors:` (id, name,
kind, country, acled_name, aliases) and optionally `relations:`, and is checked by the same loader,
together with the packaged KB and the other user files: a malformed entry, an unknown kind or country,
or an id or alias another file already has is a DataFileError naming the file, and nothing is installed.
Files live in `config.user_kb_dir()` under their own name; importing a file of the same name again
replaces it. `load_knowledge_base()` reads them with the packaged files, once per process.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from flashpoint.config import user_kb_dir
from flashpoint.errors import DataFileError
from flashpoint.knowledge.actors import (
    USER_PREFIX,
    KnowledgeBase,
    build_knowledge_base,
    reload_knowledge_base,
    user_kb_files,
)

__all__ = ["KbFile", "StagedKbFile", "installing", "list_kb_files", "remove_kb_file", "stage_kb_file"]


@dataclass(frozen=True, slots=True)
class KbFile:
    """One installed user KB file and what its header and lists say."""

    name: str
    path: Path
    actors: int
    relations: int
    editor: str
    date: str


@dataclass(frozen=True, slots=True)
class StagedKbFile:
    """A checked file waiting to be installed: `kb` is the knowledge base with it, `ids` its actors."""

    name: str
    target: Path
    kb: KnowledgeBase
    ids: tuple[str, ...]
    relations: int
    data: bytes
    replaces: bool


def _installed_name(path: Path) -> str:
    if path.suffix.lower() not in {".yaml", ".yml"}:
        raise DataFileError(str(path), "a knowledge-base file must be YAML (.yaml or .yml)")
    return f"{path.stem}.yaml"


def stage_kb_file(path: Path, directory: Path | None = None) -> StagedKbFile:
    """Check `path` against the packaged KB and the other installed user files (one of the same name
    is the one it replaces) and return it ready to install. Raises DataFileError on the first problem."""
    root = directory if directory is not None else user_kb_dir()
    name = _installed_name(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataFileError(str(path), error.strerror or str(error)) from None
    others = [(str(p), p) for p in user_kb_files(root) if p.name != name]
    with tempfile.TemporaryDirectory(prefix="flashpoint-kb-") as scratch:
        # Read under the name it will have, so its actors' provenance is already "user/<name>".
        copy = Path(scratch) / name
        copy.write_bytes(data)
        kb = build_knowledge_base(None, [*others, (str(path), copy)])
        relations = _count(copy, "relations")
    ids = tuple(a.id for a in kb.actors.values() if a.provenance == USER_PREFIX + name)
    target = root / name
    return StagedKbFile(name, target, kb, ids, relations, data, target.exists())


@contextlib.contextmanager
def installing(staged: StagedKbFile) -> Iterator[None]:
    """Write the file next to its target, run the block (a store update, say), then move it into place;
    if the block fails, nothing is installed. The process's KB is reloaded afterwards."""
    staged.target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{staged.name}.", suffix=".importing", dir=staged.target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(staged.data)
        yield
        os.replace(temp, staged.target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    reload_knowledge_base()


def list_kb_files(directory: Path | None = None) -> list[KbFile]:
    """The installed user files, by name, with their actor and relation counts and header."""
    out: list[KbFile] = []
    for path in user_kb_files(directory):
        data = _parse(path)
        provenance = data.get("provenance")
        header = provenance if isinstance(provenance, dict) else {}
        out.append(
            KbFile(
                name=path.name,
                path=path,
                actors=_length(data.get("actors")),
                relations=_length(data.get("relations")),
                editor=str(header.get("editor", "")),
                date=str(header.get("date", "")),
            )
        )
    return out


def remove_kb_file(name: str, directory: Path | None = None) -> Path:
    """Uninstall the user file `name` (".yaml" may be left out) and return its path. Refused when it is
    not installed, or when the files left would not load without it (a relation naming its ids)."""
    root = directory if directory is not None else user_kb_dir()
    installed = user_kb_files(root)
    wanted = name if name.endswith(".yaml") else f"{name}.yaml"
    target = next((p for p in installed if p.name == wanted), None)
    if target is None:
        names = ", ".join(p.name for p in installed) or "none"
        raise DataFileError(str(root / wanted), f"no such user KB file (installed: {names})")
    try:
        build_knowledge_base(None, [(str(p), p) for p in installed if p != target])
    except DataFileError as error:
        raise DataFileError(str(target), f"kept, the other files need it: {error}") from None
    target.unlink()
    reload_knowledge_base()
    return target


def _parse(path: Path) -> dict[str, object]:
    try:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _count(path: Path, key: str) -> int:
    return _length(_parse(path).get(key))


def _length(value: object) -> int:
    return len(value) if isinstance(value, list) else 0
