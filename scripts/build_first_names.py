"""Rebuilds citemetiers/core/personal_data/first_names.txt from gender-guesser's name dictionary.

    .tools/bin/uv pip install --python .venv/bin/python gender-guesser==0.4.0
    .venv/bin/python scripts/build_first_names.py

The dictionary (Jörg Michael's nam_dict.txt, GNU Free Documentation License) gives each first name
a frequency class per country (1 rare … 13 very common). Every name of class 2 or more in at least
one country is kept, one a line; names written with "+" (compounds) are left out, since the guard
splits hyphenated names itself. gender-guesser is not a dependency: the list is committed.
"""

from pathlib import Path

import gender_guesser

SOURCE = Path(gender_guesser.__file__).with_name("data") / "nam_dict.txt"
TARGET = Path(__file__).resolve().parents[1] / "citemetiers" / "core" / "personal_data" / "first_names.txt"
MIN_CLASS = 2


def main() -> None:
    best: dict[str, int] = {}
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=":
            continue
        name = line[3:29].strip()
        classes = [int(char, 16) for char in line[30:85] if char in "0123456789ABCDEF"]
        if "+" in name or " " in name or len(name) < 2 or not classes:
            continue
        best[name] = max(best.get(name, 0), max(classes))
    names = sorted(name for name, rank in best.items() if rank >= MIN_CLASS)
    TARGET.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} first names written to {TARGET}")


if __name__ == "__main__":
    main()
