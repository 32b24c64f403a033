"""A worker's chunk: what it reads, and that reading millions of articles does not grow its memory."""

from __future__ import annotations

from datetime import date

from flashpoint.batch.worker import Chunk, process_chunk, warm
from flashpoint.pipeline import extract
from flashpoint.records import Article

# Names, numbers and spellings the English pipeline has never seen: each would stay in its vocabulary.
NOVEL = [
    Article(
        id=f"novel-{i}",
        published=date(2024, 5, 2),
        text=(
            f"Militiamen of the Zorvakh-{i} brigade shelled Quvrantel{i} village on Tuesday, killing "
            f"{i + 3} farmers, the Ketzomir{i} district office said in statement No. {9170 + i}."
        ),
    )
    for i in range(12)
]


def test_a_chunk_leaves_no_strings_of_its_own_in_the_vocabulary() -> None:
    nlp, _ = warm()
    process_chunk(Chunk(id="warm-up", articles=NOVEL[:1]))  # the pipeline's first-use strings
    before = len(nlp.vocab.strings)

    output = process_chunk(Chunk(id="novel", articles=tuple(NOVEL[1:])))

    assert output.articles == len(NOVEL) - 1 and not output.errors
    assert output.events >= len(NOVEL) - 1  # every article's shelling was read
    assert len(nlp.vocab.strings) == before
    assert "Quvrantel5" not in nlp.vocab.strings


def test_a_chunk_reads_its_articles_as_a_single_extraction_does() -> None:
    output = process_chunk(Chunk(id="novel-again", articles=NOVEL[2:4]))
    events = {
        t
        for part in output.parts
        if part.kind == "events"
        for t in part.table.column("trigger_text").to_pylist()
    }
    single = {e.trigger.text for a in NOVEL[2:4] for e in extract(a.text, a.published, id=a.id).events}
    assert single and events == single


def test_a_chunk_reports_the_workers_memory_now_and_at_its_peak() -> None:
    output = process_chunk(Chunk(id="memory", articles=NOVEL[:2]))
    # A worker holds the English pipeline and the gazetteer: hundreds of megabytes, now as at its peak.
    assert output.peak_rss_mb > 100
    assert 0.5 * output.peak_rss_mb < output.rss_mb < 1.1 * output.peak_rss_mb
