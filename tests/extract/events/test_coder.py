"""Specification of event coding: news sentences -> PLOVER v0.8 events through the whole pipeline.

Each table is a list of cases written for eventwire (not taken from any evaluation set). Actor
and recipient names match loosely: the expected text must occur, case-insensitively, in the
actor's canonical name or in one of its mention texts ("Israel" matches "Israeli forces").
"""
import pytest

from ...conftest import extract_valid

PUBLISHED = "2024-03-14"

# (type, sentence, actor, recipient): the sentence must yield an event of that type whose
# actors include the actor and, where one is given, whose recipients include the recipient.
TYPE_CASES = [
    # A passive with no "by" phrase that sends someone "from" one state "to" another: the first acts.
    pytest.param("COOPERATE", "A suspected cartel financier was extradited from Colombia to the United States.",
                 "Colombia", "United States", id="passive-from-to"),
    # AGREE: offers, promises, agreements to cooperate; future cooperation.
    pytest.param("RETREAT", "The Malian soldiers returned to their barracks in Kati after the mutiny, the army said.",
                 "Malian soldiers", None, id="retreat-soldiers-returned-to-barracks"),
    pytest.param("MOBILIZE", "Three Russian warships sailed close to the Latvian coast on Friday, in what Riga called "
                 "a show of force.", "Russian warships", None, id="mobilize-in-what-they-called-a-show-of-force"),
    # "on Sunday" is a day: not "call on" (REQUEST)
    pytest.param("CONSULT", "Emmanuel Macron called Vladimir Putin on Sunday, the Elysee said.",
                 "Emmanuel Macron", "Vladimir Putin", id="consult-called-someone-on-a-day"),
    pytest.param("ACCUSE", "Opposition leader Raila Odinga called the election result a sham on Tuesday.",
                 "Raila Odinga", None, id="accuse-called-the-result-a-sham"),
    pytest.param("ACCUSE", "Iran's foreign minister called the Israeli strikes a war crime.",
                 "Iran's foreign minister", "Israel", id="accuse-called-the-strikes-a-war-crime"),
    pytest.param("PROTEST", "The Canadian Auto Workers struck Chrysler's assembly plants in Windsor, Ontario.",
                 "Canadian Auto Workers", "Chrysler", id="protest-a-union-struck-plants"),
    pytest.param("AGREE", "Ethiopia and Egypt agreed on Tuesday to resume negotiations over the Nile dam.",
                 "Ethiopia", None, id="agree-verb"),
    pytest.param("AGREE", "The Rapid Support Forces reached a deal with the Sudanese army on a week-long truce.",
                 "Rapid Support Forces", "Sudanese army", id="agree-light-verb-deal"),
    pytest.param("AGREE", "Japan pledged $500 million to help rebuild the Ukrainian power grid.",
                 "Japan", None, id="agree-pledge"),
    pytest.param("AGREE", "Turkey offered to mediate between Russia and Ukraine.",
                 "Turkey", None, id="agree-offer"),
    # CONSULT: meetings, visits (visitor is actor, host recipient), calls, talks.
    pytest.param("CONSULT", "Russia and China held talks in Moscow on Tuesday.",
                 "Russia", None, id="consult-held-talks"),
    pytest.param("CONSULT", "President Joe Biden spoke by telephone with Israeli Prime Minister Benjamin Netanyahu.",
                 "Biden", "Netanyahu", id="consult-phone"),
    pytest.param("CONSULT", "Germany hosted NATO defence ministers in Berlin on Thursday.",
                 "NATO", "Germany", id="consult-host-visitor-is-actor"),
    pytest.param("CONSULT", "Iraqi Prime Minister Mohammed Shia al-Sudani visited Washington on Monday.",
                 "Sudani", None, id="consult-visit"),
    # SUPPORT: praise, endorsement, verbal backing.
    pytest.param("SUPPORT", "The European Union welcomed the election of the new Senegalese president.",
                 "European Union", None, id="support-welcome"),
    pytest.param("SUPPORT", "The United States praised Kenya for leading the security mission in Haiti.",
                 "United States", "Kenya", id="support-praise"),
    pytest.param("SUPPORT", "Russia expressed support for China's position on Taiwan.",
                 "Russia", "China", id="support-noun"),
    pytest.param("SUPPORT", "The African Union endorsed the peace plan proposed by Angola.",
                 "African Union", None, id="support-endorse"),
    # CONCEDE: easing restrictions, pardons, apologies.
    pytest.param("CONCEDE", "The Egyptian government lifted the curfew in North Sinai on Thursday.",
                 "Egyptian government", None, id="concede-lift-curfew"),
    pytest.param("CONCEDE", "The Pakistani government apologised to Afghanistan for the border incident.",
                 "Pakistan", "Afghanistan", id="concede-apologise"),
    pytest.param("CONCEDE", "Myanmar's junta pardoned more than 3,000 prisoners on Thursday.",
                 "Myanmar", None, id="concede-pardon"),
    # COOPERATE: mutual material cooperation, judicial and intelligence cooperation.
    pytest.param("COOPERATE", "Kenyan and Somali troops held a joint exercise near the border.",
                 "Kenya", None, id="cooperate-joint-exercise"),
    pytest.param("COOPERATE", "Spain extradited the suspect to the United States on Friday.",
                 "Spain", "United States", id="cooperate-extradite"),
    pytest.param("COOPERATE", "Jordan shared intelligence with Israel about the incoming drones.",
                 "Jordan", "Israel", id="cooperate-share-intelligence"),
    # AID: money, arms, humanitarian help, asylum.
    pytest.param("AID", "The United States sent $300 million in military aid to Ukraine.",
                 "United States", "Ukraine", id="aid-military"),
    pytest.param("AID", "Saudi Arabia donated 50,000 tonnes of food to Yemen.",
                 "Saudi Arabia", "Yemen", id="aid-donate"),
    pytest.param("AID", "Ecuador granted asylum to a former Peruvian minister.",
                 "Ecuador", None, id="aid-asylum"),
    pytest.param("AID", "The World Health Organization provided emergency assistance to hospitals in Gaza.",
                 "World Health Organization", None, id="aid-light-verb"),
    # RETREAT: withdrawals, releases, resignations, disarmament.
    pytest.param("RETREAT", "Hamas released four Israeli hostages on Sunday.",
                 "Hamas", None, id="retreat-release"),
    pytest.param("RETREAT", "Russian forces withdrew from the city of Kherson.",
                 "Russia", None, id="retreat-withdraw"),
    pytest.param("RETREAT", "M23 rebels pulled out of Kibumba under pressure from the regional force.",
                 "M23", None, id="retreat-pull-out"),
    pytest.param("RETREAT", "Peru's interior minister Victor Torres resigned on Friday.",
                 "Torres", None, id="retreat-resign"),
    # REQUEST: calls, appeals, demands.
    pytest.param("REQUEST", "The UN Security Council called for an immediate ceasefire in Sudan.",
                 "Security Council", None, id="request-call-for"),
    pytest.param("REQUEST", "Ukraine urged Germany to send more air defence systems.",
                 "Ukraine", "Germany", id="request-urge"),
    pytest.param("REQUEST", "Iraq asked the United States to withdraw its troops from the country.",
                 "Iraq", "United States", id="request-ask"),
    pytest.param("SUPPORT", "Japan reaffirmed its support for Ukraine on Tuesday.", "Japan", "Ukraine",
                 id="support-noun-from-a-giver-to-a-receiver"),
    pytest.param("REQUEST", "Kenya asked the World Bank for a loan to rebuild roads damaged by the floods.",
                 "Kenya", "World Bank", id="request-asked-for"),
    pytest.param("REQUEST", "Hungary was asked by the European Commission on Wednesday to explain its new media law.",
                 "European Commission", "Hungary", id="request-asked-in-the-passive-to-explain"),
    pytest.param("REQUEST", "Niger demanded the withdrawal of French troops.",
                 "Niger", None, id="request-demand"),
    # ACCUSE: criticism, accusations, investigations, lawsuits.
    pytest.param("ACCUSE", "China accused the Philippines of provoking the confrontation near Second Thomas Shoal.",
                 "China", "Philippines", id="accuse-accuse"),
    pytest.param("ACCUSE", "The European Union condemned Russia's attack on the Ukrainian energy grid.",
                 "European Union", "Russia", id="accuse-condemn"),
    pytest.param("ACCUSE", "The International Criminal Court is investigating alleged war crimes in Darfur.",
                 "International Criminal Court", None, id="accuse-investigate"),
    pytest.param("ACCUSE", "Human Rights Watch criticised the Egyptian government for the mass trials.",
                 "Human Rights Watch", "Egypt", id="accuse-criticise"),
    # REJECT: rejections, refusals, vetoes.
    pytest.param("REJECT", "Israel rejected the French proposal for a ceasefire in Lebanon.",
                 "Israel", None, id="reject-reject"),
    pytest.param("REJECT", "Russia vetoed a UN Security Council resolution on Syria.",
                 "Russia", None, id="reject-veto"),
    pytest.param("REJECT", "The Taliban refused to reopen secondary schools for girls.",
                 "Taliban", None, id="reject-refuse"),
    pytest.param("REJECT", "Hungary blocked the European Union's aid package for Ukraine.",
                 "Hungary", "European Union", id="reject-block"),
    # THREATEN: threats and coercive warnings.
    pytest.param("THREATEN", "North Korea threatened to strike the United States with nuclear weapons.",
                 "North Korea", "United States", id="threaten-verb"),
    pytest.param("THREATEN", "Iran warned Israel of a crushing response to any attack on its territory.",
                 "Iran", "Israel", id="threaten-warn"),
    pytest.param("THREATEN", "China issued an ultimatum to the Philippines over the disputed shoal.",
                 "China", "Philippines", id="threaten-ultimatum"),
    # PROTEST: demonstrations, strikes, riots, boycotts.
    pytest.param("PROTEST", "Thousands of Palestinian protesters marched through Ramallah on Friday.",
                 "Palestin", None, id="protest-march"),
    pytest.param("PROTEST", "Israeli demonstrators took to the streets of Tel Aviv to protest against the government.",
                 "Israel", None, id="protest-take-streets"),
    pytest.param("PROTEST", "French farmers blocked highways around Paris to protest against EU rules.",
                 "French", None, id="protest-obstruct"),
    pytest.param("PROTEST", "Nigerian workers went on strike over the rising cost of fuel.",
                 "Nigeria", None, id="protest-labour-strike"),
    # SANCTION: sanctions, expulsions, broken ties, suspended aid.
    pytest.param("SANCTION", "The European Union imposed new sanctions on Iran over drone exports to Russia.",
                 "European Union", "Iran", id="sanction-noun"),
    pytest.param("SANCTION", "Niger expelled the French ambassador on Friday.",
                 "Niger", "France", id="sanction-expel"),
    pytest.param("SANCTION", "Nicaragua severed diplomatic ties with the Netherlands.",
                 "Nicaragua", "Netherlands", id="sanction-sever-ties"),
    pytest.param("SANCTION", "The United States suspended military aid to Uganda.",
                 "United States", "Uganda", id="sanction-suspend-aid"),
    # MOBILIZE: deployments, alerts, weapons tests.
    pytest.param("MOBILIZE", "Russia deployed 10,000 troops to the border with Finland.",
                 "Russia", None, id="mobilize-deploy"),
    pytest.param("MOBILIZE", "China massed warships near Taiwan on Thursday.",
                 "China", None, id="mobilize-mass"),
    pytest.param("MOBILIZE", "North Korea test-fired a ballistic missile into the sea.",
                 "North Korea", None, id="mobilize-test-fire"),
    pytest.param("MOBILIZE", "The Nigerian army put its troops on high alert in Borno State.",
                 "Nigerian army", None, id="mobilize-alert"),
    # COERCE: arrests, raids, bans, curfews, censorship.
    pytest.param("COERCE", "Kenyan police arrested 40 protesters in Nairobi on Tuesday.",
                 "Kenya", None, id="coerce-arrest"),
    pytest.param("COERCE", "Israeli forces raided the Jenin refugee camp overnight.",
                 "Israel", None, id="coerce-raid"),
    pytest.param("COERCE", "The Taliban banned women from working for the United Nations.",
                 "Taliban", None, id="coerce-ban"),
    pytest.param("COERCE", "Russia imposed martial law in the four annexed regions.",
                 "Russia", None, id="coerce-martial-law"),
    pytest.param("COERCE", "Dozens of opposition supporters were detained by the Ugandan army.",
                 "Ugandan army", None, id="coerce-passive"),
    # ASSAULT: violence in every grammatical shape.
    pytest.param("ASSAULT", "Al-Shabaab fighters attacked a military base in Lower Shabelle.",
                 "Al-Shabaab", None, id="assault-active"),
    pytest.param("ASSAULT", "A Somali army base was attacked by al-Shabaab militants on Sunday.",
                 "al-Shabaab", "Somali army", id="assault-passive"),
    pytest.param("ASSAULT", "Boko Haram launched an attack on Nigerian troops in Borno State.",
                 "Boko Haram", "Nigerian troops", id="assault-light-verb"),
    pytest.param("ASSAULT", "A Russian missile strike on Kharkiv killed six people.",
                 "Russia", None, id="assault-nominal"),
    pytest.param("ASSAULT", "Israeli warplanes struck Hezbollah positions in southern Lebanon.",
                 "Israel", "Hezbollah", id="assault-strike-verb"),
]

