"""Readers: every input format, the errors they report (asserted line for line) and what they keep."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

import pytest

from flashpoint.config import MAX_ARTICLE_CHARS
from flashpoint.errors import InputError
from flashpoint.ingest import readers
from flashpoint.ingest.readers import read_articles
from flashpoint.records import Article

SHELLING = (
    "Artillery shells struck the river town of Marlow Ford late on Thursday, local officials said, "
    "damaging a school and two houses near the old bridge."
)
TALKS = "Negotiators from both delegations met again in the lakeside hotel and agreed to extend the truce."
CONVOY = "An aid convoy of twelve trucks reached the besieged district on Monday, a relief agency said."
FRENCH = (
    "Des obus ont frappé la ville de Marlow Ford jeudi soir, ont indiqué les autorités locales, "
    "endommageant une école et deux maisons près du vieux pont. Le gouverneur a déclaré que personne "
    "n'avait été tué dans l'attaque."
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Shelling hits river town | Valley Courier</title>
<meta property="og:title" content="Shelling hits river town overnight">
<meta property="og:site_name" content="Valley Courier">
<meta property="og:url" content="https://courier.example/news/shelling-river-town">
<meta property="article:published_time" content="2025-03-14T08:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport results</a></li><li><a href="/weather">Weather forecast</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your reading experience. Accept all cookies.</div>
<article>
<h1>Shelling hits river town overnight</h1>
<p>Artillery shells struck the river town of Marlow Ford late on Thursday, local officials said,
damaging a school and two houses near the old bridge.</p>
<p>The regional governor said that nobody was killed in the attack but that four people were taken
to hospital with light injuries after the shelling.</p>
<p>Residents said the shelling began shortly after midnight and lasted for about an hour, and that
many families spent the night in basements.</p>
</article>
<aside><h3>Related stories</h3><a href="/recipes">Ten easy recipes for a summer picnic</a></aside>
<footer><p>Copyright 2025 Valley Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def read(
    *paths: Path | str, published: date | None = None, stdin: TextIO | None = None
) -> list[Article | InputError]:
    return list(read_articles([str(path) for path in paths], published=published, stdin=stdin))


def only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1, [str(item) for item in items]
    assert isinstance(items[0], Article), str(items[0])
    return items[0]


def lines(items: list[Article | InputError]) -> list[str]:
    """Each item as one line: the error message, or "article <id> @ <origin>"."""
    return [
        f"article {item.id} @ {item.origin}" if isinstance(item, Article) else str(item) for item in items
    ]


def write_jsonl(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def record(**fields: object) -> str:
    return json.dumps(fields)


# --- one format at a time ---------------------------------------------------------------------------


def test_readers_txt_is_one_article_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "marlow-ford.txt"
    path.write_text(SHELLING, encoding="utf-8")
    article = only_article(read(path))
    assert article.id == "marlow-ford"
    assert article.text == SHELLING
    assert article.title is None
    assert article.published is None
    assert article.language == "en"
    assert article.origin == str(path)


def test_readers_txt_keeps_crlf_and_drops_only_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    text = f"{SHELLING}\r\n\r\n{TALKS}\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert only_article(read(path)).text == text


def test_readers_html_yields_only_the_article_body_and_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "shelling.html"
    path.write_text(PAGE, encoding="utf-8")
    article = only_article(read(path))
    assert article.id == "shelling"
    assert "Artillery shells struck the river town of Marlow Ford" in article.text
    assert "many families spent the night in basements." in article.text
    for boilerplate in ("Home", "Weather forecast", "cookies", "recipes", "Copyright", "Privacy"):
        assert boilerplate not in article.text
    assert article.title == "Shelling hits river town overnight"
    assert article.url == "https://courier.example/news/shelling-river-town"
    assert article.outlet == "Valley Courier"
    assert article.published == date(2025, 3, 14)


def test_readers_htm_suffix_is_html(tmp_path: Path) -> None:
    path = tmp_path / "shelling.HTM"
    path.write_text(PAGE, encoding="utf-8")
    assert only_article(read(path)).title == "Shelling hits river town overnight"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><span>",
        "<<<>>> </ </ <!-- never closed",
        "<html><head><title>Nothing here</title></head><body><script>var x = 1;</script></body></html>",
    ],
)
def test_readers_broken_html_without_main_text_is_an_error(tmp_path: Path, html: str) -> None:
    path = tmp_path / "broken.html"
    path.write_text(html, encoding="utf-8")
    assert lines(read(path)) == [f"{path}: no article text found in the HTML"]


def test_readers_jsonl_reads_every_field(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "wire.jsonl",
        [
            record(
                id="w-1",
                title="Truce extended",
                url="https://wire.example/1",
                outlet="Lake Wire",
                published="2025-05-02",
                language="en",
                text=TALKS,
            ),
            record(id=17, title=None, url=None, outlet=None, published=None, text=CONVOY),
        ],
    )
    first, second = read(path)
    assert first == Article(
        id="w-1",
        text=TALKS,
        title="Truce extended",
        url="https://wire.example/1",
        outlet="Lake Wire",
        published=date(2025, 5, 2),
        language="en",
        origin=f"{path}:1",
    )
    assert isinstance(second, Article)
    assert (second.id, second.title, second.published, second.origin) == ("17", None, None, f"{path}:2")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-05-02", date(2025, 5, 2)),
        ("2025-05-02T23:10:00", date(2025, 5, 2)),
        ("2025-05-02T23:10:00+03:00", date(2025, 5, 2)),
        ("2025-05-02T23:10:00Z", date(2025, 5, 2)),
    ],
)
def test_readers_jsonl_published_takes_a_date_or_an_iso_datetime(
    tmp_path: Path, published: str, expected: date
) -> None:
    path = write_jsonl(tmp_path / "dates.jsonl", [record(text=TALKS, published=published)])
    assert only_article(read(path)).published == expected


def test_readers_jsonl_without_id_is_named_by_stem_and_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", [record(text=TALKS), "", record(id="", text=CONVOY)])
    assert lines(read(path)) == [f"article feed:1 @ {path}:1", f"article feed:3 @ {path}:3"]


def test_readers_jsonl_bad_line_keeps_the_good_lines_around_it(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        [record(id="a", text=TALKS), '{"id": "b" "text": "Troops left."}', record(id="c", text=CONVOY)],
    )
    assert lines(read(path)) == [
        f"article a @ {path}:1",
        f"{path}:2: malformed JSON (Expecting ',' delimiter at column 12)",
        f"article c @ {path}:3",
    ]


def test_readers_jsonl_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "gaps.jsonl"
    path.write_text(
        "\n"
        + record(id="a", text=TALKS)
        + "\n\n   \n"
        + '{"id": "b", "text": }\n\r\n'
        + record(text=CONVOY)
        + "\n",
        encoding="utf-8",
    )
    assert lines(read(path)) == [
        f"article a @ {path}:2",
        f"{path}:5: malformed JSON (Expecting value at column 21)",
        f"article gaps:7 @ {path}:7",
    ]


def test_readers_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + (record(id="a", text=TALKS) + "\r\n" + record(id="b", text=CONVOY)).encode()
    )
    assert [item.text for item in read(path) if isinstance(item, Article)] == [TALKS, CONVOY]


def test_readers_csv_reads_records_by_their_starting_line(tmp_path: Path) -> None:
    path = tmp_path / "desk.csv"
    path.write_text(
        "id,title,url,outlet,published,text\n"
        f"c-1,Truce extended,,Lake Wire,2025-05-02,{TALKS}\n"
        "\n"
        f',,,,,"{SHELLING}\n\nThe governor said four people were hurt."\n'
        f'c-3,,,,2025-05-04T06:00:00Z,"{CONVOY}"\n',
        encoding="utf-8",
    )
    first, second, third = read(path)
    assert first == Article(
        id="c-1",
        text=TALKS,
        title="Truce extended",
        outlet="Lake Wire",
        published=date(2025, 5, 2),
        origin=f"{path}:2",
    )
    assert isinstance(second, Article)
    assert (second.id, second.origin, second.title, second.url) == ("desk:4", f"{path}:4", None, None)
    assert second.text == f"{SHELLING}\n\nThe governor said four people were hurt."
    assert isinstance(third, Article)
    assert (third.id, third.origin, third.published) == ("c-3", f"{path}:7", date(2025, 5, 4))


def test_readers_csv_needs_only_a_text_column(tmp_path: Path) -> None:
    path = tmp_path / "bare.csv"
    path.write_text(f'text\n"{CONVOY}"\n', encoding="utf-8")
    article = only_article(read(path))
    assert (article.id, article.text, article.origin) == ("bare:2", CONVOY, f"{path}:2")


def test_readers_csv_bad_record_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(f'id,text\na,{TALKS}\nb,{TALKS},extra\nc,\nd,"{SHELLING}"\n'.replace("\n", "\r\n"))
    assert lines(read(path)) == [
        f"article a @ {path}:2",
        f"{path}:3: expected 2 fields, found 3",
        f"{path}:4: empty text",
        f"article d @ {path}:5",
    ]


def test_readers_directory_recurses_in_sorted_order_over_supported_files(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / "c.csv").write_text(f"id,text\nc,{TALKS}\n", encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.jsonl").write_text(record(id="c", text=CONVOY) + "\n", encoding="utf-8")
    (tmp_path / "b" / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b" / "notes.md").write_text(SHELLING, encoding="utf-8")
    (tmp_path / "b" / "scan.pdf").write_bytes(b"%PDF-1.7\x00\x01")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text(TALKS, encoding="utf-8")
    deep = tmp_path / "b" / "deep" / "c.jsonl"
    assert lines(read(tmp_path)) == [
        f"article a @ {tmp_path / 'a.txt'}",
        f"article a @ {tmp_path / 'b' / 'a.html'}",
        f"article c @ {deep}:1",
        f"article c @ {tmp_path / 'c.csv'}:2",
    ]


def test_readers_stdin_plain_text_is_one_article(tmp_path: Path) -> None:
    text = f"\n{SHELLING}\r\n{TALKS}\n"
    article = only_article(read("-", stdin=io.StringIO("\ufeff" + text)))
    assert (article.id, article.origin, article.text) == ("stdin", "stdin", text)


def test_readers_stdin_starting_with_a_brace_is_jsonl(tmp_path: Path) -> None:
    stream = io.StringIO("\n  " + record(id="s1", text=TALKS) + "\n{oops}\n" + record(text=CONVOY) + "\n")
    assert lines(read("-", stdin=stream)) == [
        "article s1 @ stdin:2",
        "stdin:3: malformed JSON (Expecting property name enclosed in double quotes at column 2)",
        "article stdin:4 @ stdin:4",
    ]


def test_readers_stdin_by_default_reads_the_process_stdin_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO(f"{TALKS}\r\n".encode() + b"Troops \xff left.\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    offset = len(TALKS) + 2 + len("Troops ")
    assert lines(read("-")) == [f"stdin: not valid UTF-8 (byte 0xff at offset {offset})"]


def test_readers_stdin_by_default_keeps_the_bytes_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    text = f"{SHELLING}\r\n{TALKS}\r\n"
    raw = io.BytesIO(b"\xef\xbb\xbf" + text.encode("utf-8"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    assert only_article(read("-")).text == text


@pytest.mark.parametrize(("stdin", "message"), [("", "stdin: empty input"), ("\n \n", "stdin: empty input")])
def test_readers_stdin_empty(stdin: str, message: str) -> None:
    assert lines(read("-", stdin=io.StringIO(stdin))) == [message]


def test_readers_published_fills_only_missing_dates(tmp_path: Path) -> None:
    jsonl = write_jsonl(
        tmp_path / "dated.jsonl",
        [record(id="own", published="2025-01-09", text=TALKS), record(id="none", text=CONVOY)],
    )
    txt = tmp_path / "plain.txt"
    txt.write_text(SHELLING, encoding="utf-8")
    html = tmp_path / "page.html"
    html.write_text(PAGE, encoding="utf-8")
    given = date(2025, 6, 30)
    items = read(jsonl, txt, html, "-", published=given, stdin=io.StringIO(TALKS))
    assert all(isinstance(item, Article) for item in items), lines(items)
    assert {item.id: item.published for item in items if isinstance(item, Article)} == {
        "own": date(2025, 1, 9),
        "none": given,
        "plain": given,
        "page": date(2025, 3, 14),
        "stdin": given,
    }


def test_readers_repeated_ids_are_all_yielded(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "twice.jsonl", [record(id="x", text=TALKS), record(id="x", text=TALKS)])
    assert lines(read(path)) == [f"article x @ {path}:1", f"article x @ {path}:2"]


def test_readers_huge_file_is_refused_with_its_size(tmp_path: Path) -> None:
    sentence = TALKS + " "
    text = sentence * (MAX_ARTICLE_CHARS // len(sentence) + 1)
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    assert lines(read(path)) == [f"{path}: too large ({len(text):,} characters; limit {MAX_ARTICLE_CHARS:,})"]


def test_readers_huge_jsonl_record_is_refused_and_the_next_is_read(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "big.jsonl", [record(id="big", text="x " * 300_000), record(id="ok", text=TALKS)]
    )
    assert lines(read(path)) == [
        f"{path}:1: too large (600,000 characters; limit {MAX_ARTICLE_CHARS:,})",
        f"article ok @ {path}:2",
    ]


def test_readers_file_over_the_byte_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    path = tmp_path / "long.html"
    path.write_text(PAGE, encoding="utf-8")
    size = path.stat().st_size
    assert lines(read(path)) == [f"{path}: too large ({size:,} bytes; limit 100 bytes)"]


# --- every error message, exactly -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.txt", b"", "empty file"),
        ("a.txt", b" \n\t\r\n", "empty file"),
        ("a.txt", b"\xef\xbb\xbf\n", "empty file"),
        ("a.html", b"", "empty file"),
        ("a.jsonl", b"\n\n", "empty file"),
        ("a.csv", b"", "empty file"),
        ("a.csv", b"id,text\r\n", "no records after the header"),
        ("b.txt", b"GIF89a\x01\x00\x01\x00\x00\xff", "binary content, not text"),
        ("b.html", b"\x89PNG\r\n\x1a\n\x00\x00", "binary content, not text"),
        ("b.jsonl", b'{"text": "a"}\n\x00\x00', "binary content, not text"),
        ("b.csv", b"text\n\x00", "binary content, not text"),
        ("c.txt", b"Troops moved \xff north.", "not valid UTF-8 (byte 0xff at offset 13)"),
        ("c.txt", b"\xef\xbb\xbfTroops \xc3(", "not valid UTF-8 (byte 0xc3 at offset 10)"),
        ("f.txt", FRENCH.encode(), "not English (looks like a different language)"),
    ],
)
def test_readers_file_errors(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert lines(read(path)) == [f"{path}: {reason}"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (record(id="a"), 'missing field "text"'),
        (record(text=None), 'field "text" must be a string, found null'),
        (record(text=["a"]), 'field "text" must be a string, found an array'),
        (record(text="   "), "empty text"),
        (record(text=TALKS, title=3), 'field "title" must be a string or null, found a number'),
        (record(text=TALKS, id=True), 'field "id" must be a string or null, found a boolean'),
        (
            record(text=TALKS, published="last week"),
            'field "published" is not a date ("last week"; expected YYYY-MM-DD)',
        ),
        (record(text=TALKS, language="fr"), 'not English (language "fr")'),
        (record(text=FRENCH), "not English (looks like a different language)"),
        ('["text"]', "expected a JSON object, found an array"),
        ('{"text": tru}', "malformed JSON (Expecting value at column 10)"),
        ('{"text": "unfinished', "malformed JSON (Unterminated string starting at column 10)"),
        ('{"text": "tab\there"}', "malformed JSON (Invalid control character at column 14)"),
    ],
)
def test_readers_jsonl_record_errors(tmp_path: Path, line: str, reason: str) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", [record(id="ok", text=TALKS), "", line])
    assert lines(read(path)) == [f"article ok @ {path}:1", f"{path}:3: {reason}"]


def test_readers_jsonl_invalid_utf8_line_names_line_and_file_offset(tmp_path: Path) -> None:
    first = (record(id="ok", text=TALKS) + "\n").encode()
    path = tmp_path / "e.jsonl"
    path.write_bytes(first + b'{"text": "caf\xe9"}\n' + first)
    assert lines(read(path)) == [
        f"article ok @ {path}:1",
        f"{path}:2: not valid UTF-8 (byte 0xe9 at offset {len(first) + 13})",
        f"article ok @ {path}:3",
    ]


def test_readers_english_language_tags_are_accepted(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "tags.jsonl", [record(text=TALKS, language="en-GB")])
    assert only_article(read(path)).language == "en"


def test_readers_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(f"\nid,body\na,{TALKS}\n", encoding="utf-8")
    assert lines(read(path)) == [f'{path}:2: missing column "text"']


def test_readers_csv_unclosed_quote(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(f'id,text\na,{TALKS}\nb,"{TALKS}\n', encoding="utf-8")
    assert lines(read(path)) == [f"article a @ {path}:2", f"{path}:3: malformed CSV (unexpected end of data)"]


def test_readers_unsupported_and_missing_paths_do_not_stop_the_run(tmp_path: Path) -> None:
    pdf = tmp_path / "g.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    bare = tmp_path / "README"
    bare.write_text(TALKS, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(TALKS, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    assert lines(read(pdf, missing, bare, good)) == [
        f'{pdf}: unsupported file type ".pdf"',
        f"{missing}: no such file",
        f"{bare}: unsupported file type (no extension)",
        f"article good @ {good}",
    ]


def test_readers_short_text_is_not_judged_for_language(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Cessez-le-feu signé à Genève.", encoding="utf-8")
    assert only_article(read(path)).text == "Cessez-le-feu signé à Genève."


def test_readers_terse_headline_english_is_english(tmp_path: Path) -> None:
    # Regression: wire-style English with few function words was refused as "not English".
    # About one word in ten is a function word here, a third of what running prose shows.
    text = (
        "Rebel drone hits fuel depot near Goma airport. Depot sustains heavy damage in the blast, "
        "army says, blames M23 rebels for strike. Second drone downed near Sake. Airport closed two hours."
    )
    path = tmp_path / "wire.txt"
    path.write_text(text, encoding="utf-8")
    items = list(read_articles([str(path)]))
    assert len(items) == 1 and not isinstance(items[0], InputError)
