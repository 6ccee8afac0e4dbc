"""Relation rules (targets, broader, memberships) on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract


def _rels(ex, predicate):
    return {(r.subject.label, r.object.label, r.evidence.rule) for r in ex.relations if r.predicate == predicate}


def _pairs(ex, predicate):
    return {(r.subject.label, r.object.label) for r in ex.relations if r.predicate == predicate}


TARGETS = [
    # a launch ceremony before the clause, a determiner and a count before the group
    ("区总工会举行“金秋助学”活动启动仪式，为该区40名困难职工子女发放助学金。", "金秋助学", "困难职工", "targets.aim-word-before"),
    # a drive to enrol a group names the group it is for
    ("市总工会启动了企业农民工入会工作。", "农民工入会", "农民工", "targets.compound"),
    # a clause opening with 为 says whom the programme before it is for, and what it gives
    ("市总工会将实施“春风暖工计划”，为返乡农民工提供免费职业技能培训。", "春风暖工计划", "返乡农民工", "targets.aim-word-before"),
    ("市总工会将实施“春风暖工计划”，为返乡农民工提供免费职业技能培训。", "职业技能培训", "返乡农民工", "targets.aim-word"),
    ("省总工会年初启动“安薪计划”。这一计划主要面向建筑工人、货车司机等农民工。", "安薪计划", "建筑工人", "targets.anaphor"),
    ("省总工会年初启动“安薪计划”。这一计划主要面向建筑工人、货车司机等农民工。", "安薪计划", "农民工", "targets.anaphor"),
    ("日前，市总工会启动“暖心同行”专项行动。行动将重点面向环卫工人、货车司机等户外劳动者。", "暖心同行专项行动", "环卫工人",
     "targets.bare-anaphor"),
    ("日前，市总工会启动“暖心同行”专项行动。行动将重点面向环卫工人、货车司机等户外劳动者。", "暖心同行专项行动", "户外劳动者",
     "targets.bare-anaphor"),
    ("针对货车司机群体开展“司机之家”建设，为货车司机提供休息服务。", "司机之家", "货车司机", "targets.aim-word"),
    ("为符合条件的困难职工建档立卡。", "建档立卡", "困难职工", "targets.aim-word"),
    ("对于因病致困职工，要用好职工医疗互助保障。", "职工医疗互助", "因病致困职工", "targets.aim-word-next"),
    ("市总工会面向环卫工人、建筑工人等户外劳动者开展“夏送清凉”活动。", "夏送清凉", "户外劳动者", "targets.aim-word"),
    ("市总工会面向环卫工人、建筑工人等户外劳动者开展“夏送清凉”活动。", "夏送清凉", "环卫工人", "targets.aim-word"),
    ("各级工会开展“送清凉”活动，为高温下坚守岗位的一线职工送去防暑降温物品。", "夏送清凉", "一线职工", "targets.aim-word-before"),
    ("为帮助困难职工解决子女上学难题，重庆市总工会开展金秋助学活动。", "金秋助学", "困难职工", "targets.aim-word-next"),
    ("深圳市总工会举办农民工职业技能竞赛。", "农民工职业技能竞赛", "农民工", "targets.compound"),
    ("大力实施农民工“求学圆梦行动”。", "求学圆梦行动", "农民工", "targets.compound"),
    ("开展困难职工帮扶攻坚行动。", "困难职工帮扶攻坚行动", "困难职工", "targets.compound"),
    ("市总工会今年开展的“金秋助学”活动惠及困难职工子女2000余人。", "金秋助学", "困难职工", "targets.benefit"),
    ("开展“尊法守法”服务农民工活动。", "尊法守法", "农民工", "targets.benefit"),
    ("对于困难职工子女，要持续开展金秋助学活动。", "金秋助学", "困难职工", "targets.aim-word-next"),
    ("保障外卖骑手权益，一是要推进职业伤害保障试点，二是要开展集体协商。", "集体协商", "外卖骑手", "targets.rights-topic"),
    ("各级工会要把农民工作为服务重点，开展欠薪维权专项行动。", "欠薪维权专项行动", "农民工", "targets.focus-group"),
    ("县总工会启动“暖心同行”专项行动。行动服务对象主要为环卫工人和货车司机。", "暖心同行专项行动", "货车司机",
     "targets.object-list"),
]


@pytest.mark.parametrize("text, measure, group, rule", TARGETS)
def test_targets(make_article, lexicon, text, measure, group, rule):
    ex = extract(make_article(text), lexicon)
    assert (measure, group, rule) in _rels(ex, "targets")


def test_paragraph_topic_aims_the_paragraphs_measures(make_article, lexicon):
    text = ("要更加关心女职工群体。女职工是工会维权服务的重点，要推动签订女职工权益保护专项集体合同，"
            "开展“女职工安康”互助保障活动。\n"
            "要不断完善工会经费管理制度。")
    ex = extract(make_article(text), lexicon)
    pairs = _rels(ex, "targets")
    assert ("职工互助保障", "女职工", "targets.paragraph-topic") in pairs
    assert ("女职工安康", "女职工") in {(m, g) for m, g, _ in pairs}
    # a measure in the next paragraph is not aimed at the first paragraph's group
    assert not any(s.startswith("工会经费") for s, _, _ in pairs)


def test_groups_made_the_focus_are_aimed_at_by_the_sentences_measures(make_article, lexicon):
    text = "要把困难职工、农民工作为服务重点，完善常态化送温暖机制，健全困难职工帮扶长效机制。"
    ex = extract(make_article(text), lexicon)
    pairs = _pairs(ex, "targets")
    assert {("常态化送温暖机制", "困难职工"), ("常态化送温暖机制", "农民工")} <= pairs
    # a measure that names its own group is not also aimed at the other focus group
    assert ("困难职工帮扶长效机制", "困难职工") in pairs
    assert ("困难职工帮扶长效机制", "农民工") not in pairs


def test_no_targets_from_co_occurrence_alone(make_article, lexicon):
    ex = extract(make_article("农民工和快递员越来越多。工会开展劳动竞赛。"), lexicon)
    assert _pairs(ex, "targets") == set()


def test_union_staff_are_not_the_aim_of_their_own_measures(make_article, lexicon):
    ex = extract(make_article("健全完善工会干部基层联系点制度。"), lexicon)
    assert ("工会干部基层联系点制度", "工会干部") not in _pairs(ex, "targets")


BROADER = [
    ("加强快递员、送餐员、卡车司机等灵活就业群体和平台就业群体的入会工作。", "快递员", "灵活就业人员", "broader.enum-head"),
    ("加强快递员、送餐员、卡车司机等灵活就业群体和平台就业群体的入会工作。", "货车司机", "平台就业人员", "broader.enum-head"),
    ("以快递员、外卖送餐员为代表的新就业形态劳动者群体不断壮大。", "送餐员", "新就业形态劳动者", "broader.enum-head"),
    ("慰问商场信息员、物流配送员等为代表的新就业形态劳动者。", "物流配送员", "新就业形态劳动者", "broader.enum-head"),
    ("调研理货员、叉车工等物流从业人员的工作状况。", "叉车工", "物流从业人员", "broader.enum-head"),
    # one item no vocabulary lists (交通警察) does not break the enumeration
    ("为环卫工人、快递员、交通警察等户外劳动者提供服务。", "快递员", "户外劳动者", "broader.enum-head"),
    ("关心城镇困难职工，困难职工是帮扶重点。", "城镇困难职工", "困难职工", "broader.modifier-head"),
    ("农民工与职工同工同酬。", "农民工", "职工", "broader.vocab"),
    ("快递员是新就业形态劳动者的重要组成部分。", "快递员", "新就业形态劳动者", "broader.part-of"),
    ("新业态从业人员包括网约配送员、互联网营销师等群体。", "互联网营销师", "新业态劳动者", "broader.includes"),
]


@pytest.mark.parametrize("text, narrower, broader, rule", BROADER)
def test_broader(make_article, lexicon, text, narrower, broader, rule):
    ex = extract(make_article(text), lexicon)
    assert (narrower, broader, rule) in _rels(ex, "broader")


def _members(ex):
    return {(r.subject.label, r.object.label, r.role, r.evidence.rule) for r in ex.relations if r.predicate == "member"}


def test_author_note_with_elided_province(make_article, lexicon):
    art = make_article("# 聚焦主责主业\n魏国强\n工会要聚焦主责主业。", authors=("魏国强",),
                       note="(作者为江苏省人大常委会副主任、省总工会主席)")
    ex = extract(art, lexicon)
    assert _members(ex) == {
        ("魏国强", "江苏省人大常委会", "副主任", "member.author-note"),
        ("魏国强", "江苏省总工会", "主席", "member.author-note"),
    }
    for r in ex.relations:
        assert art.text[r.evidence.start:r.evidence.end] in ("江苏省人大常委会副主任", "省总工会主席")


def test_author_note_with_two_authors_and_one_post_list(make_article, lexicon):
    art = make_article("工会工作\n张明 李华\n正文。", authors=("张明", "李华"),
                       note="（作者系浙江省总工会党组书记、常务副主席）")
    ex = extract(art, lexicon)
    assert {(p, o, r) for p, o, r, _ in _members(ex)} == {
        ("张明", "浙江省总工会", "党组书记"), ("张明", "浙江省总工会", "常务副主席"),
        ("李华", "浙江省总工会", "党组书记"), ("李华", "浙江省总工会", "常务副主席"),
    }


@pytest.mark.parametrize("note, org, role", [
    ("（作者系中国劳动关系学院教授）", "中国劳动关系学院", "教授"),
    ("（作者是南京大学工会主席）", "南京大学工会", "主席"),
    ("作者：王某，江苏省总工会研究室主任", "江苏省总工会研究室", "主任"),
    ("（作者为中华全国总工会原副主席）", "中华全国总工会", "副主席"),
])
def test_author_note_phrasings(make_article, lexicon, note, org, role):
    ex = extract(make_article("标题\n张三\n正文。", authors=("张三",), note=note), lexicon)
    assert {(p, o, r) for p, o, r, _ in _members(ex)} == {("张三", org, role)}


def test_an_author_note_without_a_post_gives_no_membership(make_article, lexicon):
    ex = extract(make_article("标题\n张三\n正文。", authors=("张三",), note="（作者单位：四川省总工会）"), lexicon)
    assert _members(ex) == set()


def test_post_titles_in_running_text(make_article, lexicon):
    ex = extract(make_article("全国总工会党组书记、副主席、书记处第一书记徐留平在会上强调，要推进入会工作。"), lexicon)
    assert {(p, o, r) for p, o, r, _ in _members(ex)} == {
        ("徐留平", "中华全国总工会", "党组书记"), ("徐留平", "中华全国总工会", "副主席"),
        ("徐留平", "中华全国总工会", "书记处第一书记"),
    }


def test_elected_to_a_post(make_article, lexicon):
    ex = extract(make_article("会议选举王强当选湖南省总工会主席。"), lexicon)
    assert ("王强", "湖南省总工会", "主席", "member.name-elected") in _members(ex)


def test_authors_come_from_the_byline_only(make_article, lexicon):
    art = make_article("标题\n郭晶 显刚\n习近平总书记强调，工会要坚持以职工为中心。", authors=("郭晶", "显刚"))
    ex = extract(art, lexicon)
    assert [m.entity.label for m in ex.authors] == ["郭晶", "显刚"]
    assert all(m.evidence.rule == "person.byline" for m in ex.authors)
    assert [art.text[m.evidence.start:m.evidence.end] for m in ex.authors] == ["郭晶", "显刚"]


def test_an_anaphor_needs_an_earlier_programme_with_its_head_noun(make_article, lexicon):
    # 该机制 cannot refer back to a 行动, and nothing before 该活动 is an 活动
    text = "市总工会开展“金秋助学行动”。该机制面向困难职工。该活动面向农民工。"
    ex = extract(make_article(text), lexicon)
    assert not {r for r in ex.relations if r.evidence.rule == "targets.anaphor"}


def test_a_bare_head_noun_refers_only_to_a_programme_named_just_before(make_article, lexicon):
    # three sentences lie between the 行动 and the bare 行动: too far to refer back
    text = "市总工会启动“暖心同行”专项行动。全市有十万名户外劳动者。各区已经开会。会议要求落实责任。行动重点面向环卫工人。"
    ex = extract(make_article(text), lexicon)
    assert not {r for r in ex.relations if r.evidence.rule == "targets.bare-anaphor"}