# (type, sentence): the sentence must yield no event of that type.
NOT_TYPE_CASES = [
    pytest.param("AGREE", "Most economists agree that the Kenyan economy is slowing down.", id="agree-opinion"),
    pytest.param("AGREE", "The hotel in Nairobi offers free breakfast to its guests.", id="agree-commerce"),
    pytest.param("CONSULT", "The new bridge will meet the growing demand for transport in Lagos.", id="consult-meet-demand"),
    pytest.param("CONSULT", "The museum in Cairo attracts thousands of visitors every summer.", id="consult-visitors"),
    pytest.param("SUPPORT", "Steel beams support the weight of the stadium roof.", id="support-physical"),
    pytest.param("CONCEDE", "Inflation in Egypt eased to 30 percent in February.", id="concede-inflation-eased"),
    pytest.param("COOPERATE", "Shares of the Kenyan telecom firm traded lower on Tuesday.", id="cooperate-shares-traded"),
    pytest.param("AID", "Heavy rain helped the maize crop recover in western Kenya.", id="aid-rain-helped"),
    pytest.param("RETREAT", "The Nigerian statistics office released its inflation figures on Friday.", id="retreat-released-figures"),
    pytest.param("REQUEST", "Emmanuel Macron called Vladimir Putin on Sunday, the Elysee said.",
                 id="request-called-someone-on-a-day"),
    pytest.param("RETREAT", "A police spokesman said Moyo's wife returned to the family home near Bulawayo to find "
                 "the door locked.", id="retreat-returned-home"),
    pytest.param("ASSAULT", "The Canadian Auto Workers struck Chrysler's assembly plants in Windsor, Ontario.",
                 id="assault-a-union-struck-plants"),
    pytest.param("ASSAULT", "The Canadian Auto Workers struck Chrysler's car and truck plants at Windsor, Ont, "
                 "Chrysler said.", id="assault-a-union-struck-plants-the-model-overruled"),
    pytest.param("CONSULT", "The blast hit a market in Mandera, in what Kenyan President William Ruto called a "
                 "terrorist attack.", id="consult-called-it-an-attack"),
    pytest.param("ASSAULT", "The bus driver and his passengers were not injured, the transport ministry said.",
                 id="assault-nobody-was-injured"),
    pytest.param("RETREAT", "Floodwaters retreated from the centre of Maiduguri.", id="retreat-floodwaters",
                 marks=pytest.mark.xfail(reason="the small NER model tags a sentence-initial 'Floodwaters' "
                                                "as ORG, so it becomes an actor that can act", strict=True)),
    pytest.param("REQUEST", "Demand for Russian oil rose sharply in India last year.", id="request-demand-for-oil"),
    # asking a question is no request; a call to a firm or a witness is no talks
    pytest.param("REQUEST", "\"Where were you that night?\" prosecutor Scott Mendeloff asked.", id="request-a-question-asked"),
    pytest.param("REQUEST", "Defence lawyer Edward Hayden asked FBI agent Timothy McElroy whether there was any "
                 "evidence against his client.", id="request-asked-whether"),
    # the model reads a topic, not whether it happened: its own events are reported ones
    pytest.param("ASSAULT", "The person controlling the drone was never tracked down.", id="assault-model-never-tracked"),
    # support and help as nouns need a giver and a receiver
    pytest.param("SUPPORT", "Chechen fighters crossed into Dagestan in support, but Russian forces soon suppressed "
                 "the insurrection.", id="support-noun-with-no-receiver"),
    pytest.param("AID", "His wife found help to break into the house and found her husband dead.",
                 id="aid-found-help"),
    pytest.param("CONSULT", "Later that day Marquis called Elliott's Body Shop to get a price for a rental truck.",
                 id="consult-called-a-firm"),
    pytest.param("CONSULT", "Prosecutors also called David Brown, the manager of the restaurant, who described the "
                 "surveillance photographs.", id="consult-called-a-witness"),
    pytest.param("ACCUSE", "The new phones charge faster than the old models.", id="accuse-battery-charge"),
    pytest.param("REJECT", "The goalkeeper blocked the shot in the final minute.", id="reject-football-block"),
    pytest.param("THREATEN", "Heavy rain threatens to flood coastal towns in Mozambique.", id="threaten-weather"),
    pytest.param("PROTEST", "Stocks rallied on Wall Street after the Federal Reserve decision.", id="protest-stocks-rallied"),
    pytest.param("SANCTION", "Trading in the shares was suspended after the price fell sharply.", id="sanction-trading-suspended"),
    pytest.param("MOBILIZE", "The bank deployed new software across its branches in Ghana.", id="mobilize-software"),
    pytest.param("COERCE", "The film captured the mood of the country after the election.", id="coerce-captured-mood"),
    pytest.param("ASSAULT", "The attack on his reputation hurt his campaign in Lagos.", id="assault-reputation"),
    pytest.param("ASSAULT", "A fire broke out in a warehouse in Lagos on Monday.", id="assault-accidental-fire"),
    pytest.param("ASSAULT", "A fire at a textile factory in Dhaka killed 12 workers.", id="assault-factory-fire"),
    pytest.param("ASSAULT", "The strike rate of the Pakistani batsman improved this season.", id="assault-cricket"),
    pytest.param("ASSAULT", "Shares of the Turkish airline hit a record high on Friday.", id="assault-shares-hit"),
]

