"""Text helpers rewritten for speed keep their meaning.

The comparison key (jixiao.rules._text.key) is computed with a character-class regex (faster on CJK text than
str.translate); these tests pin it to the straightforward str.translate definition. R24's common-ending test
is one slice comparison; it is pinned to the character-by-character definition.
"""

from __future__ import annotations

import random

import pytest

from jixiao.rules import _text as T

_REFERENCE = str.maketrans("", "", T._PUNCT_CHARS)


def _reference_key(text: str | None) -> str:
    if not text:
        return ""
    text = text.strip()
    if text[-1:] in ("）", ")"):
        text = T._TRAILING_NOTE.sub("", text)
    return text.translate(_REFERENCE)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "医疗费报销准确率（%）",
        "服务对象满意度(%)",
        "严格统一执行慢性病标准, 探索慢性病网上申报评审,",
        "《某某办法》〔2020〕12号 — 经费…·/",
        "a-b\tc\r\nd\u3000e",
        "[1]【2】<3>",
    ],
)
def test_key_matches_translate_definition(text: str | None) -> None:
    assert T.key(text) == _reference_key(text)
    assert T.key_uncached(text) == _reference_key(text)


def test_key_matches_translate_definition_on_random_text() -> None:
    rng = random.Random(4)
    alphabet = T._PUNCT_CHARS + "率度比例指标值人次元万abc123\\^$.*+?{}|-]"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert T.key_uncached(text) == _reference_key(text), text


def test_key_of_letters_and_digits_only_is_the_text_itself() -> None:
    assert not any(ch.isalnum() for ch in T._PUNCT_CHARS)  # what key's fast path relies on
    rng = random.Random(14)
    alphabet = "率度比例指标值人次元万abcＡＢ123１２３²Ⅻ" + "（）() 、，%\u3000"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert T.key_uncached(text) == _reference_key(text), text


def test_goal_alignment_same_ending_is_a_common_suffix_of_four() -> None:
    from jixiao.rules.catalogue.header.r24_goal_indicator_alignment import _same_ending

    def common_suffix(a: str, b: str) -> int:
        n = 0
        while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
            n += 1
        return n

    rng = random.Random(24)
    for _ in range(3000):
        a = "".join(rng.choice("率度满意覆盖") for _ in range(rng.randint(0, 7)))
        b = "".join(rng.choice("率度满意覆盖") for _ in range(rng.randint(0, 7)))
        assert _same_ending(a, b) == (common_suffix(a, b) >= 4), (a, b)
