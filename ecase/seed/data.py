"""Static material for the demo world: the organisation tree, offences of the Criminal Code, names, places.

Organisation codes (the keys of ``SeedContext.orgs``):

    gp                                General Prosecutor's Office
    ala | ast | kar | shy             regional offices (Almaty city, Astana city, Karaganda region, Shymkent city)
    <region>-<district>               district offices, e.g. ala-medeu, ala-bostandyk, ast-yesil, kar-kazybek-bi
    <region>-<district>-pd            police department (investigation body) under each district office
    <region>-acs                      anti-corruption service department (investigation body) under the regional office
    <region>-eid                      economic investigation department (investigation body) under the regional office
    <region>-court                    specialised investigating court of the region
"""

from __future__ import annotations

from dataclasses import dataclass

from ecase.choices import CaseCategory, Severity

PASSWORD = "demo-pass-2026"  # noqa: S105 - documented demo password, never used outside the demo data


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    city: str  # how the region is named in body names ("Almaty city", "Karaganda region")
    districts: tuple[tuple[str, str], ...]  # (code suffix, district name)
    places: tuple[str, ...]


REGIONS: tuple[Region, ...] = (
    Region(
        "ala",
        "Prosecutor's Office of Almaty city",
        "Almaty city",
        (("almaly", "Almaly"), ("bostandyk", "Bostandyk"), ("medeu", "Medeu"), ("auezov", "Auezov")),
        (
            "the Green Bazaar",
            "Abylai Khan Avenue",
            "the Sairan bus station",
            "the Mega Alma-Ata shopping centre",
            "Dostyk Avenue",
            "Tole Bi Street",
            "the Almaty-2 railway station",
            "Al-Farabi Avenue",
            "a residential complex on Rozybakiev Street",
        ),
    ),
    Region(
        "ast",
        "Prosecutor's Office of Astana city",
        "Astana city",
        (("yesil", "Yesil"), ("saryarka", "Saryarka"), ("almaty-d", "Almaty")),
        (
            "the Khan Shatyr shopping centre",
            "Kenesary Street",
            "the Nurly Zhol railway station",
            "the Mega Silk Way shopping centre",
            "Respublika Avenue",
            "Kabanbay Batyr Avenue",
        ),
    ),
    Region(
        "kar",
        "Prosecutor's Office of Karaganda region",
        "Karaganda region",
        (("kazybek-bi", "Kazybek bi"), ("oktyabrsky", "Oktyabrsky"), ("temirtau", "Temirtau city")),
        (
            "Bukhar-Zhyrau Avenue",
            "the Central Market of Karaganda",
            "the City Mall shopping centre",
            "Respubliki Avenue in Temirtau",
            "the Maikuduk microdistrict",
        ),
    ),
    Region(
        "shy",
        "Prosecutor's Office of Shymkent city",
        "Shymkent city",
        (("al-farabi", "Al-Farabi"), ("abay", "Abay"), ("yenbekshi", "Yenbekshi")),
        (
            "the Samal bazaar",
            "Tauke Khan Avenue",
            "the Shymkent Plaza shopping centre",
            "Baidibek Bi Avenue",
            "the Kazygurt microdistrict",
        ),
    ),
)


def district_office_name(region: Region, district: str) -> str:
    if district.endswith("city"):
        return f"Prosecutor's Office of {district}"
    return f"Prosecutor's Office of {district} district of {region.city.removesuffix(' city').removesuffix(' region')}"


def police_name(region: Region, district: str) -> str:
    if district.endswith("city"):
        return f"Police Department of {district}"
    return f"Police Department of {district} district of {region.city.removesuffix(' city').removesuffix(' region')}"


# Which kind of investigation body handles an offence.
POLICE, ANTI_CORRUPTION, ECONOMIC = "pd", "acs", "eid"


@dataclass(frozen=True)
class Offence:
    qualification: str
    category: str
    severity: str
    body: str
    summaries: tuple[str, ...]  # templates: {place}, {amount}, {item}, {car}, {grams}