# (status, sentence, type or None): some event of that type (any type when None) has the status.
STATUS_CASES = [
    pytest.param("reported", "Nigerian troops killed 20 Boko Haram fighters in Borno on Sunday.", "ASSAULT",
                 id="reported-past"),
    pytest.param("reported", "Russian forces shelled Kharkiv overnight, officials said.", "ASSAULT",
                 id="reported-attributed"),
    pytest.param("claimed", "Islamic State claimed responsibility for the bombing in Kabul.", "ASSAULT",
                 id="claimed-responsibility"),
    pytest.param("claimed", "The Houthis claimed a drone attack on a British tanker in the Red Sea.", "ASSAULT",
                 id="claimed-attack"),
    pytest.param("announced", "The Nigerian army announced the arrest of 30 suspected militants.", "COERCE",
                 id="announced-arrest"),
    pytest.param("announced", "Japan announced $500 million in aid to Ukraine on Tuesday.", None,
                 id="announced-aid"),
    pytest.param("planned", "The Kenyan government will increase its troop deployment in Haiti next month.", None,
                 id="planned-will-increase"),
    pytest.param("planned", "NATO foreign ministers will meet in Brussels next week.", None,
                 id="planned-will-meet"),
    pytest.param("threatened", "Hezbollah vowed to retaliate against Israel for the killing of its commander.", None,
                 id="threatened-vowed"),
    pytest.param("threatened", "Turkey threatened to launch a ground operation against Kurdish militants in Syria.",
                 None, id="threatened-verb"),
    pytest.param("denied", "Rwanda denied carrying out the drone strike on Goma airport.", "ASSAULT",
                 id="denied-gerund"),
    pytest.param("denied", "Hamas denied that its fighters had attacked the aid convoy.", "ASSAULT",
                 id="denied-that"),
    pytest.param("historical", "Boko Haram has killed thousands of people in Nigeria since 2009.", "ASSAULT",
                 id="historical-since"),
    pytest.param("historical", "During the civil war in the 1990s, Serbian forces shelled Sarajevo.", "ASSAULT",
                 id="historical-during"),
    pytest.param("hypothetical", "Israel could strike Iranian nuclear sites, analysts said.", "ASSAULT",
                 id="hypothetical-could"),
    pytest.param("hypothetical", "If Russia attacked a NATO member, the alliance would respond.", "ASSAULT",
                 id="hypothetical-if"),
    pytest.param("negated", "The Sudanese army did not attack the camp.", "ASSAULT", id="negated-did-not"),
    pytest.param("negated", "Kenyan police have not confirmed any arrests in Mombasa.", "COERCE",
                 id="negated-not-confirmed"),
]

# (sentence, killed, injured): the ASSAULT event's magnitude (None: not asserted).
MAGNITUDE_CASES = [
    pytest.param("Al-Shabaab fighters killed five soldiers and wounded 12 in an attack on a base in Lower Shabelle.",
                 5, 12, id="killed-and-wounded"),
    pytest.param("A civilian was killed when Russian drones struck Odesa.", 1, None, id="a-civilian-is-one"),
    pytest.param("Boko Haram militants killed 11 farmers in Borno State on Saturday.", 11, None, id="digits"),
    pytest.param("Israeli strikes killed at least 30 people in Rafah.", 30, None, id="at-least"),
    pytest.param("Gunmen injured three police officers in an attack in Peshawar.", None, 3, id="injured-only"),
    # A fire opened with a weapon or by a side is shooting, not a blaze ("done by nature").
    pytest.param("Artillery fire by M23 rebels on a displacement camp near Goma killed 35 people.", 35, None,
                 id="artillery-fire-is-no-blaze"),
    pytest.param("Police fire killed five protesters in N'Djamena on Thursday.", 5, None, id="police-fire"),
]

# (type, mode, sentence)
MODE_CASES = [
    pytest.param("ASSAULT", "heavy-weapons", "Russian forces shelled Kharkiv overnight.", id="shelling"),
    pytest.param("ASSAULT", "explosives", "A roadside bomb killed two Afghan soldiers in Kandahar.", id="roadside-bomb"),
    pytest.param("ASSAULT", "drone", "A Ukrainian drone attack hit an oil refinery in Ryazan.", id="drone"),
    pytest.param("ASSAULT", "aerial", "Israeli warplanes struck Hezbollah positions in southern Lebanon.", id="aerial"),
    pytest.param("ASSAULT", "firearms", "Gunmen opened fire on worshippers at a church in Kaduna.", id="firearms"),
    pytest.param("ASSAULT", "abduct", "Boko Haram abducted 200 schoolgirls in Chibok.", id="abduct"),
    pytest.param("ASSAULT", "crowd-control", "Kenyan police fired tear gas at protesters in Nairobi.", id="tear-gas"),
    pytest.param("ASSAULT", "suicide-attack", "A suicide bomber killed 12 people at a market in Maiduguri.",
                 id="suicide"),
    pytest.param("CONSULT", "phone", "President Joe Biden spoke by telephone with Xi Jinping.", id="phone"),
    pytest.param("PROTEST", "strike", "Nigerian workers went on strike over the rising cost of fuel.", id="labour-strike"),
    pytest.param("PROTEST", "hunger", "Palestinian prisoners in Israeli jails began a hunger strike.", id="hunger-strike"),
    pytest.param("RETREAT", "release", "Hamas released four Israeli hostages on Sunday.", id="release"),
    pytest.param("SANCTION", "expel", "Niger expelled the French ambassador on Friday.", id="expel"),
    pytest.param("COERCE", "arrest", "Kenyan police arrested 40 protesters in Nairobi on Tuesday.", id="arrest"),
    pytest.param("COERCE", "curfew", "The Egyptian government imposed a curfew in North Sinai.", id="curfew"),
    pytest.param("MOBILIZE", "weapons", "China massed warships near Taiwan on Thursday.", id="warships-are-weapons"),
    pytest.param("MOBILIZE", "troops", "Russia deployed 10,000 troops to the border with Finland.", id="troops"),
]

# (sentence, type, ACLED event_type, ACLED sub_event_type)
ACLED_CASES = [
    pytest.param("A suicide bomber killed 12 people at a market in Maiduguri.", "ASSAULT",
                 "Explosions/Remote violence", "Suicide bomb", id="suicide-bomb"),
    pytest.param("Israeli warplanes struck Hezbollah positions in southern Lebanon.", "ASSAULT",
                 "Explosions/Remote violence", "Air/drone strike", id="air-strike"),
    pytest.param("Kenyan police arrested 40 protesters in Nairobi on Tuesday.", "COERCE",
                 "Strategic developments", "Arrests", id="arrests"),
    pytest.param("Thousands of Palestinian protesters marched through Ramallah on Friday.", "PROTEST",
                 "Protests", "Peaceful protest", id="peaceful-protest"),
    pytest.param("Senegalese youths rioted in Dakar after the arrest of the opposition leader.", "PROTEST",
                 "Riots", "Violent demonstration", id="riot"),
]

# (sentence, type, CAMEO code)
CAMEO_CASES = [
    pytest.param("Russian forces shelled Kharkiv overnight.", "ASSAULT", "194", id="artillery"),
    pytest.param("Kenyan police arrested 40 protesters in Nairobi on Tuesday.", "COERCE", "173", id="arrest"),
    pytest.param("Russia and China held talks in Moscow on Tuesday.", "CONSULT", "04", id="consult-root"),
]


def extraction(text):
    return extract_valid(text, published=PUBLISHED)


def names(ex, actor_ids):
    """Lower-cased names and mention texts of the given actors, one list per actor."""
    wanted = set(actor_ids)
    return [[a.name.lower(), *(m.text.lower() for m in a.mentions)] for a in ex.actors if a.id in wanted]


def in_role(ex, event_type, role, country) -> bool:
    """Some event of the type has, among its actors or recipients (`role`), one of that country."""
    countries = {a.id: a.country for a in ex.actors}
    return any(countries.get(a) == country for e in events_of_type(ex, event_type) for a in getattr(e, role))


def involves(ex, actor_ids, expected):
    """The expected name is in an actor's name or mentions, or it names the actor's country
    ("France" for "the French ambassador", whose country is FRA)."""
    import pycountry

    if any(expected.lower() in text for texts in names(ex, actor_ids) for text in texts):
        return True
    try:
        iso3 = pycountry.countries.lookup(expected).alpha_3
    except LookupError:
        return False
    return any(a.country == iso3 for a in ex.actors if a.id in set(actor_ids))


def summary(ex):
    """What was coded, for assertion messages."""
    label = {a.id: a.name for a in ex.actors}
    return [(e.type, e.mode, [label.get(i, i) for i in e.actors], [label.get(i, i) for i in e.recipients],
             e.status) for e in ex.events]


def events_of_type(ex, event_type):
    return [e for e in ex.events if e.type == event_type]


@pytest.mark.parametrize("event_type,sentence,actor,recipient", TYPE_CASES)
def test_events_code_type_actor_and_recipient(event_type, sentence, actor, recipient):
    ex = extraction(sentence)
    hits = [e for e in events_of_type(ex, event_type)
            if involves(ex, e.actors, actor) and (recipient is None or involves(ex, e.recipients, recipient))]
    assert hits, summary(ex)


@pytest.mark.parametrize("event_type,sentence", NOT_TYPE_CASES)
def test_events_ignore_look_alikes(event_type, sentence):
    ex = extraction(sentence)
    assert not events_of_type(ex, event_type), summary(ex)


@pytest.mark.parametrize("status,sentence,event_type", STATUS_CASES)
def test_events_status(status, sentence, event_type):
    ex = extraction(sentence)
    candidates = events_of_type(ex, event_type) if event_type else list(ex.events)
    assert any(e.status == status for e in candidates), summary(ex)


