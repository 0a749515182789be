"""The transcription's repairs as the program file records them (``duzeltmeler``), so
the site can say on each page what was read otherwise than printed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_WORD = re.compile(r"[^\s|<>\"“”‘’(),;:]+")


def word_repairs(lines: Iterable[tuple[int, str]], repair: Callable[[str], str]) -> list[tuple[int, str, str]]:
    """Every printed word that ``repair`` changes: (source line, printed, repaired)."""
    found = []
    for number, text in lines:
        for word in _WORD.findall(text):
            fixed = repair(word)
            if fixed != word:
                found.append((number, word.strip(".-"), fixed.strip(".-")))
    return found


def entries(found: Iterable[tuple[int, str, str]], reason: str, part: Callable[[int], str]) -> list[dict]:
    """One entry per repair and part of the document (``part`` of a source line: "Sunuş", "PH 3.1"),
    with every line it was made on, in the order first met."""
    lines: dict[tuple[str, str, str], list[int]] = {}
    for number, printed, repaired in found:
        numbers = lines.setdefault((printed, repaired, part(number)), [])
        if number not in numbers:
            numbers.append(number)
    return [
        {"basilan": printed, "aktarilan": repaired, "bolum": where, "neden": reason, "kaynakta": "satır " + ", ".join(map(str, numbers))}
        for (printed, repaired, where), numbers in lines.items()
    ]


def part_of(starts: Iterable[tuple[int, str]], before: str) -> Callable[[int], str]:
    """The part of the document a source line is in, from where each part starts."""
    ordered = sorted(starts)

    def part(number: int) -> str:
        found = [name for start, name in ordered if start <= number]
        return found[-1] if found else before

    return part
