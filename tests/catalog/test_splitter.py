"""Chinese text is split into character bigrams, so two-character words are found."""

from portal.catalog.splitter import query_text, terms


def test_bigrams_for_cjk_and_words_for_latin():
    assert terms("中原区第一中学") == ["中原", "原区", "区第", "第一", "一中", "中学"]
    assert terms("ZZ-01 学") == ["zz", "01", "学"]
    assert terms("") == []


def test_query_requires_every_term():
    assert query_text("第一中学") == "第一 AND 一中 AND 中学"
    assert query_text("!!") == ""