def test_events_claim_names_claimant_and_unconfirmed_perpetrator():
    ex = extraction("Al-Shabaab claimed responsibility for the bombing in Mogadishu, "
                    "but Somali authorities have not confirmed the group's involvement.")
    (event,) = events_of_type(ex, "ASSAULT")
    assert event.status == "claimed"
    assert involves(ex, event.claimed_by, "shabab")
    assert event.perpetrator_confirmed is False


@pytest.mark.parametrize("sentence,killed,injured", MAGNITUDE_CASES)
def test_events_magnitude_killed_and_injured(sentence, killed, injured):
    ex = extraction(sentence)
    magnitudes = [e.magnitude for e in events_of_type(ex, "ASSAULT")]
    assert any((killed is None or m.killed == killed) and (injured is None or m.injured == injured)
               for m in magnitudes), magnitudes


def test_events_magnitude_size_of_protest():
    ex = extraction("Some 3,000 protesters marched through Santiago on Saturday.")
    sizes = [e.magnitude.size for e in events_of_type(ex, "PROTEST")]
    assert 3000 in sizes, summary(ex)


@pytest.mark.parametrize("event_type,mode,sentence", MODE_CASES)
def test_events_mode(event_type, mode, sentence):
    ex = extraction(sentence)
    assert mode in [e.mode for e in events_of_type(ex, event_type)], summary(ex)


@pytest.mark.parametrize("sentence,event_type,acled_type,acled_sub_type", ACLED_CASES)
def test_events_acled_view(sentence, event_type, acled_type, acled_sub_type):
    ex = extraction(sentence)
    views = [(e.acled.event_type, e.acled.sub_event_type) for e in events_of_type(ex, event_type) if e.acled]
    assert (acled_type, acled_sub_type) in views, views


def test_events_without_acled_sense_have_no_acled_view():
    ex = extraction("The European Union condemned Russia's attack on the Ukrainian energy grid.")
    assert all(e.acled is None for e in events_of_type(ex, "ACCUSE")), summary(ex)


@pytest.mark.parametrize("sentence,event_type,cameo", CAMEO_CASES)
def test_events_cameo_code(sentence, event_type, cameo):
    ex = extraction(sentence)
    assert cameo in [e.cameo for e in events_of_type(ex, event_type)], summary(ex)


def test_events_one_event_told_in_two_sentences_has_two_evidence_spans():
    text = "A bomb exploded in Mogadishu on Monday. The bombing killed 4."
    ex = extraction(text)
    (event,) = events_of_type(ex, "ASSAULT")
    assert len(event.evidence) == 2
    assert all(text[span.start:span.end] == span.text for span in event.evidence)
    assert event.magnitude.killed == 4


@pytest.mark.xfail(strict=True, reason="merge.merge keeps mentions apart only by country: splitting them by "
                   "first-level division or by 60 km (tried 2026-12-02) broke one event's mentions apart where a "
                   "sentence names another place (a follow-up's hospital, an escape's start and end): ECB+ dev "
                   "recall 0.575 -> 0.556 and a follow-up story of tests/dedup/dedup_dev.jsonl no longer merged; "
                   "needs the event's own place told apart from places named around it")
def test_events_two_bombings_in_two_towns_of_one_country_stay_two():
    """One article, two bombings the same day in Kirkuk and Mosul (300 km apart): two events,
    each with its own place and toll, not one told twice."""
    ex = extraction("A car bomb exploded in Kirkuk on Monday, killing four people, police said. Separately, "
                    "a roadside bomb exploded in Mosul, killing two soldiers.")
    places = {p.id: p.name for p in ex.places}
    assert sorted((places.get(e.place), e.magnitude.killed) for e in events_of_type(ex, "ASSAULT")) == [
        ("Kirkuk", 4), ("Mosul", 2)], summary(ex)


# Coding rules above the lexicon (PLOVER manual v0.8: return the single category, not a category
# plus an auxiliary mode). (sentence, type, actor, recipient or None, status or None)
RULE_CASES = [
    pytest.param("Ghana will send medical supplies to Togo next week.", "AGREE", "Ghana", "Togo", "planned",
                 id="intended-aid-is-agree"),
    pytest.param("Chile said it would allow the return of the Bolivian diplomats.", "AGREE", "Chile", None,
                 "planned", id="would-allow-is-agree"),
    pytest.param("Uruguay said on Monday that it will not accept the new trade rules.", "REJECT", "Uruguay", None,
                 "reported", id="refusal-is-reject"),
    pytest.param("Algerian farmers said they would blockade the capital next week.", "THREATEN", "Algeria", None,
                 "threatened", id="own-future-blockade-is-threat"),
    pytest.param("Brazil said that Paraguay must return the seized cargo.", "REQUEST", "Brazil", "Paraguay",
                 "reported", id="must-is-demand"),
]


@pytest.mark.parametrize("sentence,event_type,actor,recipient,status", RULE_CASES)
def test_events_rules_recode_intent_refusal_threat_and_demand(sentence, event_type, actor, recipient, status):
    ex = extraction(sentence)
    hits = [e for e in events_of_type(ex, event_type)
            if involves(ex, e.actors, actor) and (recipient is None or involves(ex, e.recipients, recipient))
            and (status is None or e.status == status)]
    assert hits, summary(ex)


def test_events_others_speculating_is_no_threat():
    ex = extraction("Analysts said Israel could strike Iranian nuclear sites.")
    assert not events_of_type(ex, "THREATEN"), summary(ex)
    assert [e.status for e in events_of_type(ex, "ASSAULT")] == ["hypothetical"], summary(ex)


def test_events_the_act_demanded_ranks_below_the_demand():
    ex = extraction("Opposition parties in Zimbabwe demanded that President Mnangagwa resign.")
    top = max(ex.events, key=lambda e: e.confidence)
    assert top.type == "REQUEST", summary(ex)


@pytest.mark.parametrize("sentence,event_type", [
    pytest.param("Mali said it would withdraw its ambassador unless Algeria apologised.", "THREATEN",
                 id="unless-is-threat"),
    pytest.param("The Guinean junta declared a state of emergency in Conakry on Friday.", "COERCE",
                 id="declared-act-is-no-threat"),
])
def test_events_conditions_make_threats_and_performed_acts_do_not(sentence, event_type):
    ex = extraction(sentence)
    top = max(ex.events, key=lambda e: e.confidence)
    assert top.type == event_type, summary(ex)


@pytest.mark.parametrize("sentence,event_type,actor", [
    pytest.param("The Ghanaian government lifted the curfew in Bawku on Monday.", "CONCEDE", "Ghana",
                 id="lifting-a-curfew-concedes"),
    pytest.param("The teachers' union in Kenya called off its nationwide strike on Friday.", "CONCEDE", None,
                 id="calling-off-a-strike-concedes"),
    pytest.param("Morocco cancelled a planned visit by the Spanish foreign minister.", "SANCTION", "Morocco",
                 id="cancelling-a-visit-sanctions"),
    pytest.param("Egypt lodged a formal protest with Ethiopia over the dam.", "ACCUSE", "Egypt",
                 id="lodged-protest-is-accuse"),
])
def test_events_halting_and_diplomatic_protest(sentence, event_type, actor):
    ex = extraction(sentence)
    top = max(ex.events, key=lambda e: e.confidence)
    assert top.type == event_type and (actor is None or involves(ex, top.actors, actor)), summary(ex)


@pytest.mark.parametrize("sentence,event_type,actor_country", [
    pytest.param("Washington demanded that Hamas release the hostages.", "REQUEST", "USA", id="capital-stands-for-state"),
    pytest.param("The Palestinians rejected the proposal on Sunday.", "REJECT", "PSE", id="plural-demonym-people"),
    pytest.param("Bosnian Serbs rejected the peace plan on Tuesday.", "REJECT", "BIH", id="demonym-group-read-as-name"),
])
def test_events_actors_named_by_capital_or_people(sentence, event_type, actor_country):
    ex = extraction(sentence)
    assert in_role(ex, event_type, "actors", actor_country), summary(ex)


