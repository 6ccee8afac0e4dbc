"""Entity rules on sentences written for these tests (not from the development corpus)."""

from __future__ import annotations

import pytest

from kg.extract import extract


def _entities(ex):
    return {(e.ref.cls, e.ref.label) for e in ex.entities}


def _rules(ex, label):
    return {m.evidence.rule for m in ex.mentions if m.entity.label == label}


# (text, class, label, rule that must have found it)
FOUND = [
    ("四川省总工会启动“职工技能提升行动”，培训产业工人10万人次。", "Organization", "四川省总工会", "org.place-union"),
    ("四川省总工会启动“职工技能提升行动”，培训产业工人10万人次。", "Measure", "职工技能提升行动", "measure.quoted"),
    ('市总工会开展"工会进万家"活动。', "Measure", "工会进万家", "measure.quoted"),
    ("市总工会开展「工会进万家」活动。", "Measure", "工会进万家", "measure.quoted"),
    ("山东省青岛市总工会开展职工疗休养活动。", "Organization", "山东省青岛市总工会", "org.place-union"),
    ("四川省人民政府副省长李云泽出席活动并讲话。", "Organization", "四川省人民政府", "org.place-organ"),
    ("湖北省总工会权益保障部负责人介绍了情况。", "Organization", "湖北省总工会权益保障部", "org.parent-dept"),
    ("南京市总工会工人文化宫举办职工书法展。", "Organization", "南京市总工会工人文化宫", "org.facility"),
    ("国家医疗保障局印发通知。", "Organization", "国家医疗保障局", "org.vocab"),
    ("中国石油天然气集团有限公司工会组织开展“安康杯”竞赛活动。", "Organization",
     "中国石油天然气集团有限公司工会", "org.unit-union"),
    ("在全总指导下，成都市新就业形态劳动者工会联合会正式成立。", "Organization",
     "成都市新就业形态劳动者工会联合会", "org.unit-union"),
    ("国家知识产权局发布数据。", "Organization", "国家知识产权局", "org.state-organ"),
    ("全总召开书记处会议。", "Organization", "中华全国总工会", "org.vocab"),
    ("企业工会要依法维护女职工特殊权益。", "WorkerGroup", "女职工", "group.vocab"),
    ("要关心关爱新生代农民工群体的成长。", "WorkerGroup", "新生代农民工", "group.vocab"),
    ("帮助城镇困难职工脱贫致富。", "WorkerGroup", "城镇困难职工", "group.modifier-head"),
    ("外卖骑手、网约车司机等灵活就业群体的权益亟待保障。", "WorkerGroup", "灵活就业人员", "group.vocab"),
    ("调研理货员、叉车工等物流从业人员的工作状况。", "WorkerGroup", "理货员", "group.enum-head"),
    ("调研理货员、叉车工等物流从业人员的工作状况。", "WorkerGroup", "叉车工", "group.enum-head"),
    ("调研理货员、叉车工等物流从业人员的工作状况。", "WorkerGroup", "物流从业人员", "group.modifier-head"),
    ("把理货员、叉车工等群体吸纳到工会中来。", "WorkerGroup", "叉车工", "group.enum-head"),
    ("要把灵活用工群体组织起来。", "WorkerGroup", "灵活用工群体", "group.group-noun"),
    ("今年该省将实施职工素质提升工程。", "Measure", "职工素质提升工程", "measure.verb-object"),
    ("推动企业建立职工工资正常增长机制。", "Measure", "职工工资正常增长机制", "measure.verb-object"),
    ("健全完善工会劳动法律监督一函两书制度。", "Measure", "工会劳动法律监督一函两书制度", "measure.verb-object"),
    ("全国总工会印发《关于加强新就业形态劳动者权益保障工作的意见》。", "Measure",
     "关于加强新就业形态劳动者权益保障工作的意见", "measure.titled-doc"),
    ("通过以奖代补、购买服务等方式支持基层工会。", "Measure", "以奖代补", "measure.by-means"),
    ("深入开展劳动和技能竞赛。", "Measure", "劳动竞赛", "measure.vocab"),
    ("职工满意的普惠服务体系日益完善。", "Measure", "普惠服务体系", "measure.vocab-system"),
    ("广东省总工会主席李明表示，要把劳动者组织起来。", "Person", "李明", "person.post-name"),
    ("新华社北京5月1日电（记者 刘洋）全总发布消息。", "Person", "刘洋", "person.post-name"),
    ("习近平总书记强调，要大力弘扬劳模精神。", "Person", "习近平", "person.name-post"),
    ("会议选举王强当选湖南省总工会主席。", "Person", "王强", "person.name-elected"),
    ("快递员李明说，有了工会，心里就踏实了。", "Person", "李明", "person.group-name"),
    ("全国劳动模范张建国在车间里带徒弟。", "Person", "张建国", "person.group-name"),
    ("美团、饿了么等平台企业要保障外卖骑手权益。", "Organization", "美团", "org.vocab"),
    ("来自中车株洲电力机车有限公司的劳动模范介绍经验。", "Organization", "中车株洲电力机车有限公司", "org.company"),
    ("他是一名普通的叉车司机。", "WorkerGroup", "叉车司机", "group.occupation"),
    ("深化劳模创新工作室创建。", "Measure", "劳模创新工作室创建", "measure.facility-building"),
    ("开展“三湘工匠”选树活动。", "Measure", "三湘工匠选树活动", "measure.quoted"),
    ("开展女职工“两癌”免费筛查。", "Measure", "两癌免费筛查", "measure.quoted"),
    ("工会主席周红梅几乎每天都到工地。", "Person", "周红梅", "person.post-name"),
    # 面向 is a noun to jieba: the first item still starts after it
    ("活动面向铣工、车工等技术工人开放报名。", "WorkerGroup", "铣工", "group.enum-head"),
    ("活动面向铣工、车工等技术工人开放报名。", "WorkerGroup", "车工", "group.enum-head"),
    ("工地上的钢筋工、木工普遍缺少培训。", "WorkerGroup", "钢筋工", "group.vocab"),
    # quoted names joined by 和 share the verb before the first one
    ("街道工会建起了“暖心食堂”和“骑手充电站”。", "Measure", "暖心食堂", "measure.quoted"),
    ("街道工会建起了“暖心食堂”和“骑手充电站”。", "Measure", "骑手充电站", "measure.quoted"),
    # 出 of 出版 is part of the word, not a verb's complement to strip
    ("完善“宣传文化发展专项资金”和“出版发展专项资金”制度。", "Measure", "出版发展专项资金", "measure.quoted"),
    # a zone of a city, however long its name
    ("青岛经济技术开发区总工会举办职工运动会。", "Organization", "青岛经济技术开发区总工会", "org.place-union"),
    # 大连 is an adverb to jieba here; a known place still starts the company's name
    ("大连华锐重工有限公司工会组织职工疗休养。", "Organization", "大连华锐重工有限公司工会", "org.unit-union"),
    # a bureau by its short name after an elided place
    ("长沙市总工会联合市住建局、市市场监管局开展检查。", "Organization", "长沙市住建局", "org.elided-place"),
    ("长沙市总工会联合市住建局、市市场监管局开展检查。", "Organization", "长沙市市场监管局", "org.elided-place"),
]


