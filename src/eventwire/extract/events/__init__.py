"""The events stage: trigger words on the parse -> PLOVER events with roles, place, date, magnitude.

`EventCoder.__call__` (coder.py) makes the events of one article in these steps:

1. The article context (overlay.py, `Overlay`): the earlier stages' times, places, quantities
   and actors laid over the tokens, and the actor index (`roles.ActorIndex`) built with the
   context passed in, so that a phrase naming no actor can stand for a state (a capital, a
   nationality, a place); organisations the places stage read as towns are left out
   (`coder._misread_place`).
2. Triggers and type: `triggers.match` finds lexicon words (data/event_triggers.tsv), which give
   the event type; `folds.folded` drops a word that only restates another in its clause ("carried
   out an attack"); `mentions.mentions` gives each kept trigger its clause as scope.
3. Actor and recipient in the clause: `roles.verb_roles` / `roles.noun_roles` return a
   `roles.Roles` record, whose `actor_rule` and `recipient_rule` name the rule that found each
   (subject, object, "by" phrase, pronoun, capital ...); `mentions.one_mention` adjusts them (host
   verbs, "fighting between", movers) and drops words used in another sense (`lookalikes`: a
   match result, a labour strike, a forecast), each drop with its rule (`mentions.Drop`);
   `triggers.mode_of` gives the mode.
4. One mention described (`context.describe`): date from the times in its own clause, else
   its sentence's; place from the places in its clause, not a dateline's (`context._dateline`);
   magnitude from `casualties.casualties` and `context._size`; status from `facts.status_of`;
   type, mode and roles re-coded by `rules.recode` (threat, agreement, refusal, request, halt),
   which names each rule that fired; recipients by convention where the clause names none: the
   state of a place named (`overlay.Overlay.country_of`), or the actor's own state
   (`conventions.domestic_target`).
5. Mentions merged into events: `merge.merge` joins a mention to an earlier compatible one (same
   type, actors of one side, overlapping dates and places, compatible statuses).
6. The passes over all events, one ordered list run by one loop (`passes.PASSES`): tolls told
   apart from any event join their assault (`passes.tolls_outside`, `casualties.tolls_outside`);
   claims (`passes.claims`: "X claimed responsibility" moves X to `claimed_by`), recipients by reference
   and from content, unnamed attackers (the unidentified armed group of the place's country;
   all three in conventions.py), then the drops: events with neither actor nor recipient unless
   their type may name neither (`passes.attributed`), deals between firms (`passes.not_between_firms`).
   Then rules and the learned model decide together (`decide.decide`, its docstring numbers the
   decision): events the model finds no political event in are dropped, events the rules missed
   added, the ACLED sub-event type chosen.
7. Finished into records: `merge.finish` picks the most precise date (else the published date)
   and place, the magnitude, confidence, and the ACLED and CAMEO views (`facts.acled_view`,
   `facts.cameo_code`).

Every step writes what it chose and the rule that chose it into the event's trail
(`merge.EventDraft.trail`); dropped words go to `Overlay.dropped`. With `Options(explain=True)`
(`eventwire extract --explain`) they come out as the extraction's `explanation`.
"""
from .coder import EventCoder

__all__ = ["EventCoder"]