# Lexicon coverage pass (event_triggers.tsv, rows after "coverage pass"): giving verbs with their
# objects, handing over, opening and closing borders, ties, amnesty and bail, hearings, withdrawing
# from deals and missions, cutting aid and utilities, expulsions, seizures of towns, ceasefire
# violations. Written for eventwire. (type, sentence, actor, recipient or None)
COVERAGE_CASES = [
    pytest.param("AID", "Britain provided Ukraine with long-range missiles last month.", "United Kingdom", "Ukraine",
                 id="cov-aid-provide-missiles"),
    pytest.param("AID", "Japan delivered medical equipment to hospitals in Sri Lanka.", "Japan", "Sri Lanka",
                 id="cov-aid-deliver-equipment"),
    pytest.param("AID", "Turkey sent rescue teams to Syria after the earthquake.", "Turkey", "Syria",
                 id="cov-aid-send-rescue-teams"),
    pytest.param("AID", "The IMF disbursed $700 million to Egypt on Friday.", "International Monetary Fund", "Egypt",
                 id="cov-aid-disburse"),
    pytest.param("AID", "Bangladesh contributed troops to the UN mission in South Sudan.", "Bangladesh", None,
                 id="cov-aid-contribute-troops"),
    pytest.param("AID", "Germany granted asylum to two Russian journalists.", "Germany", None,
                 id="cov-aid-grant-asylum"),
    pytest.param("AID", "Canada resettled 40,000 Afghan refugees last year.", "Canada", None,
                 id="cov-aid-resettle"),
    pytest.param("AID", "The United States shipped artillery shells to Israel in October.", "United States", "Israel",
                 id="cov-aid-ship-artillery"),
    pytest.param("AID", "Turkey hosts 3.6 million Syrian refugees.", "Turkey", None, id="cov-aid-host-refugees"),
    pytest.param("COOPERATE", "Iraq handed over 12 Islamic State suspects to Syria.", "Iraq", None,
                 id="cov-cooperate-hand-over-suspects"),
    pytest.param("COOPERATE", "Rwanda sold weapons to the Congolese army.", "Rwanda", "Congolese army",
                 id="cov-cooperate-sell-weapons"),
    pytest.param("RETREAT", "The Houthis handed over the bodies of two Saudi soldiers to Riyadh.", "Houthis", None,
                 id="cov-retreat-hand-over-bodies"),
    pytest.param("RETREAT", "Egypt opened the Rafah border crossing for aid convoys.", "Egypt", None,
                 id="cov-retreat-open-crossing"),
    pytest.param("RETREAT", "Azerbaijan allowed aid convoys into Nagorno-Karabakh.", "Azerbaijan", None,
                 id="cov-retreat-allow-convoys"),
    pytest.param("RETREAT", "Burkina Faso disbanded the volunteer militia.", "Burkina Faso", None,
                 id="cov-retreat-disband"),
    pytest.param("CONCEDE", "The Turkish government reopened the border with Armenia.", "Turkish government", "Armenia",
                 id="cov-concede-reopen-border"),
    pytest.param("CONCEDE", "Myanmar's junta granted amnesty to 5,000 prisoners.", "Myanmar", None,
                 id="cov-concede-grant-amnesty"),
    pytest.param("CONCEDE", "The Pakistani court granted bail to Imran Khan.", "Pakistani court", "Imran Khan",
                 id="cov-concede-grant-bail"),
    pytest.param("CONCEDE", "Ethiopia admitted responsibility for the airstrike on the market.", "Ethiopia", None,
                 id="cov-concede-admit-responsibility"),
    pytest.param("SUPPORT", "Israel and Morocco upgraded their diplomatic relations.", "Morocco", None,
                 id="cov-support-upgrade-relations"),
    pytest.param("SUPPORT", "Taiwan reopened its embassy in Somaliland.", "Taiwan", None,
                 id="cov-support-reopen-embassy"),
    pytest.param("AGREE", "Israel and Hamas struck a deal on the release of hostages.", "Hamas", None,
                 id="cov-agree-strike-deal"),
    pytest.param("CONSULT", "Egypt received the Israeli prime minister in Cairo.", "Israel", "Egypt",
                 id="cov-consult-receive-visitor"),
    pytest.param("CONSULT", "Qatar brokered talks between Israel and Hamas.", "Qatar", None,
                 id="cov-consult-broker"),
    pytest.param("ACCUSE", "The US Senate held a hearing on the Chinese balloon.", "Senate", None,
                 id="cov-accuse-hearing"),
    pytest.param("REJECT", "Arab League members boycotted the summit in Doha.", "Arab League", None,
                 id="cov-reject-boycott-summit"),
    pytest.param("SANCTION", "The UN reduced food rations for Rohingya refugees in Bangladesh.", "United Nations", None,
                 id="cov-sanction-reduce-rations"),
    pytest.param("SANCTION", "Germany slashed aid to Afghanistan after the Taliban takeover.", "Germany", "Afghanistan",
                 id="cov-sanction-slash-aid"),
    pytest.param("SANCTION", "The UN pulled its peacekeepers out of Mali.", "United Nations", "Mali",
                 id="cov-sanction-pull-out-peacekeepers"),
    pytest.param("SANCTION", "Russia withdrew from the Black Sea grain deal in July.", "Russia", None,
                 id="cov-sanction-withdraw-from-deal"),
    pytest.param("SANCTION", "Ghana evacuated its embassy staff from Sudan.", "Ghana", None,
                 id="cov-sanction-evacuate-staff"),
    pytest.param("SANCTION", "India banned exports of rice in July.", "India", None, id="cov-sanction-ban-exports"),
    pytest.param("MOBILIZE", "Russia moved tanks and troops to the Ukrainian border.", "Russia", None,
                 id="cov-mobilize-move-troops"),
    pytest.param("MOBILIZE", "Kenya stepped up security along the Somali border.", "Kenya", None,
                 id="cov-mobilize-step-up-security"),
    pytest.param("COERCE", "Hungary closed its border with Serbia on Monday.", "Hungary", "Serbia",
                 id="cov-coerce-close-border"),
    pytest.param("COERCE", "Venezuela closed its airspace to Colombian flights.", "Venezuela", None,
                 id="cov-coerce-close-airspace"),
    pytest.param("COERCE", "Russia cut off electricity to the Kherson region.", "Russia", None,
                 id="cov-coerce-cut-off-electricity"),
    pytest.param("COERCE", "China blocked social media sites in Xinjiang.", "China", None, id="cov-coerce-block-social"),
    pytest.param("COERCE", "Bangladesh expelled two Indian journalists on Monday.", "Bangladesh", None,
                 id="cov-coerce-expel-journalists"),
    pytest.param("COERCE", "The Wagner Group took over the town of Bakhmut.", "Wagner", None,
                 id="cov-coerce-take-over-town"),
    pytest.param("ASSAULT", "Russian forces violated the ceasefire in eastern Ukraine.", "Russia", None,
                 id="cov-assault-violate-ceasefire"),
    pytest.param("ASSAULT", "Iranian police abused detainees in Evin prison, Amnesty International said.", "Iran", None,
                 id="cov-assault-abuse-detainees"),
    pytest.param("ASSAULT", "Hamas used civilians as human shields, the Israeli army said.", "Hamas", None,
                 id="cov-assault-human-shields"),
    pytest.param("PROTEST", "Serbian protesters blocked traffic in Belgrade on Sunday.", "Serbia", None,
                 id="cov-protest-block-traffic"),
]

# (type, sentence): everyday uses of the same verbs that must not yield that type.
COVERAGE_LOOK_ALIKES = [
    pytest.param("AID", "The company provided an update on its quarterly earnings.", id="cov-not-provided-update"),
    pytest.param("CONCEDE", "The new bridge in Lagos will open to traffic next month.", id="cov-not-bridge-open"),
    pytest.param("AID", "Investors sent shares of the Nigerian bank higher on Monday.", id="cov-not-sent-shares"),
    pytest.param("CONSULT", "The museum in Cairo received more than a million visitors last year.",
                 id="cov-not-received-visitors"),
    pytest.param("MOBILIZE", "The farmers moved their cattle to higher ground before the floods.",
                 id="cov-not-moved-cattle"),
    pytest.param("AID", "The minister gave a speech on the economy in Nairobi.", id="cov-not-gave-speech"),
    pytest.param("AID", "The new app will allow users in Ghana to send money home.", id="cov-not-send-money"),
    pytest.param("COOPERATE", "The Kenyan airline plans to sell its older jets.", id="cov-not-sell-jets"),
    pytest.param("ASSAULT", "The striker broke the deadlock in the second half.", id="cov-not-broke-deadlock"),
    pytest.param("CONCEDE", "The author gave in to her editor and shortened the novel.", id="cov-not-gave-in"),
    pytest.param("ASSAULT", "The government abused its power, the opposition said.", id="cov-not-abused-power"),
]


@pytest.mark.parametrize("event_type,sentence,actor,recipient", COVERAGE_CASES)
def test_events_coverage_rows_code_type_and_actor(event_type, sentence, actor, recipient):
    ex = extraction(sentence)
    hits = [e for e in events_of_type(ex, event_type)
            if involves(ex, e.actors, actor) and (recipient is None or involves(ex, e.recipients, recipient))]
    assert hits, summary(ex)


@pytest.mark.parametrize("event_type,sentence", COVERAGE_LOOK_ALIKES)
def test_events_coverage_rows_ignore_look_alikes(event_type, sentence):
    ex = extraction(sentence)
    assert not events_of_type(ex, event_type), summary(ex)


@pytest.mark.parametrize("sentence,present,absent", [
    pytest.param("Rebels violated the ceasefire in Darfur on Sunday, the African Union said.", "ASSAULT", "RETREAT",
                 id="violated-ceasefire-is-no-ceasefire"),
    pytest.param("The United States lifted sanctions on Venezuela's oil sector.", "RETREAT", "SANCTION",
                 id="lifting-economic-sanctions-retreats"),
])
def test_events_objects_of_hostile_or_easing_acts(sentence, present, absent):
    ex = extraction(sentence)
    assert events_of_type(ex, present) and not events_of_type(ex, absent), summary(ex)


@pytest.mark.parametrize("sentence,event_type,role,country", [
    pytest.param("Iran threatened to shell Iraqi towns near the border.", "THREATEN", "recipients", "IRQ",
                 id="nationality-of-the-target"),
    pytest.param("Algerian landowners began a hunger strike outside parliament.", "PROTEST", "actors", "DZA",
                 id="nationality-of-the-actors"),
    pytest.param("Iran threatened to launch an offensive unless Iraq accepted its conditions.", "THREATEN",
                 "recipients", "IRQ", id="condition-put-to"),
])
def test_events_states_behind_nationalities_and_conditions(sentence, event_type, role, country):
    ex = extraction(sentence)
    assert in_role(ex, event_type, role, country), summary(ex)