@pytest.mark.parametrize("text, cls, label, rule", FOUND)
def test_rule_finds_entity(make_article, lexicon, text, cls, label, rule):
    ex = extract(make_article(text), lexicon)
    assert (cls, label) in _entities(ex)
    assert rule in _rules(ex, label)


# (text, label that must not be an entity of any class)
NOT_FOUND = [
    ("各级工会组织要不断增强五种意识。", "五种意识"),
    ("为实现中华民族伟大复兴的中国梦而奋斗。", "中国梦"),
    ("党的十九大开启了新征程。", "党的十九大"),
    ("党的十九大开启了新征程。", "中国共产党"),  # 党 inside an event's name
    ("大力弘扬劳模精神、劳动精神、工匠精神。", "劳动模范"),
    ("做好维权服务工作，解决实际问题。", "工作"),
    ("做好维权服务工作，解决实际问题。", "问题"),
    ("做好维权服务工作，解决实际问题。", "服务"),
    ("新华社北京5月1日电（记者 刘洋）全总发布消息。", "新华社"),
    ("新华社北京5月1日电（记者 刘洋）全总发布消息。", "北京"),
    ("坚持“两个一百年”奋斗目标。", "两个一百年"),
    ("把全心全意依靠工人阶级当“口号喊”。", "口号喊"),
    ("基层工会要坚持“三服务”工作理念。", "三服务"),
    ("党员要发挥先锋模范作用。", "中国共产党"),
    ("主席和副主席由选举产生。", "和副"),
    ("建立健全管理制度。", "管理制度"),
    ("参与到党和政府的重大工程中。", "重大工程"),
    ("保护古树群体和植物群体。", "古树群体"),
    ("国家按照统一规划布局。", "国家按照统一规划布局"),
    ("国务院设立国家统计局。", "国务院设立国家统计局"),
    ("统筹国家财政工作全局。", "国家财政工作全局"),
    ("农民工工资问题依然突出。", "农民工工资"),
    ("该厂工会主席张伟说，要让职工感到温暖。", "该厂工会"),
    ("设立“基金”。", "基金"),
    ("该公司董事长出席。", "该公司"),
    ("向保险公司投保。", "保险公司"),
    ("他是一名共产党员。", "共产党员"),
    ("活动面向铣工、车工等技术工人开放报名。", "活动面向铣工"),
    ("组织务工、经商等外出人员返乡创业。", "务工"),  # a verb, not a two-character trade
    ("大中型水利水电工程建设征地补偿。", "水电工"),
    ("混凝土工程和钢筋工程应当验收。", "钢筋工"),
    ("坚持“两个一百年”和“三服务”理念。", "三服务"),
    ("完善“宣传文化发展专项资金”和“出版发展专项资金”制度。", "版发展专项资金"),
    ("印发《关于加强新就业形态劳动者劳动保障权益维护工作的通知》。", "护工"),  # 维护|工作, not 护工
    ("各地要认真贯彻《意见》和《决定》精神。", "意见"),  # a bare document word
    ("要实施高速公路建设工程。", "高速公路建设工程"),
    ("厂长任期内，实行任期目标责任制。", "任期内"),
]


