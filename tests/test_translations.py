"""The bokmål and nynorsk catalogues are complete, and the compiled files match them."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


ESCAPES = {"n": "\n", "t": "\t"}


def _text(lines: list[str]) -> str:
    """A PO string without its escapes (backslash n, t, quote, backslash)."""
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), "".join(lines))


def po_entries(language: str) -> list[dict]:
    """Every entry except the header: its flags, msgid, msgstr (singular entries) and raw block."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text("utf-8")
    entries = []
    for block in text.split("\n\n"):
        parts: dict[str, list[str]] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                parts[key] = [match.group(2)]
            elif line.startswith('"') and key:
                parts[key].append(line[1:-1])
        msgid = _text(parts.get("msgid", []))
        if msgid:
            entries.append(
                {
                    "flags": " ".join(line for line in block.splitlines() if line.startswith("#,")),
                    "msgid": msgid,
                    "context": _text(parts["msgctxt"]) if "msgctxt" in parts else None,
                    "plural": "msgid_plural" in parts,
                    "msgstrs": [_text(v) for k, v in parts.items() if k.startswith("msgstr")],
                }
            )
    return entries


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = po_entries(language)
    assert len(entries) > 500
    assert not [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not [e["msgid"] for e in entries if not all(e["msgstrs"])]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_compiled_catalogue_matches_the_source(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    def compiled_text(entry: dict) -> str:
        if entry["context"] is None:
            return compiled.gettext(entry["msgid"])
        return compiled.pgettext(entry["context"], entry["msgid"])

    stale = [e["msgid"] for e in po_entries(language) if not e["plural"] and compiled_text(e) != e["msgstrs"][0]]
    assert not stale, f"run `make messages` to compile: {stale[:5]}"