@pytest.mark.parametrize("sentence,event_type", [
    pytest.param("Peru's interior minister declined to resign despite the protests.", "REJECT", id="declined-to-resign"),
    pytest.param("Serbia and Kosovo failed to reach an agreement in Brussels on Monday.", "REJECT",
                 id="failed-to-agree"),
    pytest.param("The African Union concluded that Sudan must allow aid into Darfur.", "REQUEST",
                 id="must-above-the-act"),
])
def test_events_refusals_and_demands_above_the_act(sentence, event_type):
    ex = extraction(sentence)
    top = max(ex.events, key=lambda e: e.confidence)
    assert top.type == event_type, summary(ex)


def test_events_a_hostile_act_on_a_condition_is_a_threat():
    ex = extraction("The European Union may suspend trade talks with Ecuador if the violence continues.")
    top = max(ex.events, key=lambda e: e.confidence)
    assert top.type == "THREATEN", summary(ex)


@pytest.mark.parametrize("sentence,absent", [
    pytest.param("The market staged another blue chip rally in the final hour of trading.", "PROTEST",
                 id="market-rally"),
    pytest.param("Firms may fire workers more easily under the new labour law.", "ASSAULT", id="fire-workers"),
    pytest.param("Shares in the shipbuilder plunged after the company warned that profits would halve.", "THREATEN",
                 id="profit-warning"),
    pytest.param("Senegal beat Ghana 2-1 in Dakar on Sunday to top their qualifying group.", "ASSAULT",
                 id="match-result"),
    pytest.param("The capital has been the worst hit by the flu, with forty cases reported.", "ASSAULT",
                 id="hit-by-the-flu"),
    pytest.param("Wildfires forced the evacuation of 3,000 people from villages in southern Greece.", "AID",
                 id="nature-as-doer"),
])
def test_events_business_news_look_alikes(sentence, absent):
    ex = extraction(sentence)
    assert not events_of_type(ex, absent), summary(ex)


def test_events_fired_weapons_stay_an_attack():
    ex = extraction("Israeli tanks fired four shells at targets in Jericho, witnesses said.")
    assert events_of_type(ex, "ASSAULT"), summary(ex)


def test_events_a_clause_on_an_issued_statement_acts_for_its_issuer():
    ex = extraction("The Kenyan government issued a statement demanding that Somalia release the detained aid workers.")
    assert any(involves(ex, e.actors, "Kenya") for e in events_of_type(ex, "REQUEST")), summary(ex)


def test_events_victims_named_by_the_restating_verb_are_recipients_and_headline_joins_body():
    ex = extraction("Airstrike kills militants near Kismayo\n\n"
                    "An airstrike killed 15 al-Shabaab fighters near Kismayo on Saturday, officials said.")
    (event,) = events_of_type(ex, "ASSAULT")
    assert involves(ex, event.recipients, "Shabaab") and event.magnitude.killed == 15, summary(ex)
    assert len(event.evidence) == 2
    assert all(a.mentions for a in ex.actors)


@pytest.mark.parametrize("sentence,event_type,recipient", [
    pytest.param("Ethiopia rejected an offer from Egypt for new talks on the dam.", "REJECT", "Egypt",
                 id="offer-from"),
    pytest.param("Kenyan teachers began a hunger strike on Monday to demand the resignation of President "
                 "William Ruto.", "PROTEST", "Ruto", id="purpose-clause"),
    pytest.param("Kenyan teachers began a strike on Monday to demand the resignation of President "
                 "William Ruto.", "PROTEST", "Ruto", id="labour-strike-by-its-strikers"),
])
def test_events_recipients_behind_offers_and_purposes(sentence, event_type, recipient):
    ex = extraction(sentence)
    assert any(involves(ex, e.recipients, recipient) for e in events_of_type(ex, event_type)), summary(ex)


@pytest.mark.parametrize("sentence,country", [
    pytest.param("Thousands of demonstrators marched in Nairobi on Tuesday against new taxes.", "KEN",
                 id="protesters-of-the-place"),
    pytest.param("Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.", "IRQ", id="thousands-of-nationals"),
])
def test_events_protesters_no_one_names_are_the_people_of_the_place(sentence, country):
    ex = extraction(sentence)
    assert in_role(ex, "PROTEST", "actors", country), summary(ex)


@pytest.mark.parametrize("sentence,absent", [
    pytest.param("India has targeted to produce 180 million tonnes of grain this year.", "ASSAULT", id="target-an-aim"),
    pytest.param("The threat to tourists has increased, the embassy said.", "THREATEN", id="threat-without-threatener"),
    pytest.param("The bank is issuing a bond with warrants.", "THREATEN", id="finance-warrants"),
    pytest.param("Workers at the meat plant voted to go on strike against the company.", "ASSAULT",
                 id="go-on-strike"),
])
def test_events_more_business_look_alikes(sentence, absent):
    ex = extraction(sentence)
    assert not events_of_type(ex, absent), summary(ex)


@pytest.mark.parametrize("sentence,event_type,role,country", [
    pytest.param("Norway gave Malawi a loan of 20 million dollars for new clinics.", "AID", "recipients", "MWI",
                 id="light-verb-dative"),
    pytest.param("Kenya rejected proposed Ugandan changes to the border treaty.", "REJECT", "recipients", "UGA",
                 id="nationality-of-the-object"),
    pytest.param("Chile mobilized its reservists for a possible war against Bolivia.", "MOBILIZE", "recipients",
                 "BOL", id="deep-in-the-object"),
    pytest.param("Turkish jets killed 12 Kurdish fighters in an attack on a camp near the border.", "ASSAULT",
                 "actors", "TUR", id="restating-verb-gives-the-doer"),
])
def test_events_roles_deep_in_the_phrase(sentence, event_type, role, country):
    ex = extraction(sentence)
    assert in_role(ex, event_type, role, country), summary(ex)


def test_events_a_place_inside_the_actor_phrase_is_not_the_recipient():
    ex = extraction("Kenya President William Ruto rejected a fresh offer for talks on Friday.")
    assert not in_role(ex, "REJECT", "recipients", "KEN"), summary(ex)


@pytest.mark.parametrize("sentence,event_type,role,country", [
    pytest.param("Jane Rivera, the Chilean minister, arrived in Lima. She said she will sign the agreement.",
                 "AGREE", "actors", "CHL", id="apposition-and-she"),
    pytest.param("UN Secretary-General Maria Gonzalez said she would withdraw the observers from Haiti.",
                 "THREATEN", "actors", "UNO", id="body-in-the-title"),
    pytest.param("Amadou Keita, Mali's best-known poet, began a hunger strike in prison on Sunday.", "PROTEST",
                 "actors", "MLI", id="possessive-apposition"),
    pytest.param("President Amina Diallo threatened to ban Malian opposition parties.", "THREATEN", "actors",
                 "MLI", id="office-holder-in-a-one-country-text"),
    pytest.param("Rebel groups in Mali rejected the peace plan on Tuesday.", "REJECT", "actors", "MLI",
                 id="people-named-by-where-they-are"),
    pytest.param("Nairobi's police chief banned all rallies on Friday.", "COERCE", "actors", "KEN",
                 id="capital-as-possessor"),
    pytest.param("Students throughout Chile staged demonstrations on Saturday.", "PROTEST", "recipients", "CHL",
                 id="domestic-protest-is-against-its-state"),
    pytest.param("Kenyan police fired tear gas to disperse demonstrators on Monday.", "COERCE", "recipients",
                 "KEN", id="domestic-crowd-of-the-police"),
])
def test_events_countries_of_people_by_description_and_place(sentence, event_type, role, country):
    ex = extraction(sentence)
    assert in_role(ex, event_type, role, country), summary(ex)


def test_events_banning_a_protest_is_coercion_not_a_concession():
    ex = extraction("Police banned all rallies in the capital on Friday.")
    assert events_of_type(ex, "COERCE") and not events_of_type(ex, "CONCEDE"), summary(ex)


def test_events_a_foreign_target_keeps_the_domestic_rule_off():
    ex = extraction("Kenyan police arrested twelve Ugandan traders near the border.")
    assert not in_role(ex, "COERCE", "recipients", "KEN"), summary(ex)


@pytest.mark.parametrize("sentence,event_type,role,country", [
    pytest.param("Rwanda says it is willing to withdraw its troops from Congo.", "AGREE", "recipients", "COD",
                 id="willing-to-withdraw"),
    pytest.param("Kenya threatened to close the border crossing if Somalia kept its embargo.", "THREATEN",
                 "recipients", "SOM", id="threat-content-on-condition"),
    pytest.param("Mali's president has refused to respond to a demand from the French government to hold "
                 "elections.", "REJECT", "recipients", "FRA", id="author-of-rejected-demand"),
    pytest.param("Kenyan police seized rifles and ammunition from Somali smugglers on Tuesday.", "COERCE",
                 "recipients", "SOM", id="taken-from"),
    pytest.param("A camp for Sudanese refugees was attacked by gunmen near the border.", "ASSAULT",
                 "recipients", "SDN", id="passive-subject-phrase"),
])
def test_events_recipients_from_content_and_phrases(sentence, event_type, role, country):
    ex = extraction(sentence)
    assert in_role(ex, event_type, role, country), summary(ex)


def test_events_an_attack_nobody_is_named_for_is_by_the_places_unidentified_armed_group():
    ex = extraction("A roadside bomb killed three soldiers near Kandahar on Sunday.")
    (event,) = events_of_type(ex, "ASSAULT")
    (actor,) = [a for a in ex.actors if a.id in event.actors]
    assert (actor.name, actor.kind, actor.country) == ("Unidentified armed group (Afghanistan)", "armed group", "AFG")
    assert actor.mentions and actor.mentions[0].text == "Kandahar"


def test_events_a_named_attacker_leaves_no_unidentified_group():
    ex = extraction("Taliban fighters attacked a police post near Kandahar on Sunday.")
    assert not [a for a in ex.actors if a.name.startswith("Unidentified")], summary(ex)


