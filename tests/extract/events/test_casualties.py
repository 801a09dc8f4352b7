"""Casualty counts of events through the whole pipeline: ordinary news phrasing -> killed, injured.

Sentences written for eventwire (not taken from any evaluation set). The article's toll is the
largest of its events' (one attack told by several event words, each with its part of the toll);
None: no event gives a number, as for a vague toll ("dozens were killed").
"""
import pytest

from ...conftest import extract_valid

PUBLISHED = "2024-03-14"


def tolls(text):
    """(killed, injured) of the text: the largest over its events, None where none gives one."""
    events = extract_valid(text, published=PUBLISHED).events
    killed = [e.magnitude.killed for e in events if e.magnitude.killed is not None]
    injured = [e.magnitude.injured for e in events if e.magnitude.injured is not None]
    return max(killed, default=None), max(injured, default=None)


def case(text, killed, injured=None, id=None, **marks):
    return pytest.param(text, killed, injured, id=id, **marks)


NUMBER_WORDS = [
    case("Gunmen killed twenty-five people in a village in Zamfara on Sunday.", 25, id="twenty-five"),
    case("Two hundred and fifty people were killed when militants attacked the town of Baga.", 250,
         id="two-hundred-and-fifty"),
    case("A dozen soldiers were killed in an ambush near the border on Friday.", 12, id="a-dozen"),
    case("Two dozen civilians were killed when a missile struck the market.", 24, id="two-dozen"),
    case("The bombing killed one person and injured nine others in Kabul.", 1, 9, id="one-person"),
    case("Rebels killed forty-two villagers in an attack on Tuesday.", 42, id="forty-two"),
    case("A suicide bomber killed thirty-one worshippers at a mosque in Peshawar.", 31, id="thirty-one"),
    case("Militants killed 1,200 people in the offensive, the army said.", 1200, id="thousands-comma"),
    case("An airstrike killed a hundred people in the camp.", 100, id="a-hundred"),
    case("Twenty-one people were killed when gunmen attacked a bus.", 21, id="capitalised-compound"),
]

LISTS = [
    case("24 civilians, 24 fighters and 25 militiamen were killed in the clashes.", 73, id="three-part-list"),
    case("The attack killed three soldiers and two police officers.", 5, id="two-part-list"),
    case("A gunman killed his wife and two children before fleeing.", 3, id="singular-and-plural"),
    case("Militants killed four soldiers and a civilian near Gao.", 5, id="number-and-a-noun"),
]

NOT_TOLLS = [
    case("A 22-year-old gunman killed three students at a college in Oregon.", 3, id="age-of-gunman"),
    case("A 35-year-old woman was shot dead in Chicago on Monday.", 1, id="age-of-victim"),
    case("Michael Brown, 18, was shot dead by a police officer in Ferguson.", 1, id="age-apposition"),
    case("Soldiers of the 42nd Brigade killed six militants near Bama.", 6, id="unit-number"),
    case("A sniper with a 7.62mm rifle killed two soldiers on the front line.", 2, id="calibre"),
    case("Gunmen killed four people on March 12 in a village near Jos.", 4, id="date"),
    case("At 10:30 p.m. gunmen killed two guards outside the bank.", 2, id="clock-time"),
    case("A car bomb killed five people 30 kilometres south of Baghdad.", 5, id="distance"),
    case("In 2014, militants killed 150 students at a school in Peshawar.", 150, id="year"),
    case("A 17-year-old boy was shot and killed on Saturday night.", 1, id="age-shot-and-killed"),
]

DEATH_PHRASES = [
    case("Two men were shot dead outside a bar in Belfast.", 2, id="shot-dead"),
    case("A man was shot to death by two gunmen in Juarez.", 1, id="shot-to-death-by-two"),
    case("Gunmen gunned down three traders at a market in Maiduguri.", 3, id="gunned-down"),
    case("Police said the driver was fatally shot by a gunman at a traffic light.", 1, id="fatally-shot"),
    case("Militants attacked a checkpoint in Kirkuk on Monday, leaving 7 dead.", 7, id="leaving-n-dead"),
    case("Gunmen attacked the convoy on Monday, causing three fatalities.", 3, id="n-fatalities"),
    case("The attack on the convoy caused three fatalities, officials said.", 3, id="n-fatalities-no-event"),
    case("Gunmen attacked a wedding in Zamfara. The death toll rose to 18 on Tuesday.", 18, id="death-toll-rose"),
    case("Gunmen stormed a village in Plateau State. Eleven bodies were found after the attack.", 11,
         id="bodies-found"),
    case("Gunmen attacked a farm in Benue on Friday. The farmer was later found dead.", 1, id="found-dead"),
    case("Gunmen attacked the village overnight. Police said 6 people died.", 6, id="n-people-died"),
    case("Bandits raided the village overnight. Police said 6 people died.", 6, id="died-after-a-raid",
         marks=pytest.mark.xfail(strict=True, reason="the rules read 'raided' as COERCE and drop it (nobody "
                                 "acts: 'bandits' is no agent word); the model's ASSAULT has no word of its "
                                 "own type to stand on, and 'village' makes a reference to no event")),
    case("Gunmen shot a man on Monday night. He died in hospital on Tuesday.", 1, id="died-later"),
    case("Gunmen attacked a market in Kano on Monday, killing 5. The death toll rose to 12 on Tuesday.", 12,
         id="toll-updated"),
    case("Jose Ruiz, 21, died on Monday after being shot in a park.", 1, id="died-after-being-shot"),
    case("3 dead, 12 injured in Chicago shooting", 3, 12, id="headline-n-dead-n-injured"),
    case("Gunmen opened fire at a bar in Chicago on Sunday. Two people are dead.", 2, id="n-people-are-dead"),
    case("One of the victims died at the scene after gunmen opened fire on the crowd.", 1, id="one-of-the-victims"),
    case("A woman was found shot and killed inside her home.", 1, id="found-shot-and-killed"),
]

