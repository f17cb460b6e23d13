"""Folding text for search: the fast table gives exactly what the definition gives."""

import random

from tracker.core.text import fold, fold_slowly


def test_folding_from_the_table_equals_the_definition_on_any_text():
    assert fold("  Cải cách  HÀNH chính, Đắk Lắk ") == "cai cach hanh chinh, dak lak"
    rng = random.Random(5)
    # Latin, Greek, Cyrillic…, combining marks, and musical symbols whose marks are not "Mn".
    alphabet = [chr(c) for c in range(0x3000)] + [chr(c) for c in range(0x1D100, 0x1D250)] + list("đĐăâêôơưƯ")
    samples = ["İstanbul", "ΣΑΣ σας", "e\u0301\u0323", "\U0001d165x\U0001d16e\u0301", "𝆹𝅥𝅮"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(50_000)]
    assert [fold(s) for s in samples] == [fold_slowly(s) for s in samples]
