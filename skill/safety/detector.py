"""Does what someone said tell of danger, and of which kind?

Six kinds (DANGER_KINDS, in priority order), or none:
  immediate     the speaker's life in danger now: an attempt under way, the means at hand, bleeding;
  medical       a body in danger now, anyone's: heart attack, stroke, not breathing, overdose;
  suicidal      the speaker's own thoughts of suicide or self-harm (explicit or vague);
  violence      the speaker hit, threatened, controlled, stalked, raped or assaulted;
  someone_else  someone the speaker names who talks of dying, has self-harmed, said goodbye;
  panic         panic or overwhelm now ("I'm having a panic attack", "this is too much").
Heavy-but-ordinary feelings (hopeless, numb, exhausted) are a separate question (`is_heavy`):
they are not dangers, and the practice goes on with them.

How: normalise the words (case, punctuation, contractions), rewrite the few phrases whose
meaning changes in context, take out everyday idioms ("dying to see her", "he beat me at
chess") and denials ("I'm not suicidal"), then ask who is at risk and what is happening:
the speaker's own words go through every kind's phrases; what is said about someone else is
read in the first person through the suicidal and immediate phrases (`_about_someone_else`).
Phrases are data (crisis_language.yaml for suicidal, danger_language.yaml for the rest). When
in doubt the lists lean towards asking: a false alarm costs a kind word and a phone number;
a miss can cost far more. What no phrase matches goes to a second reader, a small linear model
trained on the labelled rounds (learned.py), which speaks only when it is confident.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import learned
from .data import crisis_data, danger_data

IMMEDIATE, MEDICAL, SUICIDAL = "immediate", "medical", "suicidal"
VIOLENCE, SOMEONE_ELSE, PANIC = "violence", "someone_else", "panic"
# Priority when several kinds match: a life in danger now first (immediate, medical), then the
# speaker's own suicidal thoughts, violence against them, worry for someone else, and panic.
DANGER_KINDS = (IMMEDIATE, MEDICAL, SUICIDAL, VIOLENCE, SOMEONE_ELSE, PANIC)
# The two strengths of suicidal language in crisis_language.yaml (Assessment.family tells which).
EXPLICIT, VAGUE = "explicit", "vague"
# The family of what no phrase matched but the second reader (learned.py) was sure of, and the
# violence family whose line is said first (danger_language.yaml's violence.sexual).
LEARNED, SEXUAL = "learned", "sexual"

# Spoken contractions and fillers, written out so one phrase covers every way of saying it.
_CONTRACTIONS = (
    (r"\bcan'?t\b", "can not"), (r"\bcannot\b", "can not"), (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "am not"), (r"\b(\w+)n't\b", r"\1 not"),
    (r"\b(do|does|did|is|are|was|were|would|could|should|have|has|had|must)nt\b", r"\1 not"),
    (r"\bi'?m\b", "i am"), (r"\bim\b", "i am"), (r"\b(\w+)'re\b", r"\1 are"),
    (r"\b(\w+)'ve\b", r"\1 have"), (r"\b(\w+)'ll\b", r"\1 will"), (r"\b(\w+)'d\b", r"\1 would"),
    (r"\b(it|that|there|what|he|she)'?s\b", r"\1 is"),
    (r"\b(life|everything|nothing|nobody|everyone|everybody|who|where|here)'s\b", r"\1 is"),
    (r"\bwanna\b", "want to"), (r"\bgonna\b", "going to"), (r"\bgotta\b", "got to"),
    (r"\bany more\b", "anymore"), (r"\bmy own self\b", "myself"), (r"\bme self\b", "myself"),
    (r"\b(like|just|really|so|kind of|sort of|honestly|literally|actually|um|uh)\b", " "),
)


def any_of(patterns) -> re.Pattern:
    """One regex that finds a match exactly where at least one of `patterns` would.

    A quick first question for lists of substitutions: most of what people say matches none of
    them, and one search is far cheaper than one substitution per pattern. When one does match,
    the caller walks the list in order as before.
    """
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


@lru_cache(maxsize=None)
def _contractions() -> tuple[re.Pattern, list]:
    """(any contraction at all, [(pattern, replacement), ...] in order), compiled on first use."""
    return (any_of(pattern for pattern, _ in _CONTRACTIONS),
            [(re.compile(pattern), replacement) for pattern, replacement in _CONTRACTIONS])


def normalise(text: str) -> str:
    """Lower case, contractions written out, punctuation and filler words gone."""
    words = str(text).lower().replace("’", "'").replace("`", "'")
    words = re.sub(r"[^a-z0-9' ]+", " ", words)
    any_contraction, contractions = _contractions()
    if any_contraction.search(words):  # nothing to write out in most answers ("anxious", "my mother")
        for pattern, replacement in contractions:
            words = pattern.sub(replacement, words)
    words = words.replace("'", " ")
    return " ".join(words.split())


@dataclass(frozen=True)
class Assessment:
    """What the detector found: the kind of danger (or None) and which family of phrases."""

    kind: str | None
    family: str | None = None

    @property
    def is_crisis(self) -> bool:
        return self.kind is not None


@dataclass(frozen=True)
class _Family:
    kind: str
    name: str
    phrases: tuple       # any of these matches...
    unless: tuple = ()   # ...and none of these does...
    requires: tuple = () # ...and, if there are any, one of these does too

    def search(self, words: str) -> re.Match | None:
        if any(u.search(words) for u in self.unless):
            return None
        if self.requires and not any(r.search(words) for r in self.requires):
            return None
        for phrase in self.phrases:
            found = phrase.search(words)
            if found:
                return found
        return None


@dataclass(frozen=True)
class _Compiled:
    """The phrases of both data files, compiled once."""

    families: dict            # kind -> [_Family, ...] in the data file's order
    rewrites: list            # (pattern, replacement), before anything else
    removals: list            # guards, then negations, in the data files' order
    any_removal: re.Pattern
    reported: re.Pattern      # someone else said, wrote or did what follows
    someone: re.Pattern       # someone else is named at all
    owner_of_means: re.Pattern  # right after a name: whose the means are ("my dad s gun")
    first_person: list        # (pattern, replacement): what is said about them, in the first person
    soon: re.Pattern          # it is happening now, or about to
    not_soon: re.Pattern      # ...or said not to be
    long_past: re.Pattern     # it happened long ago...
    ended_well: re.Pattern    # ...and it ended well
    fine_now: re.Pattern      # a body or a fright that has settled, and said so
    sexual_signs: re.Pattern  # violence the model found is sexual
    heavy: re.Pattern         # any heavy-feeling word
    heavy_ids: frozenset


# Reading what is said about someone else in the first person, so the suicidal and immediate
# phrases serve for both ("she wants to kill herself" -> "i want to kill myself").
_FIRST_PERSON = (
    (r"\b(himself|herself|themselves|themself)\b", "myself"),
    (r"\b(he|she|they) (is|are|s)\b", "i am"), (r"\b(he|she|they) (has|have)\b", "i have"),
    (r"\b(he|she|they) (would|will|was|were|had|did|does not|do not)\b", r"i \2"),
    (r"\bdoes not\b", "do not"), (r"\b(he|she|they)\b", "i"), (r"\b(his|their)\b", "my"),
    (r"\b(without|miss) (him|her|them)\b", r"\1 me"),
    (r"\bwith (him|her|them) (gone|dead|not here|not around|out of the way)\b", r"with me \2"),
    (r"\bher (own|last|life|arms?|wrists?|legs?|skin|things|stuff|pills|tablets|meds|medication|medicine|insulin|belongings|possessions)\b", r"my \1"),
    (r"\b(wants|needs|wishes|keeps|feels|thinks|says|hates|plans|tries|cuts|hurts|harms|burns|starves|"
     r"scratches|hits|bangs|punches|talks|threatens|tells|posts|texts|searches|takes)\b",
     lambda m: (m.group(1)[:-3] + "y" if m.group(1).endswith("ies")
                else m.group(1)[:-2] if m.group(1).endswith(("shes", "ches")) else m.group(1)[:-1])),
)


def _expand(pattern: str, words: dict) -> str:
    for _ in range(3):  # a word may use another (<attacker> uses <person>)
        for name, value in words.items():
            pattern = pattern.replace(f"<{name}>", value)
    return pattern


@lru_cache(maxsize=None)
def _compiled() -> _Compiled:
    crisis, danger = crisis_data(), danger_data()
    words = danger["words"]

    def compile_all(patterns) -> tuple:
        return tuple(re.compile(_expand(p, words)) for p in patterns)

    def family(kind: str, name: str, entry) -> _Family:
        """A family is a list of phrases, or {phrases, unless, requires}."""
        entry = {"phrases": entry} if isinstance(entry, list) else entry
        return _Family(kind, name, compile_all(entry["phrases"]), compile_all(entry.get("unless", ())),
                       compile_all(entry.get("requires", ())))

    families = {SUICIDAL: [family(SUICIDAL, name, entry)
                           for strength in (EXPLICIT, VAGUE) for name, entry in crisis[strength].items()]}
    for kind in (IMMEDIATE, MEDICAL, VIOLENCE, SOMEONE_ELSE, PANIC):
        families[kind] = [family(kind, name, entry) for name, entry in danger[kind].items()]
    removals = [_expand(p, words) for p in danger["guards"] + crisis["guards"] + crisis["negations"]]
    person = f"(?:{words['person']}|\\b(?:he|she|they)\\b)"
    reporting = (r"(says|said|saying|keeps saying|kept saying|told me|tells me|texted|texts|texting|messaged|"
                 r"messaging|wrote|writes|note says|message says|messages say|letter says|text says|"
                 r"posted|talks about|talking about|talked about|mentioned|threatened|threatening|"
                 r"searched|googled|looked up|keeps talking about)")
    return _Compiled(
        families=families,
        rewrites=[(re.compile(_expand(p, words)), r) for p, r in danger["rewrites"]],
        removals=[re.compile(p) for p in removals],
        any_removal=any_of(removals),
        reported=re.compile(f"(?:{person}|\\b(?:his|her|their))" + r"( \w+){0,4} " + reporting + r"\b"),
        someone=re.compile(person),
        owner_of_means=re.compile(_expand(r" s (\w+ )?(<means>|<weapon>|<pills>|<poisons>)\b", words)),
        first_person=[(re.compile(p), r) for p, r in _FIRST_PERSON],
        soon=re.compile(_expand(words["soon"], words)), not_soon=re.compile(words["not_soon"]),
        long_past=re.compile(words["long_past"]), ended_well=re.compile(words["ended_well"]),
        fine_now=re.compile(words["fine_now"]), sexual_signs=re.compile(words["sexual_signs"]),
        heavy=any_of(crisis["heavy"]["words"]),
        heavy_ids=frozenset(crisis["heavy"]["ids"]))


def _without_idioms(words: str) -> str:
    compiled = _compiled()
    for pattern, replacement in compiled.rewrites:
        words = pattern.sub(replacement, words)
    if compiled.any_removal.search(words):  # idioms are rare: skip the walk when there is none
        for pattern in compiled.removals:  # one by one, in order: a removal can change what the next finds
            words = pattern.sub(" | ", words)
    return words


def _first_match(kind: str, words: str) -> tuple[_Family, re.Match] | None:
    for family in _compiled().families[kind]:
        found = family.search(words)
        if found:
            return family, found
    return None


def _in_first_person(words: str) -> str:
    for pattern, replacement in _compiled().first_person:
        words = pattern.sub(replacement, words)
    return words


_SPEAKER = re.compile(r"\b(i|me|my ?self)\b")
# The suicidal families that name an act, and the words that make it a thought or a wish instead.
_ACTS = frozenset({"harm_self"})
_THOUGHT = re.compile(r"\b(want|wanting|wanted|wish|thinking|think|thought|thoughts|urges?|tempted|feel like|might|could|would|if|sometimes|some days|some nights|keep|craving|itching|need to|needing)\b")
_TOLD_ME = re.compile(r"\b(told|tells|telling|texted|texting|texts|messaged|messaging|rang|ringing|called|calling|"
                      r"phoned|phoning|facetimed|showed|sent|sends|sending|wrote to|on the phone (to|with)) me\b")


def _said_of_someone_else(words: str, found: re.Match) -> bool:
    """Is the one a phrase at `start` speaks of someone named before it, not the speaker?

    The nearer of the two before the phrase (or its own first word, "i ...") decides:
    "my friend's been self harming" is someone else; "since my nan died i want to die" is not;
    and a phrase that names the speaker is theirs ("my kids would be better off without me").
    """
    compiled = _compiled()
    start = found.start()
    if _SPEAKER.search(_TOLD_ME.sub(" ", found.group(0))):
        return False
    # "my dad s shotgun" names whose the means is, not who is holding it.
    them = [m.start() for m in compiled.someone.finditer(words, 0, start) if not compiled.owner_of_means.match(words, m.end())]
    if not them:
        return False
    # The speaker as the one told or sent something is not the one at risk ("my ex sent me a photo
    # of a rope and said goodbye"): blanked out, keeping every other word where it was.
    told = _TOLD_ME.sub(lambda m: " " * len(m.group(0)), words)
    me = [m.start() for m in _SPEAKER.finditer(told, 0, start + 2)]
    return not me or them[-1] > me[-1]


def _about_someone_else(words: str) -> str | None:
    """The family, when what is said is someone else's suicidal talk or attempt, else None.

    Who: someone is named ("my son", "she"). What: read what is said about them in the first
    person, and look for the suicidal and immediate phrases there.
    """
    compiled = _compiled()
    first = compiled.someone.search(words)
    if not first:
        return None
    # The idioms once more, now in the first person ("she killed herself laughing").
    about_them = _without_idioms(_in_first_person(words[first.start():]))
    for kind in (IMMEDIATE, SUICIDAL):
        match = _first_match(kind, about_them)
        if match:
            return f"about_them_{match[0].name}"
    return None


# The same answers come back often ("anxious", "my mother"); an Assessment is small and immutable.
@lru_cache(maxsize=1024)
def assess(text: str | None) -> Assessment:
    """The kind of danger in `text`, by DANGER_KINDS' priority, or Assessment(None)."""
    if not text or not str(text).strip():
        return Assessment(None)
    words = _without_idioms(normalise(text))
    compiled = _compiled()
    if compiled.long_past.search(words) and compiled.ended_well.search(words):
        return Assessment(None)  # over and done, and said so
    found = _assess(words, compiled)
    if found.kind in (MEDICAL, PANIC) and compiled.fine_now.search(words):
        return Assessment(None)  # a body or a fright that has settled, and said so
    return found