@pytest.mark.parametrize("sentence,expected", [
    pytest.param("The company is fighting hard to prevent a hostile takeover.", False, id="struggle-for-an-aim"),
    pytest.param("Unions are battling to keep the plant open.", False, id="battling-to-keep"),
    pytest.param("Government troops fought to regain control of the highway.", True, id="armed-fighters"),
    pytest.param("Rebels fought to capture the town on Sunday.", True, id="hostile-aim"),
    pytest.param("The two clans fought over grazing land near Baidoa.", True, id="opponent-or-place"),
])
def test_events_fighting_for_an_aim_is_no_attack(sentence, expected):
    ex = extraction(sentence)
    assert bool(events_of_type(ex, "ASSAULT")) == expected, summary(ex)


@pytest.mark.parametrize("sentence,giver,receiver", [
    pytest.param("Sudan received food aid from Egypt on Monday.", "EGY", "SDN", id="received-from"),
    pytest.param("Kenya secured a loan of 2 billion dollars from the World Bank.", "IGO", "KEN", id="secured-from"),
])
def test_events_the_receiver_of_aid_is_its_recipient(sentence, giver, receiver):
    ex = extraction(sentence)
    countries = {a.id: a.country for a in ex.actors}
    (event,) = events_of_type(ex, "AID")
    assert [countries[a] for a in event.actors] == [giver] and [countries[a] for a in event.recipients] == [receiver]


@pytest.mark.parametrize("sentence,name,country", [
    pytest.param("Soldiers stormed a rebel hideout in Nigeria's Kaduna state on Thursday.", "Nigeria", "NGA",
                 id="unnamed-soldiers-are-the-state"),
    pytest.param("Gunmen kidnapped three engineers in northern Mali on Sunday.", "Unidentified armed group (Mali)",
                 "MLI", id="unnamed-gunmen-are-unidentified"),
])
def test_events_unnamed_attackers_by_what_they_are(sentence, name, country):
    ex = extraction(sentence)
    names = {a.id: (a.name, a.country) for a in ex.actors}
    assert any(names[a] == (name, country) for e in events_of_type(ex, "ASSAULT") for a in e.actors), summary(ex)


def test_events_an_unnamed_airstrike_is_given_to_no_armed_group():
    ex = extraction("An airstrike killed 15 fighters near Kismayo on Saturday, officials said.")
    assert events_of_type(ex, "ASSAULT") and not [a for a in ex.actors if a.name.startswith("Unidentified")], \
        summary(ex)


def test_events_an_act_someone_urges_others_to_avoid_is_no_event():
    ex = extraction("The United Nations urged both sides to avoid violence ahead of the vote.")
    assert events_of_type(ex, "REQUEST") and not events_of_type(ex, "ASSAULT"), summary(ex)


def test_events_attackers_the_text_calls_something_else_get_no_armed_group():
    ex = extraction("Tourists invaded the beaches of the Algarve over the Easter weekend.")
    assert not [a for a in ex.actors if a.name.startswith("Unidentified")], summary(ex)


def test_events_a_measure_imposed_in_the_passive_is_by_its_agent():
    ex = extraction("A curfew was imposed on the capital on Sunday by Burundian authorities.")
    assert any(involves(ex, e.actors, "Burundian") for e in events_of_type(ex, "COERCE")), summary(ex)


def test_events_employees_are_people_who_can_be_kidnapped():
    import eventwire

    ex = eventwire.extract("Houthi forces kidnapped two former UN employees in Sanaa on Tuesday.",
                           published=PUBLISHED, options=eventwire.Options(classifier=False))
    assert [e.mode for e in events_of_type(ex, "ASSAULT")] == ["abduct"], summary(ex)


def test_events_people_named_by_nationality_can_be_abducted():
    ex = extraction("Gunmen abducted three Chinese road engineers near Gao on Sunday.")
    assert any(involves(ex, e.recipients, "China") for e in events_of_type(ex, "ASSAULT")), summary(ex)


@pytest.mark.parametrize("sentence,event_type,role,country", [
    pytest.param("Eritrea announced on Monday that its troops would pull out of the border town of Zalambessa.",
                 "AGREE", "actors", "ERI", id="its-troops"),
    pytest.param("The Thai army chief declared martial law across the country on Tuesday.", "COERCE",
                 "recipients", "THA", id="restriction-on-its-own-people"),
    pytest.param("Congolese police fired tear gas at opposition supporters in Kinshasa on Tuesday.", "ASSAULT",
                 "recipients", "COD", id="fired-at-unnamed-people"),
])
def test_events_possessive_pronouns_and_domestic_restrictions(sentence, event_type, role, country):
    ex = extraction(sentence)
    assert in_role(ex, event_type, role, country), summary(ex)


@pytest.mark.parametrize("sentence,event_type,role,country", [
    pytest.param("Greek forces were placed on high alert on Sunday.", "MOBILIZE", "actors", "GRC",
                 id="forces-placed-on-alert"),
    pytest.param("The withdrawal of Ugandan troops from the town of Beni began on Monday.", "RETREAT", "actors",
                 "UGA", id="withdrawal-of-troops"),
    pytest.param("India moved two army divisions to its border with Pakistan on Monday.", "MOBILIZE",
                 "recipients", "PAK", id="moved-divisions"),
])
def test_events_forces_that_move_are_the_actors(sentence, event_type, role, country):
    ex = extraction(sentence)
    assert in_role(ex, event_type, role, country), summary(ex)


def test_events_a_warning_to_someone_stays_a_threat():
    ex = extraction("Turkey warned Syria that it would strike Kurdish positions near the border.")
    assert events_of_type(ex, "THREATEN"), summary(ex)


def test_events_a_town_the_ner_took_for_an_organisation_is_read_as_its_place():
    ex = extraction("Japan demanded that the Democratic People's Republic of Korea (DPRK) abandon its missile tests.")
    assert in_role(ex, "REQUEST", "recipients", "PRK"), summary(ex)


def test_events_the_commonwealth_and_the_muslim_brotherhood_have_their_codes():
    ex = extraction("Zimbabwe rejected Commonwealth calls to postpone the vote. Egyptian police arrested "
                    "dozens of Muslim Brotherhood members on Tuesday.")
    countries = {a.name: a.country for a in ex.actors}
    assert countries.get("Commonwealth of Nations") == "IGO" and countries.get("Muslim Brotherhood") == "EGY"


@pytest.mark.parametrize("sentence,present,absent", [
    pytest.param("The union struck at three car factories on Thursday as contract talks broke down.", "PROTEST",
                 "ASSAULT", id="strike-at-a-workplace"),
    pytest.param("Teachers struck on Monday over pay.", "PROTEST", "ASSAULT", id="teachers-struck"),
    pytest.param("Israeli jets struck at guerrilla bases in southern Lebanon.", "ASSAULT", "PROTEST",
                 id="jets-struck-at-bases"),
])
def test_events_labour_strikes_and_air_strikes(sentence, present, absent):
    ex = extraction(sentence)
    assert events_of_type(ex, present) and not events_of_type(ex, absent), summary(ex)


def test_events_livestock_slaughter_is_no_massacre():
    ex = extraction("Traders are guessing today's hog slaughter at about 295,000 head.")
    assert not events_of_type(ex, "ASSAULT"), summary(ex)


@pytest.mark.parametrize("sentence", [
    pytest.param("Marlow Communications Inc said it agreed to buy two radio stations from Brandt Corp for 24 mln dlrs.",
                 id="firm-buys-from-firm"),
    pytest.param("Hiroda Motors agreed on Thursday to buy a 20 percent stake in a parts supplier.", id="stake"),
])
def test_events_deals_between_firms_are_no_political_events(sentence):
    ex = extraction(sentence)
    assert not ex.events, summary(ex)


def test_events_a_body_without_a_country_still_acts_when_no_business_is_named():
    ex = extraction("The Ceasefire Monitoring Committee demanded an end to the shelling on Monday.")
    assert events_of_type(ex, "REQUEST"), summary(ex)


def test_events_a_dateline_is_not_the_subject():
    """Our own article opens "KADUNA, Nigeria (Northern Ledger) - Gunmen abducted ...", which the
    parser reads with KADUNA as a second subject: the gunmen did it, not Nigeria."""
    from pathlib import Path

    text = (Path(__file__).parents[2] / "articles" / "nigeria-school.txt").read_text()
    ex = extraction(text)
    names = {a.id: a.name for a in ex.actors}
    attackers = {names[a] for e in events_of_type(ex, "ASSAULT") if e.mode == "abduct" for a in e.actors}
    # the gunmen, by ACLED's convention first, then as the text names them
    assert attackers == {"Unidentified armed group (Nigeria)", "gunmen"}, summary(ex)


@pytest.mark.parametrize("sentence,event_type,role,country", [
    pytest.param("African Union envoy Grace Mbeki undertook a mediation mission between Sudan and Chad.",
                 "CONSULT", "recipients", "TCD", id="mediation-between"),
    pytest.param("Heavy fighting between Armenian and Azerbaijani forces flared along the border on Monday.",
                 "ASSAULT", "actors", "AZE", id="fighting-between-both-sides"),
])
def test_events_parties_between(sentence, event_type, role, country):
    ex = extraction(sentence)
    assert in_role(ex, event_type, role, country), summary(ex)


def test_events_a_notice_with_nobody_on_either_side_is_no_event():
    ex = extraction("She said it was her first visit to the restaurant in years.")
    assert not events_of_type(ex, "CONSULT"), summary(ex)


