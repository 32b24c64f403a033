"""Attribution: who makes the claim that an event happened.

The claim is the chain of reporting frames around the event's clause, kept as written:
"a CNN report, citing sources familiar with US intelligence, suggested ..." gives
["a CNN report", "sources familiar with US intelligence"]; "..., police said" gives ["police"];
"according to the health ministry" gives ["the health ministry"]; an event the article states in
its own voice gives []. A claim of responsibility makes the claimant the source of the event too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from flashpoint.extraction.clauses import GOVERNING_DEPS, opened_by, subject_of
from flashpoint.extraction.quantities import figure_given
from flashpoint.extraction.words import sentence_of, sentence_start, words_of
from flashpoint.knowledge.lexicon import Lexicon

# A reporting verb may also stand in parataxis: "the army struck the camp, officials said".
_CLIMB_DEPS = GOVERNING_DEPS | {"parataxis"}
_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "advcl", "xcomp", "conj"})
_PHRASE_STOP = frozenset({"relcl", "punct", "cc", "conj", "advcl"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """Who says so (outermost first), the head word of the nearest speaker, and, for a claim of
    responsibility, the claimant's head word."""

    chain: tuple[str, ...]
    claimant: Token | None = None
    speaker: Token | None = None


def attribution_of(
    trigger: Token,
    lexicon: Lexicon,
    names: Mapping[int, str] | None = None,
    *,
    sentence: SpacySpan | None = None,
) -> Attribution:
    """The reporting chain that governs the trigger, or an empty chain for the article's own voice.

    `names` gives the actor a pronoun stands for (token index to name), so "It claimed that ..." is
    attributed to the state or group "it" refers to, not to "It". `sentence` is the trigger's, for a
    caller that has it at hand (`token.sent` builds it anew).
    """
    names = names or {}
    sentence = sentence if sentence is not None else sentence_of(trigger)
    node = trigger
    for _ in range(8):
        if (
            node.i != trigger.i
            and node.pos_ in {"VERB", "AUX"}
            and (node.lemma_.lower() in lexicon.reporting_verbs or figure_given(node) is not None)
        ):
            found = _frame(node, lexicon, names)
            if found is not None:
                return _within_according_to(found, sentence)
        for child in node.children:
            if (
                (child.dep_ in {"parataxis", "advcl", "ccomp"} or _speaker_in_apposition(child) is not None)
                and child.lemma_.lower() in lexicon.reporting_verbs
                and child.i > trigger.i
                and not _tells_when_or_why(child)
                and not (node.i == trigger.i and _doers_own_words(child))
                and not _set_against(child)
            ):
                found = _frame(child, lexicon, names)
                if found is not None:
                    return found
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i or _set_against(node):
            break
        node = node.head
    return Attribution(chain=_according_to(sentence))


#: Conjunctions that open a clause set against the main one, not a frame around it.
_CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})


def _set_against(clause: Token) -> bool:
    """'Police said 30 were arrested, while witnesses said more were taken': the second speaker
    tells something else beside the first report; it does not report the first clause."""
    return opened_by(clause, _CONTRAST_MARKS)


#: Words that open a clause telling when or why, not who says so: "has raged since May, when the
#: government declared an emergency", "after the army announced a curfew".
_TIME_OR_CAUSE_OPENERS = frozenset(
    {"when", "after", "before", "since", "because", "while", "until", "once", "if", "unless", "although"}
)


def _tells_when_or_why(verb: Token) -> bool:
    """Whether a clause is opened by a word of time, cause or condition, which no reporting frame is."""
    return any(c.dep_ in {"mark", "advmod"} and c.lower_ in _TIME_OR_CAUSE_OPENERS for c in verb.children)


def denial_of(cue: Token) -> Attribution | None:
    """'Tehran rejects any role in the strike': who denies an event is who says it did not happen
    (None where the denial has no subject)."""
    denier = subject_of(cue)
    if denier is None or denier.pos_ == "PRON":
        return None
    return Attribution(chain=(_phrase(denier),))


def _within_according_to(found: Attribution, sentence: SpacySpan) -> Attribution:
    """'According to diplomats, the ambassador warned that ...': the outer source reports the speaker."""
    outer = [name for name in _according_to(sentence) if name not in found.chain]
    if not outer:
        return found
    return Attribution(chain=(*outer, *found.chain), claimant=found.claimant, speaker=found.speaker)