OFFENCES: tuple[Offence, ...] = (
    Offence(
        "188 p.1",
        CaseCategory.PROPERTY,
        Severity.MINOR,
        POLICE,
        (
            "Theft of a mobile phone ({item}) from the victim's bag near {place}; damage {amount} tenge.",
            "Theft of a bicycle left at the entrance of a shop on {place}; damage {amount} tenge.",
        ),
    ),
    Offence(
        "188 p.2",
        CaseCategory.PROPERTY,
        Severity.MEDIUM,
        POLICE,
        (
            "Burglary of an apartment near {place}: the door lock was broken, jewellery and cash taken; "
            "damage {amount} tenge.",
            "Pickpocketing by a group of two in a city bus on the route to {place}; damage {amount} tenge.",
        ),
    ),
    Offence(
        "190 p.2",
        CaseCategory.PROPERTY,
        Severity.MEDIUM,
        POLICE,
        (
            "Online fraud: an advance of {amount} tenge paid for a car advertised on a classifieds site, "
            "never delivered.",
            "Telephone fraud: a caller posing as a bank employee obtained card details and withdrew {amount} tenge.",
        ),
    ),
    Offence(
        "191 p.2",
        CaseCategory.PROPERTY,
        Severity.GRAVE,
        POLICE,
        ("Open theft (robbery) of a handbag with violence near {place}; damage {amount} tenge.",),
    ),
    Offence(
        "200 p.1",
        CaseCategory.PROPERTY,
        Severity.MEDIUM,
        POLICE,
        ("Unlawful taking of a {car} from a courtyard near {place} without intent to steal it.",),
    ),
    Offence(
        "106 p.1",
        CaseCategory.PERSON,
        Severity.GRAVE,
        POLICE,
        (
            "Grievous bodily harm inflicted in a fight outside a cafe near {place}; the victim is in hospital.",
            "A domestic conflict near {place} ended in a knife wound; grievous bodily harm to the victim.",
        ),
    ),
    Offence(
        "107 p.1",
        CaseCategory.PERSON,
        Severity.MINOR,
        POLICE,
        ("Moderate bodily harm in a conflict between neighbours near {place}.",),
    ),
    Offence(
        "293 p.1",
        CaseCategory.PUBLIC_ORDER,
        Severity.MEDIUM,
        POLICE,
        (
            "Hooliganism: a group damaged parked cars and threatened passers-by near {place}.",
            "Hooliganism in a night club near {place}: a fight and damage to the premises.",
        ),
    ),
    Offence(
        "296 p.1",
        CaseCategory.DRUGS,
        Severity.MINOR,
        POLICE,
        ("{grams} g of marijuana found during a personal search near {place}; possession without intent to sell.",),
    ),
    Offence(
        "297 p.2",
        CaseCategory.DRUGS,
        Severity.GRAVE,
        POLICE,
        ("Sale of synthetic drugs through hidden caches ('zakladki') near {place}; {grams} g seized.",),
    ),
    Offence(
        "345 p.2",
        CaseCategory.TRAFFIC,
        Severity.MEDIUM,
        POLICE,
        (
            "Road accident on {place}: a {car} hit a pedestrian at a crossing; grievous harm to the pedestrian.",
            "Collision of a {car} and a minibus on {place}; the passenger suffered grievous harm.",
        ),
    ),
    Offence(
        "385 p.3",
        CaseCategory.OTHER,
        Severity.MINOR,
        POLICE,
        ("Use of a forged medical certificate presented to an employer near {place}.",),
    ),
    Offence(
        "366 p.2",
        CaseCategory.CORRUPTION,
        Severity.GRAVE,
        ANTI_CORRUPTION,
        (
            "Bribe-taking: an akimat official received {amount} tenge for issuing a land plot permit.",
            "Bribe-taking: a road police inspector received {amount} tenge not to record a violation.",
        ),
    ),
    Offence(
        "367 p.1",
        CaseCategory.CORRUPTION,
        Severity.MEDIUM,
        ANTI_CORRUPTION,
        ("Bribe-giving: {amount} tenge offered to a state revenue officer to stop a tax audit.",),
    ),
    Offence(
        "189 p.3",
        CaseCategory.CORRUPTION,
        Severity.GRAVE,
        ANTI_CORRUPTION,
        ("Embezzlement of budget funds of {amount} tenge by the director of a state school using his position.",),
    ),
    Offence(
        "189 p.2",
        CaseCategory.ECONOMIC,
        Severity.MEDIUM,
        ECONOMIC,
        ("Embezzlement of {amount} tenge entrusted to an accountant of a private company.",),
    ),
    Offence(
        "217 p.1",
        CaseCategory.ECONOMIC,
        Severity.GRAVE,
        ECONOMIC,
        ("A financial pyramid promising 30% a month attracted {amount} tenge from depositors.",),
    ),
    Offence(
        "245 p.1",
        CaseCategory.ECONOMIC,
        Severity.MEDIUM,
        ECONOMIC,
        ("Tax evasion by a construction company: corporate income tax of {amount} tenge not paid.",),
    ),
)

ITEMS = ("Samsung Galaxy A54", "iPhone 13", "Xiaomi Redmi Note 12", "iPhone 15 Pro", "Huawei nova 11")
CARS = ("Toyota Camry", "Hyundai Accent", "Lada Granta", "Chevrolet Cobalt", "Kia Rio", "Lexus RX")

MALE_FIRST = ("Arman", "Daniyar", "Yerlan", "Askar", "Nurlan", "Timur", "Serik", "Alexei", "Dmitry", "Marat", "Ruslan")
FEMALE_FIRST = ("Aigerim", "Gulnara", "Saule", "Aliya", "Dana", "Madina", "Elena", "Zhanna", "Asel", "Olga")
SURNAMES = (
    "Abenov",
    "Sarsenov",
    "Zhakupov",
    "Mukhametzhanov",
    "Ismailov",
    "Omarov",
    "Akhmetov",
    "Kassymov",
    "Nurpeisov",
    "Baimukhanov",
    "Tulegenov",
    "Ivanov",
    "Petrov",
    "Kim",
    "Seitkali",
    "Dzhaksybekov",
)


def full_name(surname: str, first: str, *, male: bool) -> str:
    if not male and surname.endswith(("ov", "ev", "in")):
        surname += "a"
    return f"{surname} {first}"
