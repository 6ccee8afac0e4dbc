"""Every rule id the extractors put in ``Evidence.rule``, with the text it is for.

The id is the stable name of a rule (``gh:rule`` in the graph, labelled with the id);
``grep -rn '"targets.aim-word"' kg/`` finds the code that applies it. This table is
for people and tools that want to list or describe the rules (a test keeps it in step
with what the extractors emit).

>>> RULES["targets.aim-word"]
'针对货车司机群体开展“司机之家”建设: an aiming word, a group, then a measure'
"""

from __future__ import annotations

RULES: dict[str, str] = {
    # entities: organizations (kg.extract.entity_rules)
    "org.vocab": "全总, 中华全国总工会, 基层工会: a name in ontology/vocab/organizations.ttl",
    "org.place-union": "江苏省总工会, 深圳市南山区总工会: a place, then a union head",
    "org.place-organ": "江苏省人大常委会, 深圳市人民政府: a place, then a party or state organ",
    "org.elided-place": "省总工会 in an article naming 江苏省: the place the article names",
    "org.state-organ": "国家统计局, 中华人民共和国民政部: a ministry, commission or state bureau",
    "org.parent-dept": "全国总工会权益保障部: an organization, then one of its departments",
    "org.facility": "南京市工人文化宫, 基层工会法律援助点: a union or place, then a service facility",
    "org.unit-union": "中国石油天然气集团有限公司工会: the union of a named unit, industry or place",
    "org.company": "中车株洲电力机车有限公司: a company by its registered name",
    "org.institution": "中国海洋大学海洋生命学院: a university, institute or hospital by its name",
    "org.sub-unit": "美团东湖立交桥站站长张恩博: a unit between an organization and a post",
    # entities: worker groups
    "group.vocab": "农民工群体, 职工群众, 快递员: a name in ontology/vocab/groups.ttl",
    "group.modifier-head": "城镇困难职工, 新生代农民工: modifiers before a group head noun",
    "group.group-noun": "灵活就业群体, 平台就业群体: a noun phrase before 群体",
    "group.occupation": "他是一名电焊工: the occupation someone is named as",
    "group.enum-head": "快递员、送餐员、卡车司机等灵活就业群体: each member of the enumeration",
    # entities: measures
    "measure.vocab": "集体协商, 工资协商, 送温暖: a name in ontology/vocab/measures.ttl",
    "measure.vocab-system": "普惠服务体系: a known measure, then 体系/机制/制度",
    "measure.facility-building": "劳模创新工作室创建, 职工之家建设: building a known facility",
    "measure.verb-object": "建立职工需求调查制度, 开展困难职工帮扶攻坚行动: a verb, then a programme",
    "measure.quoted": "实施农民工“求学圆梦行动”: a quoted name a verb introduces or a head ends",
    "measure.titled-doc": "《关于加强新就业形态劳动者权益保障工作的意见》: a policy document by its title",
    "measure.edition": "2027年中秋国庆期间金秋助学活动: a dated or numbered edition of a standing programme",
    "measure.by-means": "通过转移支付、项目化管理等方式: the listed means",
    # entities: people
    "person.vocab": "a name in a person vocabulary (none ships by default)",
    "person.byline": "**魏国强** 观点: an author as ingestion read the byline",
    "person.post-name": "全国总工会主席王东明表示: a post, then a name",
    "person.name-post": "习近平总书记: a name, then a leader's post (the label drops the post)",
    "person.name-elected": "王东明当选全国总工会主席: a name, then 当选/担任",
    "person.group-name": "快递员李明说: a worker group, then a name",
    "person.org-role-name": "青岛港国际物流有限公司机械司机郭希辉: an organization, a role as printed, a name",
    # not entities
    "block.not-entity": "党的十九大, 中国梦, 五种意识: events, slogans and concepts, never emitted",
    # relations (kg.extract.relation_rules)
    "targets.aim-word": "针对货车司机群体开展“司机之家”建设: an aiming word, a group, then a measure",
    "targets.anaphor": "推出“暖蜂行动”。…该行动面向外卖骑手: the programme 该行动/这一计划 refers back to",
    "targets.bare-anaphor": "启动“暖心同行”专项行动。行动将重点面向环卫工人: a bare 行动/活动 opening one of the next two sentences",
    "targets.focus-group": "把困难职工、农民工作为服务重点，完善常态化送温暖机制: groups made the focus",
    "targets.rights-topic": "保障灵活就业人员权益，…推进职业伤害保障试点: the groups whose rights a sentence is about",
    "targets.benefit": "“金秋助学”活动惠及困难职工子女: a measure, then 惠及/覆盖 and a group",
    "targets.frame": "对困难职工进行节日慰问, 向环卫工人送去“清凉礼包”: a beneficiary frame around the group",
    "targets.in-title": "《关于解决拖欠农民工工资问题的通知》: a policy document whose title names a group",
    "targets.compound": "农民工“求学圆梦行动”, 困难职工帮扶攻坚行动: a group heading a measure's name",
    "targets.paragraph-topic": "要更多关注农民工群体。…实施农民工“求学圆梦行动”: the paragraph's topic group",
    "broader.enum-head": "快递员、送餐员等灵活就业群体: members of an enumeration, narrower than its head",
    "broader.includes": "新就业形态劳动者包括快递员、外卖骑手: the listed groups are narrower",
    "broader.part-of": "农民工是产业工人的重要组成部分: X是Y的…组成部分/主体力量",
    "broader.scope-list": "就业困难人员…范围包括：（一）属于零就业家庭成员的: the numbered items are narrower",
    "broader.modifier-head": "城镇困难职工 -> 困难职工: a modified group, narrower than the group it modifies",
    "broader.vocab": "农民工 -> 职工: skos:broader of the vocabulary, both named in the article",
    "member.author-note": "(作者为江苏省人大常委会副主任、省总工会主席): the authors' posts",
    "member.post-name": "全国总工会党组书记、副主席徐留平: an organization, posts, then a name",
    "member.name-elected": "王东明当选全国总工会主席: a name, 当选, an organization and a post",
    "member.org-role": "中石化第十建设有限公司焊接首席技师唐元生: an organization, a role as printed, a name",
}
