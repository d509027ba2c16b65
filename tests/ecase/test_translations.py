"""Russian and Kazakh are complete: every catalog, every string in the code, the compiled files, the pages.

A fresh machine has no gettext, so nothing here calls it: the `.po` and `.mo` files are read with plain
Python, and the strings in the code are found the way `manage.py makemessages` finds them (gettext calls in
Python files; the translation tags of templates through Django's own `templatize`). A new string fails here
until someone runs `make messages`, translates it and commits the catalogs and the compiled files.
"""

from __future__ import annotations

import ast
import io
import os
import re
import struct
import tokenize
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

BASE_DIR = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What `make messages` leaves out (its --ignore options, plus what makemessages never reads).
IGNORED_DIRS = {".venv", "staticfiles", "media", "tests", "node_modules", "__pycache__", "test-artifacts"}
TEMPLATE_SUFFIXES = {".html", ".txt"}

# The keywords makemessages passes to xgettext (its own --keyword options plus xgettext's Python defaults):
# name -> positions of (context, singular, plural) among the call's arguments.
KEYWORDS: dict[str, tuple[int | None, int, int | None]] = {
    **dict.fromkeys(["_", "gettext", "gettext_lazy", "gettext_noop"], (None, 0, None)),
    **dict.fromkeys(["ngettext", "ngettext_lazy"], (None, 0, 1)),
    **dict.fromkeys(["pgettext", "pgettext_lazy"], (0, 1, None)),
    **dict.fromkeys(["npgettext", "npgettext_lazy"], (0, 1, 2)),
}
Key = tuple[str | None, str]  # (msgctxt, msgid)


# --- reading catalogs --------------------------------------------------------------------------------------------


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 only, unless plural
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def complete(self) -> bool:
        return "fuzzy" not in self.flags and bool(self.msgstr) and all(self.msgstr.values())


def _unquote(line: str) -> str:
    return ast.literal_eval(line)  # a PO string uses the escapes of a Python one


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete `#~` entries and the header left out)."""
    entries: list[Entry] = []
    entry, target = Entry(), None

    def flush() -> None:
        nonlocal entry, target
        if target is not None and entry.msgid:
            entries.append(entry)
        entry, target = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if target is not None and target[0] != "msgctxt":
                flush()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert target is not None, f"{path}: a string continues nothing: {raw}"
            kind, index = target
            text = _unquote(line)
            if kind == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, kind, (getattr(entry, kind) or "") + text)
        else:
            keyword, _, rest = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                flush()
            if keyword in ("msgctxt", "msgid", "msgid_plural"):
                setattr(entry, keyword, _unquote(rest))
                target = (keyword, 0)
            elif keyword == "msgstr" or match:
                index = int(match[1]) if match else 0
                entry.msgstr[index] = _unquote(rest)
                target = ("msgstr", index)
            else:
                raise AssertionError(f"{path}: cannot read the line {raw!r}")
    flush()
    return entries


def parse_mo(path: Path) -> dict[bytes, bytes]:
    """The messages of a compiled catalog, keyed as msgfmt stores them (context\\x04id, plural ids \\x00-joined)."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _revision, count, ids_at, strs_at = struct.unpack(order + "4I", data[4:20])
    messages = {}
    for i in range(count):
        id_len, id_off = struct.unpack(order + "2I", data[ids_at + 8 * i : ids_at + 8 * i + 8])
        str_len, str_off = struct.unpack(order + "2I", data[strs_at + 8 * i : strs_at + 8 * i + 8])
        messages[data[id_off : id_off + id_len]] = data[str_off : str_off + str_len]
    return messages


def _mo_key(entry: Entry) -> bytes:
    msgid = entry.msgid + ("\x00" + entry.msgid_plural if entry.msgid_plural is not None else "")
    return ((entry.msgctxt + "\x04") if entry.msgctxt is not None else "").encode() + msgid.encode()


# --- finding the catalogs and the strings of the code ------------------------------------------------------------


def _source_files() -> tuple[list[Path], list[Path]]:
    """(source files, locale dirs) under the project, walked as makemessages walks it."""
    files, locale_dirs = [], []
    for dirpath, dirnames, filenames in os.walk(BASE_DIR):
        for name in list(dirnames):
            if name.startswith(".") or name in IGNORED_DIRS:
                dirnames.remove(name)
            elif name == "locale":
                dirnames.remove(name)
                locale_dirs.append(Path(dirpath, name))
        files += [Path(dirpath, f) for f in filenames if Path(f).suffix in TEMPLATE_SUFFIXES | {".py"}]
    return sorted(files), sorted(locale_dirs)


CATALOG_DIRS = sorted({*_source_files()[1], *map(Path, settings.LOCALE_PATHS)})


def catalog_of(path: Path) -> Path:
    """The locale dir makemessages writes a file's strings to: its nearest enclosing one, else LOCALE_PATHS[0]."""
    owners = [d for d in CATALOG_DIRS if path.is_relative_to(d.parent)]
    return max(owners, key=lambda d: len(d.parts)) if owners else Path(settings.LOCALE_PATHS[0])


