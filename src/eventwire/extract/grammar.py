"""Closed-class English grammar the stages read the parse with: dependency labels, pronouns,
auxiliaries, marks, determiners, dashes, spaCy's entity labels and the calendar's words.

Only closed classes live here (English grammar and spaCy's label scheme, which do not change with
the news); open-class vocabulary is data (data/word_sets.tsv) and a rule's own knowledge stays
with its rule. Sets that differ on purpose are kept apart, each named for what it means.
"""
from __future__ import annotations

# --- Dependency labels (spaCy's English scheme, ClearNLP-style) ---
SUBJECTS = {"nsubj", "csubj"}  # active subjects, nominal or clausal: who does the verb
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}  # passive subjects: who undergoes the verb
NOMINAL_SUBJECTS = ("nsubj", "nsubjpass")  # a verb's noun subject, active or passive: who speaks a quote
OBJECTS = {"dobj", "obj", "dative"}  # direct and indirect objects of a verb
# A verb's object or predicate noun: "will send 2,000 troops", "has 1,400".
COMPLEMENT_DEPS = ("dobj", "attr", "oprd")
# Clause links through which a subjectless verb shares its head's subject.
INHERIT_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "acomp"}
# Links from a clause up to a verb that governs it.
GOVERNING_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "advcl", "conj", "acomp"}
# Modifiers of a noun or a number: "an additional", "another 1,000".
MODIFIER_DEPS = ("amod", "det", "advmod", "quantmod")

# --- Parts of speech (Universal POS tags) ---
VERB_POS = {"VERB"}  # words that are verbs for the event lexicon
NOUN_POS = {"NOUN", "PROPN"}  # words that are nouns for the event lexicon
MODIFIER_POS = ("ADJ", "NOUN", "PROPN")  # words that can stand between a country word and its role noun

# --- Pronouns ---
PERSON_SUBJECT_PRONOUNS = {"he", "she"}  # subject pronouns that stand only for a person
# Pronouns of a person in any case: a quote's subject may be parsed as either.
PERSON_PRONOUNS = ("he", "she", "him", "her")
OBJECT_PRONOUNS = {"it", "they"}  # pronouns that stand for a state, body or group, never one person
POSSESSIVE_PRONOUNS = {"its", "their"}  # possessives of a state, body or group: "its troops"
# Pronouns of people or groups, who can act ("it" often cannot).
AGENT_PRONOUNS = {"he", "she", "they", "we", "i", "who"}

# --- Determiners, auxiliaries, marks ---
# Definite determiners: "the attack" points back to one named before.
DEFINITE = {"the", "this", "that", "these", "those"}
# Words a description of people starts with that are not part of what it calls them: "a man",
# "the gunmen", "his wife", "some residents".
DESCRIPTION_OPENERS = DEFINITE | {"a", "an", "some", "his", "her", "their", "its"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}  # auxiliaries of the future ("wo" is spaCy's token of "won't")
PROSPECTIVE_AUX = FUTURE_AUX | {"would"}  # auxiliaries of an act still to come, in direct or reported speech
MODAL_AUX = {"could", "might", "may", "would", "should", "can"}  # modals that make an act possible, not done
DEONTIC_AUX = {"must", "should"}  # modals of obligation: "Sudan must return the helicopter"
CONDITIONAL_MARKS = {"if", "unless", "whether"}  # subordinating marks of a condition or an open question
EXCEPTIVE_MARKS = {"unless"}  # the mark of an act made conditional on the other side's conduct
IF_MARKS = {"if"}  # the plain conditional mark: a condition only where the act is hostile and modal
COORDINATORS = {",", "and", "or", "&", "/"}  # tokens that join coordinated words: "Hungarian and Romanian"
POSSESSIVES = {"'s", "’s", "'", "’"}  # the possessive clitic as spaCy splits it, straight and curly
DASHES = {"-", "–", "—", "--"}  # dash characters (hyphen, en, em, double hyphen): a dateline's dash

# --- spaCy entity-label groups (OntoNotes labels of en_core_web_*) ---
PLACE_LABELS = ("GPE", "LOC", "FAC")  # labels of places
# Labels the small model gives to places it does not know.
MISREAD_PLACE_LABELS = ("ORG", "PERSON", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART")
# Names a country word can be part of ("Michael Jordan").
NAME_LABELS = {"PERSON", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW", "LANGUAGE"}
STATE_LABELS = {"GPE", "NORP"}  # a state or a people as a whole: "Russia", "Israeli"

# --- The calendar (order matters: a weekday's or month's index is its number) ---
# Weekdays, Monday first as datetime.weekday() counts them.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Months, January first.
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
# Month abbreviations as wire copy prints them ("May" is never cut).
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")

# --- Hedges on a figure ---
# Hedges that make a figure a lower bound: "at least 12" agrees with any 12 or more.
LOWER_BOUND_HEDGES = ("at least", "more than", "over")
# Hedges that make a figure an upper bound: "up to 3,000" agrees with any 3,000 or fewer.
UPPER_BOUND_HEDGES = ("up to", "as many as", "fewer than", "less than")

# Closed-class words the casualty counts read (events/casualties.py).
NO_ONE = {"nobody", "none", "noone"}  # pronouns of no person: "nobody was killed"
# Auxiliaries and the infinitive marker of harm not done: "to kill" (intended), "could kill".
NOT_DONE_AUX = {"to", "could", "might", "may", "would", "should", "can", "will", "shall", "'ll", "wo"}
NEAR_MISS = {"almost", "nearly", "narrowly", "possibly"}  # adverbs of harm that did not happen
REFLEXIVES = {"himself", "herself", "themselves"}  # reflexive pronouns of people: "killed himself"
TOLL_PREPS = {"to", "at", "of"}  # prepositions of a toll's number: "rose to 12", "a toll of 12"
SHARING_DEPS = {"conj", "advcl", "pcomp", "xcomp"}  # clauses that share their governor's subject
# Number words that multiply the number before them: "two hundred", "a dozen".
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
# Dependency labels of words that say where, with what, of what kind, or describe a noun ("taken
# to a hospital", "a gun store", "the term used for"): circumstances of an act, not the act.
CIRCUMSTANCE_DEPS = frozenset({"pobj", "compound", "npadvmod", "acl"})
