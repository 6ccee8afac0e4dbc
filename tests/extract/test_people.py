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
