"""Russian and Kazakh names of the seeded reference rows, and the seed that writes them.

The grounds are seeded in English by migrations 0002 and 0016; ``fill_names`` gives every row its English
column from the original one and the Russian and Kazakh names below (organisations of the demo tree from
ecase.seed.names). Run by migration 0023 and after every migrate or flush (ecase.reference_data); it only
fills empty columns, so an administrator's edit is never overwritten.
"""

from __future__ import annotations

from typing import Any

# code -> (Russian, Kazakh). The English titles are in the migrations that seed the rows.
TERMINATION_GROUNDS: dict[str, tuple[str, str]] = {
    "35-1-1": ("Отсутствие события уголовного правонарушения", "Қылмыстық құқық бұзушылық оқиғасының болмауы"),
    "35-1-2": (
        "Отсутствие в деянии состава уголовного правонарушения",
        "Әрекетте қылмыстық құқық бұзушылық құрамының болмауы",
    ),
    "35-1-3": ("Амнистия", "Рақымшылық"),
    "35-1-4": ("Истечение сроков давности", "Ескіру мерзімінің өтуі"),
    "35-1-5": (
        "Отсутствие жалобы потерпевшего / отказ частного обвинителя от обвинения",
        "Жәбірленуші шағымының болмауы / жеке айыптаушының айыптаудан бас тартуы",
    ),
    "35-1-6": (
        "Закон, устраняющий ответственность, или признание нормы неконституционной",
        "Жауаптылықты жоятын заң немесе норманың Конституцияға сәйкес емес деп танылуы",
    ),
    "35-1-7": (
        "Вступивший в силу приговор или неотменённое постановление по тому же обвинению",
        "Сол айыптау бойынша заңды күшіне енген үкім немесе күші жойылмаған қаулы",
    ),
    "35-1-8": (
        "Неотменённое постановление органа уголовного преследования по тому же подозрению",
        "Сол күдік бойынша қылмыстық қудалау органының күші жойылмаған қаулысы",
    ),
    "35-1-9": ("Невменяемость лица", "Адамның есі дұрыс еместігі"),
    "35-1-10": (
        "Отказ в согласии на привлечение к ответственности лица, обладающего иммунитетом",
        "Иммунитеті бар адамды жауаптылыққа тартуға келісім берілмеуі",
    ),
    "35-1-11": ("Смерть подозреваемого", "Күдіктінің қайтыс болуы"),
    "35-1-12": ("Иные основания, указанные в статье", "Бапта көрсетілген өзге де негіздер"),
    "36-reconciliation": (
        "Освобождение от ответственности: примирение с потерпевшим",
        "Жауаптылықтан босату: жәбірленушімен татуласу",
    ),
    "36-repentance": (
        "Освобождение от ответственности: деятельное раскаяние",
        "Жауаптылықтан босату: шын өкіну",
    ),
}

SUSPENSION_GROUNDS: dict[str, tuple[str, str]] = {
    "45-7-1": (
        "Не установлено лицо, подлежащее привлечению в качестве подозреваемого",
        "Күдікті ретінде тартылуға тиіс адам анықталмаған",
    ),
    "45-7-2": (
        "Подозреваемый скрылся от следствия либо место его нахождения не установлено",
        "Күдікті тергеуден жасырынды не оның жүрген жері анықталмаған",
    ),
    "45-7-3": (
        "Место нахождения подозреваемого известно, но он не может участвовать в деле",
        "Күдіктінің жүрген жері белгілі, бірақ ол іске қатыса алмайды",
    ),
    "45-7-4": (
        "Тяжёлое заболевание или психическое расстройство подозреваемого, подтверждённое врачом",
        "Күдіктінің дәрігер растаған ауыр науқасы немесе психикалық бұзылуы",
    ),
    "45-7-5": (
        "Не получен ответ на запрос о правовой помощи, направленный в иностранное государство",
        "Шет мемлекетке жіберілген құқықтық көмек туралы сұрауға жауап алынбаған",
    ),
    "45-7-6": (
        "Непреодолимая сила препятствует производству процессуальных действий",
        "Еңсерілмейтін күш процестік әрекеттерді жүргізуге кедергі келтіреді",
    ),
}


def fill_columns(row: Any, field: str, names: dict[str, str]) -> bool:
    """Write ``<field>_<lang>`` for the languages whose column is empty; True when something changed."""
    changed = False
    for lang, value in names.items():
        column = f"{field}_{lang}"
        if value and not getattr(row, column):
            setattr(row, column, value)
            changed = True
    return changed


def fill_names(apps: Any, schema_editor: Any) -> None:
    # The original column is read from __dict__: with the live models (after a flush) the attribute itself
    # would give the active language's column.
    from ecase.seed.names import organisation_names

    for model, table in (("TerminationGround", TERMINATION_GROUNDS), ("SuspensionGround", SUSPENSION_GROUNDS)):
        for row in apps.get_model("ecase", model).objects.all():
            ru, kk = table.get(row.code, ("", ""))
            if fill_columns(row, "title", {"en": row.__dict__["title"], "ru": ru, "kk": kk}):
                row.save(update_fields=["title_en", "title_ru", "title_kk"])
    for org in apps.get_model("ecase", "Organisation").objects.all():
        names = {**(organisation_names(org.code) or {}), "en": org.__dict__["name"]}
        if fill_columns(org, "name", names):
            org.save(update_fields=["name_en", "name_ru", "name_kk"])