def _frame(verb: Token, lexicon: Lexicon, names: Mapping[int, str]) -> Attribution | None:
    # A participle has no subject of its own: "The RSF issued a statement, saying it had ...".
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and not _dateline(c)]
    subject = (subjects[-1] if subjects else None) or _speaker_in_apposition(verb) or subject_of(verb)
    closing = _closing_speaker(verb)
    if closing is not None and (subject is None or subject.i < closing.i):
        subject = closing
    if subject is None or subject.dep_ == "nsubjpass":
        return None  # "460 patients were reported killed": who is reported on, not who reports
    if subject.pos_ == "PRON" or subject.lower_ in {"that", "which", "this"}:
        if subject.i not in names:
            return None
        chain = [names[subject.i]]
    else:
        chain = [_phrase(subject)]
    for holder in (verb, subject):
        for child in holder.children:
            if child.dep_ in {"advcl", "acl", "xcomp"} and child.lemma_.lower() == "cite":
                cited = next((c for c in child.children if c.dep_ in {"dobj", "obj"}), None)
                if cited is not None:
                    chain.append(_phrase(cited))
    claimant = None
    if verb.lemma_.lower() in lexicon.responsibility_verbs and any(
        c.dep_ in {"dobj", "obj"} and c.lemma_.lower() == "responsibility" for c in verb.children
    ):
        claimant = subject
    return Attribution(chain=tuple(p for p in chain if p), claimant=claimant, speaker=subject)


def _speaker_in_apposition(verb: Token) -> Token | None:
    """The speaker of a closing "..., killed two brothers, Sadiq Baloch, the police chief, told AFP",
    which the parser hangs in apposition to the last noun of the report, leaving the reporting verb
    without a subject: the outermost name of the apposition before the verb."""
    if verb.dep_ not in {"conj", "ROOT"} or verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    node, speaker = verb.doc[verb.i - 2], None
    for _ in range(6):
        if node.dep_ != "appos":
            break
        if node.pos_ == "PROPN":
            speaker = node
        node = node.head
    return speaker


#: Parts of speech of the words of a speaker's name and title: "regional governor Oleh Syniehubov".
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET"})


def _doers_own_words(verb: Token) -> bool:
    """'attacked civilians, saying troops had targeted ...' on the deed itself: a participle with no
    subject of its own is the doer's gloss on its deed, not who reports the deed."""
    return verb.tag_ == "VBG" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _closing_speaker(verb: Token) -> Token | None:
    """The speaker of a report that closes "..., regional governor Oleh Syniehubov said": the words
    of a name between a comma and the verb. The parser may take a noun before the comma for the
    verb's subject ("wounded 14 people, including two children, the governor said"); the words
    right before the verb are who said it. The head word of those words (the last noun), or None
    where the verb does not follow such words and a comma."""
    doc = verb.doc
    start = verb.i
    first = sentence_start(verb)
    while start > first and doc[start - 1].pos_ in _NAME_POS:
        start -= 1
    if start == verb.i or start == first or doc[start - 1].text != ",":
        return None
    head = doc[verb.i - 1]
    return head if head.pos_ in {"PROPN", "NOUN"} else None


def _dateline(token: Token) -> bool:
    """'SANAA: In statements issued on Monday, the Houthis said ...': the place a report was filed
    from opens the paragraph before a colon or a dash; the parser may take it for the speaker."""
    doc = token.doc
    return (
        token.i + 1 < len(doc)
        and doc[token.i + 1].text in {":", "—", "–", "-", "--"}
        and (token.i == sentence_start(token) or token.is_upper)
    )


def _phrase(head: Token) -> str:
    """The noun phrase of a speaker without relative clauses or a trailing 'citing ...' clause."""
    words = [head]
    stack = list(head.children)
    while stack:
        token = stack.pop()
        if token.dep_ in _PHRASE_STOP or (token.dep_ in {"acl", "advcl"} and token.lemma_.lower() == "cite"):
            continue
        words.append(token)
        stack.extend(token.children)
    words.sort(key=lambda t: t.i)
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    if not words:
        return ""
    doc = head.doc
    end = words[-1].i + 1
    phrase = doc[words[0].i : end].text
    if phrase.count("(") > phrase.count(")") and end < len(doc) and doc[end].text == ")":
        phrase += ")"  # "the Group for the Support of Islam and Muslims (JNIM)": the bracket closes
    return phrase


def _according_to(sentence: SpacySpan) -> tuple[str, ...]:
    lowers = words_of(sentence.doc).lowers  # (asked for every event: its words are read once per Doc)
    for i in range(sentence.start, sentence.end):
        if lowers[i] == "according" and i + 1 < len(lowers) and lowers[i + 1] == "to":
            token = sentence.doc[i]
            to = token.nbor()
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                obj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return (_phrase(obj),)
    return ()