VAGUE = [
    case("Dozens were killed when fighter jets bombed the market.", None, id="dozens"),
    case("Hundreds of civilians have been killed in the shelling of the city, the UN said.", None, id="hundreds"),
    case("Several soldiers were wounded when a mine exploded under their truck.", None, None, id="several"),
    case("Gunmen killed dozens of villagers and wounded 12 in Katsina.", None, 12, id="dozens-and-a-number"),
    case("Scores were killed when rebels shelled the town.", None, id="scores"),
]

ATTACKERS = [
    case("A suicide bomber killed six people and himself at a checkpoint.", 6, id="bomber-and-himself"),
    case("Police shot dead two gunmen after they killed three shoppers at a mall.", 3, id="gunmen-shot-after"),
    case("A gunman killed four people at a nightclub before killing himself.", 4, id="before-killing-himself"),
    case("Three attackers were killed by soldiers after they killed five civilians.", 5, id="attackers-killed-after"),
]

KILLED_AND_INJURED = [
    case("Gunmen attacked the village, killing 3 and wounding 12.", 3, 12, id="killing-and-wounding"),
    case("The blast killed five people and injured 30 others in Quetta.", 5, 30, id="killed-and-injured"),
    case("Two soldiers were killed and four were wounded in the ambush.", 2, 4, id="passive-pair"),
    case("A bomb exploded at a bus station in Jos, killing four people. Twenty others were injured.", 4, 20,
         id="across-sentences"),
    case("Militants killed one soldier and injured two in an attack on a base.", 1, 2, id="one-and-two"),
]

# Shot or stabbed and not said to have died: wounded.
WOUNDED = [
    case("A 25-year-old man was shot in the back on Sunday.", None, 1, id="shot-in-the-back"),
    case("Two men were shot and one of them died at the hospital.", 1, 1, id="two-shot-one-died"),
    case("A man was shot and killed outside his home.", 1, None, id="shot-and-killed-not-injured"),
    case("A woman was stabbed outside a shop in Leeds.", None, 1, id="stabbed"),
    case("Russian forces shot down a drone over Kursk.", None, None, id="shot-down-a-drone"),
    case("The officer was shot at but not hit.", None, None, id="shot-at"),
    case("Police said shooting suspect Ali Musa surrendered to officers in Kano on Friday.", None, None,
         id="shooting-suspect-is-a-name"),
    case("A mother shot and killed her daughter on Sunday. Police said she shot her daughter by mistake.",
         1, None, id="shooting-told-again"),
    case("Gunmen killed a guard at the bank on Monday. Police shot one of the gunmen in the leg.", 1, 1,
         id="another-one-wounded",
         marks=pytest.mark.xfail(strict=True, reason="the two shootings merge into one event, whose one "
                                 "shot is then taken for its one dead")),
]

NOT_DONE = [
    case("Gunmen attacked a bus near Kaduna but no one was killed.", None, id="no-one-killed"),
    case("The bomb nearly killed the governor of the province.", None, id="nearly-killed"),
    case("The rebels threatened to kill the hostages.", None, id="threatened-to-kill"),
    case("Gunmen attacked a police station in Kano; no officers were injured.", None, None, id="no-officers-injured"),
]


@pytest.mark.parametrize("text,killed,injured", NUMBER_WORDS + LISTS + NOT_TOLLS + DEATH_PHRASES + VAGUE
                         + ATTACKERS + KILLED_AND_INJURED + WOUNDED + NOT_DONE)
def test_casualties_killed_and_injured(text, killed, injured):
    assert tolls(text) == (killed, injured)