def test_events_one_states_military_named_two_ways_is_one_party_of_one_event():
    ex = extraction("Kenyan army deploys 600 soldiers to flood-hit Garissa\n\n"
                    "The Kenya Defence Forces sent about 600 soldiers to Garissa on Tuesday, officials said.")
    (event,) = events_of_type(ex, "MOBILIZE")
    assert len(event.evidence) == 2, summary(ex)


def test_events_a_dateline_is_where_the_story_was_filed_not_where_it_happened():
    ex = extraction("Gunmen kill five traders\n\n"
                    "NAIROBI, March 3 (Wire) - Gunmen killed five traders near the border on Sunday, "
                    "officials said.")
    places = {p.id: p.name for p in ex.places}
    (event,) = events_of_type(ex, "ASSAULT")
    assert places.get(event.place) != "Nairobi" and not in_role(ex, "ASSAULT", "actors", "KEN"), summary(ex)


@pytest.mark.parametrize("text, place_state", [
    pytest.param("Burmese troops captured a Karen rebel stronghold on the Thai border on Monday.", "Thailand",
                 id="on-the-border"),
    pytest.param("Government forces shelled rebel positions along the Rwandan border overnight.", "Rwanda",
                 id="along-the-border"),
])
def test_coder_a_border_says_where_not_against_whom(text, place_state):
    ex = extract_valid(text, published=PUBLISHED)
    names = {a.id: a.name for a in ex.actors}
    assert ex.events
    assert all(place_state not in names.get(r, "") for e in ex.events for r in e.recipients)


def test_events_a_planned_act_on_a_day_without_year_is_the_next_such_day():
    # published on Tuesday 26 March: "April 29" and "Friday" are still to come for a planned visit
    ex = extract_valid("Prime Minister Kishida will make an official visit to Canberra from April 29 and hold talks "
                       "with Prime Minister Albanese. The foreign ministers will meet on Friday in Tokyo.",
                       published="2024-03-26")
    dates = [(e.status, e.date.start if e.date else None) for e in ex.events]
    assert ("planned", "2024-04-29") in dates and ("planned", "2024-03-29") in dates, dates


def test_events_a_planned_act_the_text_dates_nowhere_gets_no_date():
    # not the publication day: the talks have not happened by then
    ex = extract_valid("Ethiopia and Egypt will hold talks on the Nile dam, officials said.", published="2024-03-26")
    planned = [e for e in ex.events if e.status in ("planned", "announced")]
    assert planned and all(e.date is None for e in planned)


def test_events_a_second_verb_shares_the_first_ones_future():
    ex = extract_valid("Prime Minister Kishida will make an official visit to Canberra and hold talks with "
                       "Prime Minister Albanese.", published="2024-03-26")
    talks = [e for e in ex.events if e.type == "CONSULT"]
    assert talks and all(e.status == "planned" for e in talks)


def test_events_with_no_place_of_their_own_take_the_articles_place():
    ex = extract_valid("MOGADISHU, Somalia - Al-Shabaab fighters attacked an army base near Mogadishu on Monday. "
                       "The government condemned the attack and vowed to pursue the militants.",
                       published="2024-03-26")
    places = {p.id: p for p in ex.places}
    accuse = [e for e in ex.events if e.type in ("ACCUSE", "THREATEN")]
    assert accuse and all(e.place and places[e.place].country == "SO" for e in accuse)


def test_events_of_a_story_told_from_several_countries_take_no_articles_place():
    from eventwire.extract.events.coder import main_place
    from eventwire.records import Place, Span

    def place(name, country, n):
        return Place(id=name, name=name, geonameid=None, lat=None, lon=None, country=country, admin1=None,
                     precision="city", mentions=tuple(Span(name, i * 100, i * 100 + 5) for i in range(n)))

    assert main_place([place("Kyiv", "UA", 3), place("Moscow", "RU", 1)]).name == "Kyiv"
    assert main_place([place("Kyiv", "UA", 2), place("Moscow", "RU", 1), place("Sochi", "RU", 1)]) is None


@pytest.mark.parametrize("sentence,event_type,role,name,sector", [
    pytest.param("A 20-year-old man was shot while walking on Cadillac Drive in Ceres, California, on Sunday.",
                 "ASSAULT", "recipients", "20-year-old man", "CVL", id="passive-victim"),
    pytest.param("Two gunmen killed three villagers near Maiduguri, Nigeria, on Monday.",
                 "ASSAULT", "recipients", "three villagers", "CVL", id="active-victims"),
    pytest.param("Two gunmen killed three villagers near Maiduguri, Nigeria, on Monday.",
                 "ASSAULT", "actors", "two gunmen", None, id="active-attackers"),
    pytest.param("A man opened fire at his home in Wilmington, Delaware, on Monday, killing his wife.",
                 "ASSAULT", "actors", "man", "CVL", id="opened-fire"),
    pytest.param("A man opened fire at his home in Wilmington, Delaware, on Monday, killing his wife.",
                 "ASSAULT", "recipients", "wife", "CVL", id="killing-in-the-same-sentence"),
    pytest.param("Riot police arrested a teenage suspect in Aurora, Colorado, on Friday.",
                 "COERCE", "recipients", "teenage suspect", None, id="arrested-suspect"),
])
def test_events_people_named_without_a_name_are_on_their_side(sentence, event_type, role, name, sector):
    """Issue 12: crime and attack stories name their victims and attackers by what they are, not
    who: each such phrase is an actor of its event's side, in lower case, of kind group."""
    ex = extraction(sentence)
    actors = {a.id: a for a in ex.actors}
    found = [actors[i] for e in events_of_type(ex, event_type) for i in getattr(e, role)]
    described = [a for a in found if a.name == name]
    assert described, summary(ex)
    assert (described[0].kind, described[0].sector) == ("group", sector)


def test_events_people_named_without_a_name_come_after_the_conventions_actor():
    """ACLED's unidentified armed group stays the first actor (the export's actor 1); the
    gunmen follow it, and no one named is described twice."""
    ex = extraction("Two gunmen killed three villagers near Maiduguri, Nigeria, on Monday.")
    names = {a.id: a.name for a in ex.actors}
    (event,) = events_of_type(ex, "ASSAULT")
    assert [names[a] for a in event.actors] == ["Unidentified armed group (Nigeria)", "two gunmen"]


@pytest.mark.parametrize("sentence,event_type,role", [
    pytest.param("Taliban fighters attacked a police checkpoint in Helmand province on Sunday.", "ASSAULT",
                 "actors", id="named-fighters"),
    pytest.param("Nigerian soldiers killed 12 militants in Borno state on Tuesday.", "ASSAULT", "actors",
                 id="nationality"),
    pytest.param("Kenya will send 2,000 troops to Haiti next month, the government said.", "MOBILIZE",
                 "recipients", id="sent-not-received"),
])
def test_events_named_or_sent_people_are_not_described_again(sentence, event_type, role):
    ex = extraction(sentence)
    names = {a.id: a.name for a in ex.actors}
    events = events_of_type(ex, event_type)
    assert events, summary(ex)
    lower = [names[i] for e in events for i in getattr(e, role) if names[i] == names[i].lower()]
    assert lower == [], summary(ex)


@pytest.mark.parametrize("sentence,wanted,unwanted", [
    pytest.param("The Nigerian Labour Congress called a general strike on Monday.", "PROTEST",
                 {"CONCEDE", "CONSULT"}, id="calling-a-strike-starts-it"),
    pytest.param("The Nigerian Labour Congress called off a general strike on Monday.", "CONCEDE",
                 {"PROTEST", "CONSULT"}, id="calling-it-off-halts-it"),
    pytest.param("President Biden called Vladimir Putin on Tuesday.", "CONSULT", set(), id="calling-someone"),
])
def test_events_calling_a_strike_is_no_halt_and_no_phone_call(sentence, wanted, unwanted):
    """ "called off a strike" yields (CONCEDE), "called a strike" starts one (PROTEST): 'call'
    halts only with 'off', and calling an event announces it rather than phoning anyone."""
    ex = extraction(sentence)
    types = {e.type for e in ex.events}
    assert wanted in types and not types & unwanted, summary(ex)


@pytest.mark.parametrize("sentence,first", [
    pytest.param("Kenya's main opposition party, the ODM, rejected the election results on Tuesday.", "ODM",
                 id="party-in-apposition"),
    pytest.param("Syria's main Kurdish militia, the YPG, attacked Turkish positions near Afrin on Sunday.", "YPG",
                 id="militia-in-apposition"),
])
def test_events_a_body_named_in_apposition_comes_before_the_country_word(sentence, first):
    """ "Kenya's main opposition party, the ODM, rejected ...": the ODM rejected, not Kenya."""
    ex = extraction(sentence)
    names = {a.id: a.name for a in ex.actors}
    acting = [names[e.actors[0]] for e in ex.events if e.actors]
    assert first in acting, summary(ex)


@pytest.mark.parametrize("sentence, expected", [
    pytest.param("Leftists known to be sympathetic to the separatists were arrested in Madrid on Tuesday.", True,
                 id="people-were-arrested"),
    pytest.param("The slide in the currency was arrested in March.", False, id="a-slide-was-arrested"),
])
def test_events_an_arrest_in_the_passive_by_nobody_named(sentence, expected):
    """ "leftists were arrested": an arrest by authorities the text does not name is reported
    (ACLED codes it); "the slide was arrested" arrests nobody."""
    ex = extraction(sentence)
    assert bool(events_of_type(ex, "COERCE")) is expected, summary(ex)
