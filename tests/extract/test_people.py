"""Person and membership rules on running text the tagger finds hard."""

from kg.extract import extract


def test_a_name_the_tagger_splits_after_its_surname_is_still_found(make_article, lexicon):
    # jieba tags 刘/zg 红梅/nr; 当选 closes the name and a post follows it
    art = make_article("会上,广东省总工会副主席刘红梅当选省总工会女职工委员会主任。")
    ex = extract(art, lexicon)
    people = {m.entity.label for m in ex.mentions if m.entity.cls == "Person"}
    assert people == {"刘红梅"}
    posts = {(r.subject.label, r.object.label, r.role) for r in ex.relations if r.predicate == "member"}
    assert ("刘红梅", "广东省总工会", "副主席") in posts


def test_ordinary_words_after_a_post_are_not_names(make_article, lexicon):
    art = make_article("会议要求各级工会主席认真履行职责。")
    ex = extract(art, lexicon)
    assert not [m for m in ex.mentions if m.entity.cls == "Person"]


def _people(make_article, lexicon, text):
    ex = extract(make_article(text), lexicon)
    return {m.entity.label for m in ex.mentions if m.entity.cls == "Person"}


def test_a_worker_named_after_his_trade_is_found_when_the_tagger_splits_his_surname(make_article, lexicon):
    # jieba: 毕/v 晓峰/nr; 在 closes the name
    assert _people(make_article, lexicon, "电工毕晓峰在车间里说,培训很有用。") == {"毕晓峰"}


def test_a_worker_named_after_his_trade_may_be_followed_by_a_time_word(make_article, lexicon):
    assert _people(make_article, lexicon, "建筑工地上,钢筋工王建新今年52岁。") == {"王建新"}
    assert _people(make_article, lexicon, "下课后,架子工刘小兵一边收拾工具一边说。") == {"刘小兵"}


def test_a_rare_surname_after_a_post_is_a_name(make_article, lexicon):
    assert _people(make_article, lexicon, "区总工会主席阚建平告诉记者,今年将新建驿站。") == {"阚建平"}


def test_words_after_a_group_that_start_with_a_surname_character_are_not_names(make_article, lexicon):
    # 连/卫/安 are surnames; 连续工作, 卫生室 and 安置工作 are not people
    text = "单位的职工连续工作1年以上的,享受年休假。用人单位应当建立女职工卫生室。做好富余职工安置工作。"
    assert _people(make_article, lexicon, text) == set()