def _calls_in_python(source: str, filename: str) -> list[tuple[str, list[str | None]]]:
    """(keyword, arguments) of every gettext-like call; an argument that is not a string literal is None."""
    tree = ast.parse(source, filename)
    # xgettext does not look inside f-strings, so neither does makemessages.
    in_fstrings = {id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for n in ast.walk(f)}
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and id(node) not in in_fstrings:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in KEYWORDS:
                args = [
                    a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args
                ]
                calls.append((name, args))
    return calls


CALL_IN_TEMPLATE = re.compile(r"(?<![\w.])(" + "|".join(sorted(KEYWORDS, key=len, reverse=True)) + r")(?=\()")


def _calls_in_template(source: str, filename: str) -> list[tuple[str, list[str | None]]]:
    """The calls `templatize` turns the translation tags into (the rest of its output is filler)."""
    text = templatize(source, origin=filename)
    calls = []
    for match in CALL_IN_TEMPLATE.finditer(text):
        args: list[str | None] = []
        current: str | None = ""
        depth = 0
        for tok in tokenize.generate_tokens(io.StringIO(text[match.end() :]).readline):
            if tok.type == tokenize.OP and tok.string in "([{":
                depth += 1
                if depth == 1:
                    continue
            elif tok.type == tokenize.OP and tok.string in ")]}":
                depth -= 1
                if depth == 0:
                    args.append(current)
                    break
            if depth == 1 and tok.type == tokenize.OP and tok.string == ",":
                args.append(current)
                current = ""
            elif tok.type == tokenize.STRING and current is not None:
                current += ast.literal_eval(tok.string)
            elif tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                current = None
        calls.append((match[1], args))
    return calls


@cache
def strings_in_code() -> dict[Path, dict[Key, str]]:
    """Catalog dir -> {(msgctxt, msgid): a file that uses it}."""
    found: dict[Path, dict[Key, str]] = {}
    for path in _source_files()[0]:
        source = path.read_text(encoding="utf-8")
        rel = str(path.relative_to(BASE_DIR))
        extract = _calls_in_python if path.suffix == ".py" else _calls_in_template
        for name, args in extract(source, rel):
            ctx_at, id_at, _plural_at = KEYWORDS[name]
            msgid = args[id_at] if len(args) > id_at else None
            msgctxt = args[ctx_at] if ctx_at is not None and len(args) > ctx_at else None
            if msgid and (ctx_at is None or msgctxt is not None):
                found.setdefault(catalog_of(path), {}).setdefault((msgctxt, msgid), rel)
    return found


CATALOGS = [
    pytest.param(d / lang / "LC_MESSAGES" / "django.po", id=f"{d.relative_to(BASE_DIR)}-{lang}")
    for d in CATALOG_DIRS
    for lang in LANGUAGES
]


def _rel(path: Path) -> str:
    return str(path.relative_to(BASE_DIR))


# --- the catalogs ------------------------------------------------------------------------------------------------


def test_every_catalog_is_found():
    # The project catalog and one per app that keeps its own; a new app's locale/ joins by itself.
    names = {_rel(d) for d in CATALOG_DIRS}
    assert {"locale", "approvals/locale", "complaints/locale"} <= names, names
    assert LANGUAGES == ["ru", "kk"]


@pytest.mark.parametrize("po", CATALOGS)
def test_catalog_has_no_untranslated_or_fuzzy_entry(po: Path):
    assert po.is_file(), f"{_rel(po)} is missing: run `make messages`"
    entries = parse_po(po)
    assert entries, f"{_rel(po)} has no messages"
    missing = [e.msgid for e in entries if not e.complete]
    assert not missing, f"{_rel(po)}: {len(missing)} untranslated or fuzzy: {missing[:15]}"


FORMAT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdifrxXeEgGc%])")
BRACES = re.compile(r"\{(\w*)\}")


def _placeholders(text: str, brace: bool) -> tuple[set[str], int]:
    if brace:
        return set(BRACES.findall(text)), 0
    matches = [m for m in FORMAT.finditer(text) if m[2] != "%"]
    return {m[1] for m in matches if m[1]}, sum(1 for m in matches if not m[1])


@pytest.mark.parametrize("po", CATALOGS)
def test_translations_keep_the_placeholders(po: Path):
    """A lost or invented %(name)s / {name} breaks the formatting at run time (KeyError, TypeError) or the text."""
    wrong = []
    for e in parse_po(po):
        brace = "python-brace-format" in e.flags
        if not (brace or "python-format" in e.flags) or not e.complete:
            continue
        names, positional = _placeholders(e.msgid + " " + (e.msgid_plural or ""), brace)
        for msgstr in e.msgstr.values():
            got_names, got_positional = _placeholders(msgstr, brace)
            exact = e.msgid_plural is None  # a plural form may leave the number out ("one notice")
            if (got_names != names if exact else not got_names <= names) or got_positional != positional:
                wrong.append((e.msgid, msgstr))
    assert not wrong, f"{_rel(po)}: placeholders differ: {wrong}"