def _assess(words: str, compiled: _Compiled) -> Assessment:
    """The kind by DANGER_KINDS' priority, for normalised words with the idioms taken out."""
    # Who: an attempt or suicidal words are the speaker's own unless they are said of someone
    # named before them ("my mate's on the bridge and he's going to jump"), or reported from
    # them ("my wife keeps saying she'd be better off dead").
    match = _first_match(IMMEDIATE, words)
    if match:
        if _said_of_someone_else(words, match[1]):
            return Assessment(SOMEONE_ELSE, f"about_them_{match[0].name}")
        return Assessment(IMMEDIATE, match[0].name)
    match = _first_match(MEDICAL, words)
    if match:
        return Assessment(MEDICAL, match[0].name)
    own = _first_match(SUICIDAL, words)
    if own:
        reported = compiled.reported.search(words, 0, own[1].end())
        if (reported and reported.start() < own[1].start()) or _said_of_someone_else(words, own[1]):
            return Assessment(SOMEONE_ELSE, f"about_them_{own[0].name}")
        # How soon: the act itself (not a wish or a thought), said as happening now, is an attempt.
        if ((own[0].name in _ACTS and compiled.soon.search(words) and not compiled.not_soon.search(words)
                 and not _THOUGHT.search(words, 0, own[1].start() + 1))
                or learned.is_attempt_now(words)):
            return Assessment(IMMEDIATE, f"{own[0].name}_now")
        return Assessment(SUICIDAL, own[0].name)
    match = _first_match(VIOLENCE, words)
    if match:
        return Assessment(VIOLENCE, match[0].name)
    match = _first_match(SOMEONE_ELSE, words)
    if match:
        return Assessment(SOMEONE_ELSE, match[0].name)
    family = _about_someone_else(words)
    if family:
        return Assessment(SOMEONE_ELSE, family)
    match = _first_match(PANIC, words)
    if match:
        return Assessment(PANIC, match[0].name)
    # No phrase: the second reader, for words and word orders the phrases were never given.
    kind = learned.likely_kind(words)
    if kind == VIOLENCE and compiled.sexual_signs.search(words):
        return Assessment(kind, SEXUAL)  # its line first, as for the phrases' own "sexual" family
    return Assessment(kind, LEARNED if kind else None)


def is_crisis(text: str | None) -> bool:
    """Danger of any kind (DANGER_KINDS) in `text`."""
    return assess(text).is_crisis


def is_heavy(text: str | None, slot_id: str | None = None) -> bool:
    """A heavy but ordinary feeling (hopeless, worthless, empty, numb, exhausted, ...)."""
    compiled = _compiled()
    if slot_id and slot_id.upper() in compiled.heavy_ids:
        return True
    return compiled.heavy.search(normalise(text or "")) is not None