@pytest.mark.parametrize("text, label", NOT_FOUND)
def test_not_an_entity(make_article, lexicon, text, label):
    ex = extract(make_article(text), lexicon)
    assert label not in {lab for _, lab in _entities(ex)}


def test_an_unresolved_level_form_is_kept_as_printed_and_nothing_is_invented(make_article, lexicon):
    ex = extract(make_article("省总工会主席出席会议。"), lexicon)
    assert {label for cls, label in _entities(ex) if cls == "Organization"} == {"省总工会"}


def test_elided_province_resolved_from_the_article(make_article, lexicon):
    ex = extract(make_article("江苏省召开劳模表彰大会。省总工会主席出席会议。"), lexicon)
    assert ("Organization", "江苏省总工会") in _entities(ex)
    assert "org.elided-place" in _rules(ex, "江苏省总工会")
    alias = {e.ref.label: e.aliases for e in ex.entities}["江苏省总工会"]
    assert "省总工会" in alias


def test_elided_city_resolved_from_a_city_the_rules_found(make_article, lexicon):
    ex = extract(make_article("丽水市总工会召开全委会议。市总工会主席作工作报告。"), lexicon)
    assert "org.elided-place" in _rules(ex, "丽水市总工会")


def test_aliases_are_the_names_the_article_used(make_article, lexicon):
    ex = extract(make_article("全国总工会和全总机关干部参加活动，广大职工和职工群众踊跃参与。"), lexicon)
    aliases = {e.ref.label: set(e.aliases) for e in ex.entities}
    assert aliases["中华全国总工会"] == {"全国总工会", "全总"}
    assert aliases["职工"] == {"广大职工", "职工群众"}


def test_quote_marks_are_dropped_from_labels(make_article, lexicon):
    ex = extract(make_article("大力实施“技能强企行动”和《职工素质建设工程方案》。"), lexicon)
    labels = {lab for _, lab in _entities(ex)}
    assert "技能强企行动" in labels and "职工素质建设工程方案" in labels
    assert not any(ch in lab for lab in labels for ch in "“”《》")


def test_every_mention_lies_inside_its_sentence(make_article, lexicon):
    text = ("近年来，云南省总工会聚焦新就业形态劳动者急难愁盼问题，推出“暖心驿站”服务项目。\n"
            "杭州市总工会副主席王晓红介绍，杭州已建立“快递小哥之家”200余家，为快递员提供服务。")
    art = make_article(text)
    ex = extract(art, lexicon)
    assert len(ex.mentions) >= 6
    for m in ex.mentions:
        ev = m.evidence
        assert ev.sentence_start <= ev.start < ev.end <= ev.sentence_end
        assert any((s.start, s.end) == (ev.sentence_start, ev.sentence_end) for s in art.sentences)
