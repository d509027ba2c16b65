"""Names of the demo organisations in English, Russian and Kazakh, after the offices' official names
(e.g. "Прокуратура Медеуского района города Алматы" / "Алматы қаласы Медеу ауданының прокуратурасы").

``organisation_names(code)`` gives the three names of any organisation code of the demo tree (ecase.seed.data
documents the codes); the seed writes them, and migration ecase 0023 fills them on databases seeded before.
"""

from __future__ import annotations

from dataclasses import dataclass

from .data import ANTI_CORRUPTION, ECONOMIC, POLICE, REGIONS, district_office_name, police_name


@dataclass(frozen=True)
class RegionNames:
    ru_of: str  # "города Алматы", "Карагандинской области"
    ru_by: str  # "по городу Алматы"
    kk: str  # "Алматы қаласы", "Қарағанды облысы" (takes the genitive "-ның")
    ru_city_of: str  # the city its districts belong to: "города Караганды"
    kk_city: str  # "Қарағанды қаласы"


REGION_NAMES: dict[str, RegionNames] = {
    "ala": RegionNames("города Алматы", "по городу Алматы", "Алматы қаласы", "города Алматы", "Алматы қаласы"),
    "ast": RegionNames("города Астаны", "по городу Астане", "Астана қаласы", "города Астаны", "Астана қаласы"),
    "kar": RegionNames(
        "Карагандинской области",
        "по Карагандинской области",
        "Қарағанды облысы",
        "города Караганды",
        "Қарағанды қаласы",
    ),
    "shy": RegionNames("города Шымкента", "по городу Шымкенту", "Шымкент қаласы", "города Шымкента", "Шымкент қаласы"),
}

# District office code -> (Russian genitive, Kazakh nominative ending in "-ы"; a city district is a city).
DISTRICT_NAMES: dict[str, tuple[str, str]] = {
    "ala-almaly": ("Алмалинского района", "Алмалы ауданы"),
    "ala-bostandyk": ("Бостандыкского района", "Бостандық ауданы"),
    "ala-medeu": ("Медеуского района", "Медеу ауданы"),
    "ala-auezov": ("Ауэзовского района", "Әуезов ауданы"),
    "ast-yesil": ("района Есиль", "Есіл ауданы"),
    "ast-saryarka": ("района Сарыарка", "Сарыарқа ауданы"),
    "ast-almaty-d": ("района Алматы", "Алматы ауданы"),
    "kar-kazybek-bi": ("района имени Казыбек би", "Қазыбек би ауданы"),
    "kar-oktyabrsky": ("Октябрьского района", "Октябрь ауданы"),
    "kar-temirtau": ("города Темиртау", "Теміртау қаласы"),
    "shy-al-farabi": ("Аль-Фарабийского района", "Әл-Фараби ауданы"),
    "shy-abay": ("Абайского района", "Абай ауданы"),
    "shy-yenbekshi": ("Енбекшинского района", "Еңбекші ауданы"),
}

GENERAL_OFFICE = {
    "en": "General Prosecutor's Office of the Republic of Kazakhstan",
    "ru": "Генеральная прокуратура Республики Казахстан",
    "kk": "Қазақстан Республикасының Бас прокуратурасы",
}


def _district(region_code: str, office_code: str) -> tuple[str, str]:
    """The district's place in Russian and Kazakh: "Медеуского района города Алматы", "Алматы қаласы Медеу ауданы"."""
    ru, kk = DISTRICT_NAMES[office_code]
    names = REGION_NAMES[region_code]
    if ru.startswith("города "):
        return ru, kk
    return f"{ru} {names.ru_city_of}", f"{names.kk_city} {kk}"


def organisation_names(code: str) -> dict[str, str] | None:
    """``{"en": ..., "ru": ..., "kk": ...}`` for an organisation code of the demo tree, None for another code."""
    if code == "gp":
        return dict(GENERAL_OFFICE)
    region = next((r for r in REGIONS if code == r.code or code.startswith(f"{r.code}-")), None)
    if region is None:
        return None
    names = REGION_NAMES[region.code]
    rest = code.removeprefix(region.code).removeprefix("-")
    regional = {
        "": (region.name, f"Прокуратура {names.ru_of}", f"{names.kk}ның прокуратурасы"),
        ANTI_CORRUPTION: (
            f"Anti-Corruption Service Department for {region.city}",
            f"Департамент Агентства по противодействию коррупции {names.ru_by}",
            f"Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің {names.kk} бойынша департаменті",
        ),
        ECONOMIC: (
            f"Economic Investigation Department for {region.city}",
            f"Департамент экономических расследований {names.ru_by}",
            f"{names.kk} бойынша экономикалық тергеп-тексеру департаменті",
        ),
        "court": (
            f"Specialised Investigating Court of {region.city}",
            f"Специализированный следственный суд {names.ru_of}",
            f"{names.kk}ның мамандандырылған тергеу соты",
        ),
    }
    if rest in regional:
        en, ru, kk = regional[rest]
        return {"en": en, "ru": ru, "kk": kk}
    for suffix, district in region.districts:
        office = f"{region.code}-{suffix}"
        ru_place, kk_place = _district(region.code, office)
        if code == office:
            return {
                "en": district_office_name(region, district),
                "ru": f"Прокуратура {ru_place}",
                "kk": f"{kk_place}ның прокуратурасы",
            }
        if code == f"{office}-{POLICE}":
            return {
                "en": police_name(region, district),
                "ru": f"Управление полиции {ru_place}",
                "kk": f"{kk_place}ның полиция басқармасы",
            }
    return None
