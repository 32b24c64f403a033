"""The dependency links along which a word is governed by the clauses above it.

Status ("vowed to [strike]") and attribution ("officials said [the army struck]") are both read by
walking from an event's trigger up towards the sentence root; this is the one list of the links
such a walk may follow. It leaves out the links that start something new: a coordinated sentence
joined by a semicolon, a list item, a quotation set off by punctuation.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from flashpoint.extraction.words import words_of

GOVERNING_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "conj",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "acomp",
        "nsubj",
        "nsubjpass",
        "attr",
        "acl",
        "oprd",
        "compound",
        "amod",
        "relcl",
        "npadvmod",
        "appos",
        "agent",  # "killed by an airstrike": the strike is told as the killing is
    }
)

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
#: Verbs that reject what is said of their subject ("rejected accusations of ..."): the events inside
#: are denied, and the rejecter is not the accuser.
REBUTTAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "rebuff"})
#: Prepositions and conjunctions that put their clause before the main clause's time ("vowed revenge
#: after the killing"): what they hold is neither governed by the main verb nor done by its subject.
EARLIER_WORDS = frozenset({"after", "following", "since"})
#: Nouns of a deed done in answer to another: what one is "for" or "to" ("in retaliation for the
#: attack", "in response to the raids") is the earlier deed, its cause.
ANSWER_NOUNS = frozenset(
    {"revenge", "vengeance", "retribution", "punishment", "retaliation", "response", "reply", "reprisal"}
)

#: Links along which a verb with no subject of its own takes the subject of the clause above it
#: ("vowed to strike", "attacked the base, killing five", "is likely to retaliate").
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "ccomp", "acomp"})


def definite(noun: Token) -> bool:
    """Whether a noun is definite or possessed ("the attack", "Sunday's strike"): it points back to
    something already told rather than bringing in something new."""
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"}) or c.dep_ == "poss"
        for c in noun.children
    )


def acronym_read_as_is(verb: Token) -> Token | None:
    """The capitals the parser took for a passive "is" ("IS attacked ...", "Boko Haram/IS claimed
    ..."), or None. A verb in capitals too is a headline in capitals ("TROOPS WERE ATTACKED")."""
    if verb.text.isupper():
        return None
    return next(
        (c for c in verb.children if c.dep_ == "auxpass" and c.text.isupper() and len(c.text) > 1), None
    )


#: The most words a label before a colon has ("Movement of forces:", "Analysis:").
_LABEL_WORDS = 5


def label_end(sentence: Span) -> int | None:
    """The colon that closes a label opening `sentence` ("Movement of forces: troops arrived",
    "Property destruction: ..."): a few lowercase common words after a capital, no name among them,
    and text after the colon. None when the sentence opens with no label."""
    for token in sentence[: _LABEL_WORDS + 1]:
        if token.text == ":":
            return token.i if token.i > sentence.start and token.i + 1 < sentence.end else None
        if not token.is_alpha or token.ent_type_ or (token.i > sentence.start and not token.is_lower):
            return None
    return None


def in_label(token: Token) -> bool:
    """Whether `token` is in the label that opens its sentence: the label names the kind of story
    that follows ("Looting: rebels looted crops"), not a happening or anyone taking part in it."""
    doc = token.doc
    words = words_of(doc)
    if not any(token.i < colon <= token.i + _LABEL_WORDS for colon in words.colons):
        return False  # (most words: no colon close after them, so no sentence to look at)
    end = label_end(doc[words.sentence_starts[token.i] : words.sentence_ends[token.i]])
    return end is not None and token.i < end


def subject_of(token: Token) -> Token | None:
    """The verb's own subject, else the one of the clause it hangs from."""
    current: Token | None = token
    for _ in range(4):
        if current is None:
            return None
        subject = next((c for c in current.children if c.dep_ in SUBJECT_DEPS and not in_label(c)), None)
        if subject is None and acronym_read_as_is(current) is not None:
            subject = next((c for c in current.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if subject is not None:
            if subject.tag_ == "WDT" and current.dep_ == "relcl":  # "militants who attacked"
                return current.head
            return subject
        if misread_active(current):
            return current.head  # "falling fragments killed and wounded people"
        controller = object_controller(current)
        if controller is not None:
            return controller
        if (
            current.dep_ == "relcl"
            and current.head.pos_ in {"NOUN", "PROPN"}
            and not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in current.children)
        ):
            return current.head
        if current.dep_ not in INHERIT_DEPS or current.head.i == current.i:
            return None
        current = continued_clause(current) or _through_noun_complement(current.head)
    return None


_OBJECT_DEPS = frozenset({"dobj", "obj"})
#: Prepositions through which a verb's object does what the following clause says: "accused Rwanda
#: of backing M23", "charged him with funding", "blamed the group for planting", "stopped them from".
_CONTROL_PREPS = frozenset({"of", "with", "for", "from"})


def object_controller(verb: Token) -> Token | None:
    """Who does a clause like "of backing M23": the object of the verb the preposition hangs on
    ("accused Rwanda of backing"), or its passive subject ("Rwanda has been accused of backing");
    None where that verb has neither (then its subject does it: "apologised for attacking")."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in _CONTROL_PREPS:
        return None
    governor = prep.head
    if governor.dep_ == "pobj" and governor.head.dep_ == "agent":
        governor = governor.head.head  # "accused by U.N. investigators of backing": hung on the agent
    if governor.pos_ not in {"VERB", "AUX"}:
        return None
    return next(
        (c for c in governor.children if c.dep_ in _OBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS),
        None,
    )


def misread_active(verb: Token) -> bool:
    """A past verb the parser hung on the noun before it as a participle ("fragments killed and
    wounded people"), though it (or the verb joined to it) has an object and no agent: the noun is
    its subject, not what was done to."""
    if verb.dep_ != "acl" or verb.tag_ not in {"VBN", "VBD"}:
        return False
    if any(c.dep_ in {"auxpass", "aux", "agent"} for c in verb.children):
        return False
    joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return any(c.dep_ in _OBJECT_DEPS for v in (verb, *joined) for c in v.children)


def continued_clause(verb: Token) -> Token | None:
    """'told Reuters the group had taken the base, seized two trucks and burnt a third': the parser
    hangs the second item of a reported list on the reporting verb. A verb that follows the comma
    ending the reported clause, with no conjunction of its own, continues that clause; a new
    sentence-level verb comes with one ("..., and added that")."""
    if verb.dep_ != "conj" or any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children):
        return None
    reported = next((c for c in verb.head.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if reported is None:
        return None
    end = reported.right_edge.i
    return reported if end + 2 == verb.i and verb.doc[end + 1].text == "," else None


def _through_noun_complement(head: Token) -> Token:
    """From a clause hanging on a noun to the verb that governs the noun: "[they] are awaiting
    orders to advance", "[Turkey] has no intention of launching": the holder of the orders or the
    intention is the one who would act."""
    node = head
    if node.dep_ == "prep" and node.head.pos_ == "NOUN":
        node = node.head
    if node.pos_ == "NOUN" and node.dep_ in {"dobj", "attr", "pobj"} and node.head.pos_ in {"VERB", "AUX"}:
        return node.head
    return head


def lost_object(verb: Token) -> Token | None:
    """'a drone strike killed senior Hezbollah commander Abu Saadi, calm has ...': where the parser
    hung an active verb's object on another verb, the noun phrase right after the verb is its object.
    Its head word (the last of the phrase), or None where the verb has an object or a preposition of
    its own or no noun follows it."""
    if (
        verb.pos_ != "VERB"
        or verb.tag_ not in {"VBD", "VBZ", "VBP"}
        or not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        or any(c.dep_ in {"dobj", "obj", "prep", "agent", "dative"} for c in verb.children)
    ):
        return None
    last = None
    for word in verb.doc[verb.i + 1 : verb.i + 9]:
        if word.pos_ not in {"DET", "ADJ", "PROPN", "NOUN", "NUM"} and word.text != "-":
            break
        last = word
    return last if last is not None and last.pos_ in {"PROPN", "NOUN"} else None


#: Links that open a clause of its own: what a name inside it does or undergoes is told of that
#: clause, not of the sentence around it ("the US pressed for a crackdown on groups [that attack NATO
#: forces]": nothing is said between the US and NATO). A reported clause ("Iran said [the Houthis
#: ...]") is not among them: it is what the reporting clause's subject tells.
CLAUSE_OPENING_DEPS = frozenset({"relcl", "acl", "advcl", "csubj", "csubjpass", "parataxis"})
#: Clauses that describe the noun they hang on ("the IRI, which acts as an umbrella for ...").
_DESCRIBING_DEPS = frozenset({"relcl", "acl"})


def clause_head(
    token: Token, described: frozenset[int] = frozenset(), reporting: frozenset[str] = frozenset()
) -> Token:
    """The head of the clause `token` is told in: the first word above it that opens a clause, else
    the sentence's root. A verb joined by "and" or hung on as an adverbial opens one only with a
    subject of its own: "Iran armed and funded them", "the PKK attacked the post, killing two" are
    one telling, "Poland closed its border after smugglers fired flares" is two. A relative or
    participial clause on a word of `described` says something of that word, so it is looked
    through: "the IRI, which acts as an umbrella for Iran-backed factions" tells of the IRI and
    Iran in one clause. So is an aside "as" with a verb of `reporting` ("..., as reported by HPG"):
    like "HPG said", it tells the clause it hangs on."""
    current = token
    while current.head.i != current.i:
        if _opens_clause(current) and not _looked_through(current, described, reporting):
            return current
        current = current.head
    return current


def _opens_clause(word: Token) -> bool:
    if word.dep_ in {"conj", "advcl"}:
        return word.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in word.children
        )
    return word.dep_ in CLAUSE_OPENING_DEPS


def _looked_through(head: Token, described: frozenset[int], reporting: frozenset[str]) -> bool:
    if head.dep_ in _DESCRIBING_DEPS and head.head.i in described:
        return True
    return head.lemma_.lower() in reporting and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in head.children
    )


def in_cause_phrase(token: Token, trigger: Token) -> bool:
    """Whether `token` lies in a phrase naming what the trigger's deed came after or answered, a
    phrase without the trigger: "killed 24 militants in retaliation for an attack that killed two
    soldiers last week", "retook the town after rebels seized it last month". ("Since" is left out:
    "since May" dates the deed's own start.)"""
    node = token
    for _ in range(12):
        if node.head.i == node.i:
            return False
        cause = (node.dep_ == "pobj" and _names_a_cause(node.head)) or (
            node.dep_ == "advcl" and opened_by(node, _BEFORE_THE_DEED)
        )
        if cause:
            return not node.left_edge.i <= trigger.i <= node.right_edge.i
        node = node.head
    return False


#: Words that put what they govern before the deed ("after the attack", "following the raid").
_BEFORE_THE_DEED = EARLIER_WORDS - {"since"}


def opened_by(clause: Token, words: frozenset[str]) -> bool:
    """Whether a clause is opened by a subordinating word of `words` ("after rebels seized it",
    "while witnesses said ...", "if they attack")."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in clause.children)


def _names_a_cause(preposition: Token) -> bool:
    word = preposition.lower_
    if word in _BEFORE_THE_DEED:
        return True
    if word not in {"for", "to"}:
        return False
    head = preposition.head
    if head.lemma_.lower() in ANSWER_NOUNS:
        return True
    # "killed 30 militants in retaliation for an ambush", with "for" hung on the verb beside "in retaliation"
    return any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() in ANSWER_NOUNS for g in c.children)
        for c in head.children
    )
