"""The events stage: trigger words on the parse -> PLOVER events with roles, place, date, magnitude.

`EventCoder.__call__` (coder.py) makes the events of one article in these steps, over
`coder._Overlay` (the earlier stages' records laid on the tokens; it makes country actors):

1. Actors on the tokens: `roles.ActorIndex` lays the actors stage's mentions over the parse
   (organisations the places stage read as towns left out: `coder._misread_place`).
2. Triggers and type: `triggers.match` finds lexicon words (data/event_triggers.tsv), which give
   the event type; `folds.folded` drops a word that only restates another in its clause ("carried
   out an attack"); `mentions.mentions` gives each kept trigger its clause as scope.
3. Actor and recipient in the clause: `roles.verb_roles` / `roles.noun_roles` read subject,
   object, agent and prepositions (`mentions._mention`); `lookalikes` drops words used in
   another sense (a match result, a labour strike, a forecast); `triggers.mode_of` gives the mode.
4. One mention described (`context.describe`): date from the times in its own clause, else
   its sentence's; place from the places in its clause, not a dateline's (`context._dateline`);
   magnitude from `casualties.casualties` and `context._size`; status from `facts.status_of`;
   type, mode and roles re-coded by `rules.recode` (threat, agreement, refusal, request, halt);
   recipients by convention where the clause names none: the state of a place named
   (`coder._Overlay.country_of`), or the actor's own state (`conventions.domestic_target`).
5. Mentions merged into events: `merge.merge` joins a mention to an earlier compatible one (same
   type, actors of one side, overlapping dates and places, compatible statuses).
6. Claims: `coder._Overlay.claims` moves "X claimed responsibility" claimants to `claimed_by`.
7. Roles across events (conventions.py): `recipients_by_reference`, `recipients_from_content`,
   `unnamed_attackers` (the unidentified armed group of the place's country).
8. Kept: events with an actor or a recipient, or of a type that may name neither
   (`coder.UNATTRIBUTED_TYPES`), and not a deal between firms (`lookalikes.between_firms`).
9. Finished into records: `merge.finish` picks the most precise date (else the published date)
   and place, the magnitude, confidence, and the ACLED and CAMEO views (`facts.acled_view`,
   `facts.cameo_code`).
"""
from .coder import EventCoder

__all__ = ["EventCoder"]