@pytest.mark.parametrize("po", CATALOGS)
def test_compiled_catalog_is_up_to_date(po: Path):
    """The committed .mo says exactly what the .po says (a fresh machine cannot compile it)."""
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{_rel(mo)} is missing: run `make messages` and commit it"
    expected = {
        _mo_key(e): "\x00".join(e.msgstr[i] for i in sorted(e.msgstr)).encode() for e in parse_po(po) if e.complete
    }
    compiled = parse_mo(mo)
    compiled.pop(b"", None)  # the header
    stale = sorted(k.decode() for k in expected.keys() ^ compiled.keys())
    stale += sorted(k.decode() for k in expected.keys() & compiled.keys() if expected[k] != compiled[k])
    assert not stale, f"{_rel(mo)} is stale: run `python manage.py compilemessages`; differs at {stale[:10]}"


def test_every_string_of_the_code_is_in_its_catalog():
    """makemessages' view of the code: each string must be translated in the catalog it belongs to."""
    found = strings_in_code()
    assert sum(map(len, found.values())) > 500  # the extraction works at all
    missing = []
    for catalog, strings in found.items():
        for lang in LANGUAGES:
            po = catalog / lang / "LC_MESSAGES" / "django.po"
            complete = {e.key for e in parse_po(po) if e.complete} if po.is_file() else set()
            missing += [
                f"{_rel(po)}: {msgid!r} ({where})"
                for (_c, msgid), where in strings.items()
                if (_c, msgid) not in complete
            ]
    assert not missing, "Run `make messages` and translate:\n" + "\n".join(missing[:30])


def test_extraction_finds_what_makemessages_found():
    """The check above is only as good as its extraction: it must find every message the catalogs hold."""
    found = strings_in_code()
    for catalog in CATALOG_DIRS:
        po = catalog / LANGUAGES[0] / "LC_MESSAGES" / "django.po"
        unseen = {e.key for e in parse_po(po)} - set(found.get(catalog, {}))
        assert not unseen, (
            f"{_rel(po)} holds strings the extraction did not find: {sorted(unseen)[:10]}. If the code no longer"
            " uses them, `make messages` retires them; otherwise the extraction here misses a kind of call."
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_translation_per_message_across_the_catalogs(lang: str):
    """Django merges the catalogs (the project's wins, then the apps in INSTALLED_APPS order), so a message
    with the same context and id shows one translation everywhere: a second, different one is dead, or a
    sign that the two places mean different things and need a context (pgettext) each."""
    seen: dict[Key, dict[str, str]] = {}
    for catalog in CATALOG_DIRS:
        po = catalog / lang / "LC_MESSAGES" / "django.po"
        for e in parse_po(po) if po.is_file() else []:
            seen.setdefault(e.key, {})[_rel(catalog)] = "\x00".join(e.msgstr[i] for i in sorted(e.msgstr))
    differing = {key: found for key, found in seen.items() if len(set(found.values())) > 1}
    assert not differing, f"{lang}: one message, several translations: {sorted(differing.items())[:10]}"


def test_words_that_mean_different_things_have_their_own_context():
    from complaints.choices import ComplaintStatus, NoticeEvent
    from complaints.forms import ExplanationRecordForm
    from ecase.forms import CaseRegisterForm
    from stats.indicators import get

    count = next(m.label for m in get("filter_exemptions").metrics if m.code == "count")
    labels = [
        ComplaintStatus.SUBMITTED.label,
        NoticeEvent.REGISTERED.label,
        count,
        ExplanationRecordForm.base_fields["summary"].label,
        CaseRegisterForm.base_fields["summary"].label,
    ]
    expected = {
        "en": ["Submitted", "Registered", "Number", "Summary", "Summary"],
        "ru": ["Подана", "Зарегистрирована", "Количество", "Краткое содержание", "Фабула"],
        "kk": ["Берілді", "Тіркелді", "Саны", "Қысқаша мазмұны", "Қысқаша мазмұны"],
    }
    for language, words in expected.items():
        with translation.override(language):
            assert [str(label) for label in labels] == words, language


def test_the_reader_sees_fuzzy_and_empty_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: ru\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "Case %(n)s"\nmsgstr "Дело %(n)s"\n\n'
        'msgid "Open"\nmsgstr ""\n\n'
        'msgctxt "verb"\nmsgid "File"\nmsgstr ""\n"Подать"\n\n'
        'msgid "%(c)s case"\nmsgid_plural "%(c)s cases"\nmsgstr[0] "%(c)s дело"\nmsgstr[1] ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    entries = {e.msgid: e for e in parse_po(po)}
    assert set(entries) == {"Case %(n)s", "Open", "File", "%(c)s case"}
    assert entries["Case %(n)s"].flags == {"fuzzy", "python-format"} and not entries["Case %(n)s"].complete
    assert not entries["Open"].complete and not entries["%(c)s case"].complete
    assert entries["File"].complete and entries["File"].key == ("verb", "File")
    assert entries["File"].msgstr == {0: "Подать"}
