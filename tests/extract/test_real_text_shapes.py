"""How real articles phrase people, posts, programmes and whom they are for: one table per
rule, on short sentences written for these tests (names and units are invented)."""

from __future__ import annotations

import pytest

from kg.extract import extract


def _entities(ex) -> set[tuple[str, str]]:
    return {(e.ref.cls, e.ref.label) for e in ex.entities}


def _rules(ex, label: str) -> set[str]:
    return {m.evidence.rule for m in ex.mentions if m.entity.label == label}


def _members(ex) -> set[tuple[str, str, str | None, str]]:
    return {(r.subject.label, r.object.label, r.role, r.evidence.rule) for r in ex.relations if r.predicate == "member"}


def _targets(ex) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.object.label, r.evidence.rule) for r in ex.relations if r.predicate == "targets"}


# (sentence, class, label, rule)
ENTITIES = [
    # a brand no dictionary knows after a place (垄上/v); units down to the team in an award list ending 等;
    # a hospital of a town the tagger does not know as a place
    ("会议召开后，江苏太湖垄上传媒集团工会和团总支携手开展活动。", "Organization", "江苏太湖垄上传媒集团工会", "org.unit-union"),
    ("郑州百顺酒店管理有限公司采购运输部、河南长丰实业有限公司塑编实业部圆织班组等38个集体被授予全国工人先锋号。",
     "Organization", "河南长丰实业有限公司塑编实业部圆织班组", "org.sub-unit"),
    ("郑州百顺酒店管理有限公司采购运输部、河南长丰实业有限公司塑编实业部等38个集体被授予全国工人先锋号。",
     "Organization", "郑州百顺酒店管理有限公司采购运输部", "org.sub-unit"),
    ("某公司职工费某某、桃石镇卫生院职工袁小露，这些职工因孩子身患重病致困。", "Organization", "桃石镇卫生院", "org.institution"),
    # a town the tagger splits after a surname-like first character (李/nr 山镇/ns), opening a list item
    ("稷下街道总工会、李山镇总工会代表队获得团体二等奖。", "Organization", "李山镇总工会", "org.place-union"),
    # size and new-economy modifiers before a group
    ("为维护小型非公企业女职工合法权益，工会开展专项行动。", "WorkerGroup", "小型非公企业女职工", "group.modifier-head"),
    ("着力扩大新业态农民工入会覆盖面。", "WorkerGroup", "新业态农民工", "group.modifier-head"),
    # a numeral character inside a brand (郑州/ns 百盛/nz 万/m 利/n), the list's first item after a sentence
    ("某某等43人荣获全国五一劳动奖章。郑州百盛万利酒店管理有限公司采购运输部、某公司育种部等38个集体被授予全国工人先锋号。",
     "Organization", "郑州百盛万利酒店管理有限公司采购运输部", "org.sub-unit"),
    # quoted campaign names: three slogan parts, a head before the run ends, a campaign no verb introduces,
    # a gift described before its name
    ("工会开展“与社区携手、与文明同行、争做环保达人”公益活动。", "Measure", "与社区携手、与文明同行、争做环保达人",
     "measure.quoted"),
    ("他们将乘坐“免费送务工人员返乡”主题活动中的首批大巴。", "Measure", "送务工人员返乡主题活动", "measure.quoted"),
    ("在职工之家里，为所有劳动者准备了温馨的 “驿站义剪”活动。", "Measure", "驿站义剪", "measure.quoted"),
    ("志愿者为环卫工人送上包含清凉油、矿泉水等防暑物品的“清凉包”。", "Measure", "清凉包", "measure.quoted"),
    # a quoted theme and the campaign it names, whole
    ("县总工会开展“赓续百年路 建功新时代”主题征文活动。", "Measure", "赓续百年路建功新时代主题征文活动", "measure.quoted"),
    # a name after a quote, the sentence going on
    ("“今年是我第三年坐免费大巴回家。”袁海平给记者算了一笔账。", "Person", "袁海平", "person.after-quote"),
    # a name after a word for a job or role: whole to the tagger, or split off a surname before a verb
    ("某社区人民调解员周玉芬等43人荣获全国五一劳动奖章。", "Person", "周玉芬", "person.role-name"),
    ("上车后，43岁的司机赵明辉的第一句话就是问好。", "Person", "赵明辉", "person.role-name"),
    ("推进会上，农民工周传标手持会员证高兴地说。", "Person", "周传标", "person.role-name"),
    # the speaker after a closing quote, a surname the tagger split off
    ("“在这里，我们感受到了关心。”林萌芽说，入夏以来，公司调整了工作时间。", "Person", "林萌芽", "person.name-verb"),
    # programmes listed before their kind
    ("市总工会还将实施农民工技能提升、农民工安居等行动计划。", "Measure", "农民工安居", "measure.by-means"),
    # counties of one character jieba does not know, in a list or before a facility; a home province
    ("莘县、冠县总工会积极行动，广泛宣传。", "Organization", "冠县总工会", "org.place-union"),
    ("沙溪镇党委副书记出席仪式并为驿站揭牌。", "Organization", "沙溪镇党委", "org.place-organ"),  # 沙溪镇/nr
    ("沙溪镇党委副书记、镇长王海涛出席仪式。", "Person", "王海涛", "person.post-name"),  # a town's head
    ("活动在莘县工人文化宫举行。", "Organization", "莘县工人文化宫", "org.facility"),
    ("“温暖回家路”广西在粤务工人员春节返乡发车仪式举行。", "WorkerGroup", "广西在粤务工人员", "group.origin"),
    # a place's own facility (a listed city, an unlisted district); a union's 驿站; a host's name
    ("傍晚，杭州市工人文化宫里张灯结彩。", "Organization", "杭州市工人文化宫", "org.facility"),
    ("竞赛在临淄区劳动人民文化宫举行。", "Organization", "临淄区劳动人民文化宫", "org.facility"),
    ("武汉江岸区花桥社区工会驿站里，暖冬行动正火热开展。", "Organization", "武汉江岸区花桥社区工会驿站", "org.facility"),
    ("各位观众朋友您好，我是王海涛。", "Person", "王海涛", "person.called"),
    # a contract by its title; bargaining narrowed by a level
    ("双方签订《南昌市建筑行业工资专项集体合同》。", "Measure", "南昌市建筑行业工资专项集体合同", "measure.titled-doc"),
    ("推进区域性工资集体协商。", "Measure", "区域性工资集体协商", "measure.sector-bargaining"),
    ("新河镇是我国行业工资集体协商的发源地。", "Measure", "行业工资集体协商", "measure.sector-bargaining"),
    # migrant workers by where they come from or work; occupations a glossary lists
    ("给50名遵义市在沪务工人员送去节日慰问。", "WorkerGroup", "遵义市在沪务工人员", "group.origin"),
    ("200余名宜宾籍务工者回到家乡。", "WorkerGroup", "宜宾籍务工者", "group.origin"),
    ("园林绿化工人、电力工人坚守岗位。", "WorkerGroup", "电力工人", "group.modifier-head"),
    ("交警、快递员等户外劳动者可以在驿站休息。", "WorkerGroup", "交通警察", "group.vocab"),
    ("工会为外来务工人员和农民工子女提供服务。", "WorkerGroup", "外来务工人员", "group.vocab"),  # not 农民工 by another name
    # an autonomous prefecture by its short name; a government's office in another city
    ("市总工会联合黔东南州总工会组成慰问团。", "Organization", "黔东南州总工会", "org.place-union"),
    ("毕节市人民政府驻上海办事处派员参加。", "Organization", "毕节市人民政府驻上海办事处", "org.place-organ"),
    # a law firm opening a list item; a company inside a caption's brackets; a station by its place
    ("全国政协委员、天平律师事务所主任提出建议。", "Organization", "天平律师事务所", "org.institution"),
    ("卢卫东（浙江佳美服装有限公司董事长）：现在还缺人。", "Organization", "浙江佳美服装有限公司", "org.company"),
    ("由湖南广播电视台主办的晚会昨天举行。", "Organization", "湖南广播电视台", "org.institution"),
    # a count of unions is not part of their name
    ("市总工会在14个产业工会都建立了服务队。", "Organization", "产业工会", "org.vocab"),
    # TV and feature shapes: a name before 说, sound-bite speakers, a name introduced by 他叫
    ("来自湖南衡阳的刘建华已经第三次参加活动了。刘建华说，回家的路不再难。", "Person", "刘建华", "person.name-verb"),
    ("【同期声】返乡人员 江海明：早上从县城出发，晚上就到家了。", "Person", "江海明", "person.speaker"),
    ("主持人（高晓琳）：观众朋友大家好！", "Person", "高晓琳", "person.speaker"),
    ("卢卫东（某某服装有限公司董事长）：现在还缺两百多人。", "Person", "卢卫东", "person.speaker"),
    ("四川宏达塑业有限公司员工 邓志军：我们很高兴。", "Person", "邓志军", "person.org-role-name"),
    ("他叫王海涛，今年22岁，已经在广东打工4年了。", "Person", "王海涛", "person.called"),
    # a town with its district, an ethnic town by its full name, an organ's union
    ("最终临淄区朱台镇总工会代表队获得团体一等奖。", "Organization", "临淄区朱台镇总工会", "org.place-union"),
    ("金岭回族镇总工会代表队获得团体三等奖。", "Organization", "金岭回族镇总工会", "org.place-union"),
    ("近日，淳安县交通运输局工会负责人现身说法。", "Organization", "淳安县交通运输局工会", "org.unit-union"),
    # a transcript's speaker tags in brackets
    ("【主持人】欢迎。\n【王建新】谢谢。\n【主持人】请介绍。\n【王建新】好的。", "Person", "王建新", "person.speaker"),
    # a quoted event its host introduces
    ("由区总工会主办的“我为职工办实事”活动在该邮轮上举行。", "Measure", "我为职工办实事", "measure.quoted"),
    # a programme's fund of the year is the fund, not an edition of the programme
    ("某区举办2025年困难职工帮扶金集中发放仪式。", "Measure", "困难职工帮扶金", "measure.programme-fund"),
    # a street of four characters before 街道; a train run for a group
    ("东长安街街道总工会近日举行启动仪式。", "Organization", "东长安街街道总工会", "org.place-union"),
    ("昨天柳州铁路局开行了发往广州方向的农民工专列。", "Measure", "农民工专列", "measure.verb-object"),
    # an honour's holder: a name after it, the honour itself no worker group
    ("全国劳动模范张建国，全国五一劳动奖章获得者李红梅，都来自生产一线。", "Person", "李红梅", "person.group-name"),
    # a school with its place, a railway bureau, a TV script's sound cue
    ("全国劳模走进南平市交通学校与师生相互交流。", "Organization", "南平市交通学校", "org.institution"),
    ("昨天柳州铁路局开行了农民工专列。", "Organization", "柳州铁路局", "org.institution"),
    ("代表们对大会充满期待。\n（王建新音响）\n大会明天开幕。", "Person", "王建新", "person.speaker"),
    # a list of names whose last one a verb follows
    ("区领导周海涛、陈志远、刘建军、孙丽娟参加开幕式。", "Person", "孙丽娟", "person.name-list"),
    # a list of names in traditional characters, one with 正 inside
    ("習近平、李克強、張德江、俞正聲、王岐山等在主席臺就座。", "Person", "俞正声", "person.name-list"),
    # a policy verb, a list, then 等 and the kind of rule: each item is a system
    ("督促企业全面推行工资专户管理和银行代发等制度。", "Measure", "银行代发", "measure.by-means"),
    # a foundation; a union's rest home
    ("全国总工会女职工部、中国工人发展基金会在云南举行启动仪式。", "Organization", "中国工人发展基金会", "org.institution"),
    ("前往厦门全国总工会劳模疗休养中心疗休养。", "Organization", "中华全国总工会劳模疗休养中心", "org.facility"),
    # a name's third character the tagger leaves out (杜甫/nr 芸), closed by a mark
    ("南平新闻网6月15日讯（南平日报记者 杜甫芸） 记者昨日从市总工会获悉。", "Person", "杜甫芸", "person.post-name"),
    # a count of people before a programme is whom it is for; 暨 joins two events
    ("今天，市总工会启动300名劳模休养活动。", "Measure", "劳模休养活动", "measure.verb-object"),
    ("举行启动仪式暨边境口岸女职工慰问活动。", "Measure", "边境口岸女职工慰问活动", "measure.verb-object"),
    # 活动 ends the name of a visiting or caring event, not of a bare 慰问
    ("各地驿站开展重阳节暖心慰问活动，为环卫工人送上祝福。", "Measure", "重阳节暖心慰问活动", "measure.verb-object"),
    # a quoted word before a standing programme's system names the whole system
    ("县总工会以“强工杯”职业技能竞赛体系为抓手。", "Measure", "强工杯职业技能竞赛体系", "measure.quoted"),
    # a department names its union too; a company's name holds a verb before its union
    ("区委宣传部携手南平市总工会宣教部启动暖冬行动。", "Organization", "南平市总工会", "org.place-union"),
    ("区委宣传部携手南平市总工会宣教部启动暖冬行动。", "Organization", "南平市总工会宣教部", "org.parent-dept"),
    ("以及福建闪电智能科技有限公司工会启动行动。", "Organization", "福建闪电智能科技有限公司工会", "org.unit-union"),
    # a list of names, then their count
    ("张建国、李红梅2名职工获得表彰。", "Person", "李红梅", "person.names-before-group"),
    # a zone with a name of its own, and a bare zone kept as printed
    ("长兴经济开发区总工会举办职工运动会。", "Organization", "长兴经济开发区总工会", "org.place-union"),
    ("高新区总工会主席王建国出席。", "Organization", "高新区总工会", "org.elided-place"),
    ("由南平市总工会、南平市邮政管理局主办。", "Organization", "南平市邮政管理局", "org.place-organ"),
    # a contestant introduced by where they come from, before 获得
    ("最终，来自成都的杨立新获得焊工竞赛一等奖。", "Person", "杨立新", "person.name-verb"),
    # a name after a role printed between an organization and the name
    ("获奖者有华东港务物流有限公司叉车司机钱立军，他说。", "Person", "钱立军", "person.org-role-name"),
    # a university and its school
    ("西北理工大学材料学院院长陶文明出席。", "Organization", "西北理工大学材料学院", "org.institution"),
    # a unit between an organization and a post
    ("美团城南站站长韩志刚介绍经验。", "Organization", "美团城南站", "org.sub-unit-post"),
    ("美团城南站站长韩志刚介绍经验。", "Person", "韩志刚", "person.post-name"),
    # a three-character name the tagger is sure of needs no closing word after a trade
    ("环卫工人刘建军接过慰问品。", "Person", "刘建军", "person.group-name"),
    # award lists name teams down to the unit; a verb inside a registered name
    ("获评先进集体的是中国联合网络通信有限公司南京市分公司数据运营中心、华东重工集团有限公司三号装配车间。",
     "Organization", "中国联合网络通信有限公司南京市分公司数据运营中心", "org.sub-unit"),
    ("获评先进集体的是中国联合网络通信有限公司南京市分公司数据运营中心、华东重工集团有限公司三号装配车间。",
     "Organization", "华东重工集团有限公司三号装配车间", "org.sub-unit"),
    # a known organization inside a unit's name is named too
    ("美团城南站站长韩志刚介绍经验。", "Organization", "美团", "org.vocab"),
    # a zone's union with the district it is run with, in brackets
    ("湘潭高新区（岳塘区）总工会举行团拜会。", "Organization", "湘潭高新区（岳塘区）总工会", "org.place-union"),
    # ministries by their usual names
    ("住房城乡建设部、监察部联合发出通知。", "Organization", "住房和城乡建设部", "org.vocab"),
    ("住房城乡建设部、监察部联合发出通知。", "Organization", "监察部", "org.vocab"),
    # spokespeople and heads of units are posts
    ("全总新闻发言人孙立平介绍情况。", "Person", "孙立平", "person.post-name"),
    # quoted names: a numbered name followed by a programme noun, a two-part slogan with its
    # head, the vehicle of the work, a gift package
    ("深入开展“五项重点任务落实年”活动。", "Measure", "五项重点任务落实年", "measure.quoted"),
    ("组织开展“比学习，赶先进”大行动。", "Measure", "比学习，赶先进大行动", "measure.quoted"),
    ("区总工会以“三级联动”为载体，开展帮扶。", "Measure", "三级联动", "measure.quoted"),
    ("为快递员送去“暖心礼包”。", "Measure", "暖心礼包", "measure.quoted"),
    # pay systems and standing programmes of a union glossary
    ("各地要合理确定工资指导线。", "Measure", "工资指导线", "measure.vocab"),
    ("推行计件工资制和岗位工资制。", "Measure", "计件工资制", "measure.vocab"),
    ("参加第九届全国职工职业技能大赛。", "Measure", "全国职工职业技能大赛", "measure.edition"),
    ("贵州省第一届职工职业技能大赛决赛开幕。", "Measure", "贵州省职工职业技能大赛", "measure.numbered-edition"),
    ("市总工会启动2031年中秋国庆期间金秋助学活动。", "Measure", "金秋助学", "measure.edition"),
    ("区总工会开展春节送温暖活动。", "Measure", "送温暖", "measure.edition"),  # an occasion, no year
    # study campaigns, service circles, allowances, coordination meetings
    ("深入开展党纪学习教育。", "Measure", "党纪学习教育", "measure.verb-object"),
    ("打造15分钟职工服务圈。", "Measure", "15分钟职工服务圈", "measure.verb-object"),
    ("建立政府与同级工会联席会议制度。", "Measure", "政府与同级工会联席会议制度", "measure.verb-object"),
    # places no table lists: one character before 县, a street, a special zone, a name jieba
    # reads as a person's before 县
    ("日前，莒县总工会收到一封来信。", "Organization", "莒县总工会", "org.place-union"),
    ("平湖街道总工会开展助学活动。", "Organization", "平湖街道总工会", "org.place-union"),
    ("武当山特区工会开展慰问活动。", "Organization", "武当山特区工会", "org.place-union"),
    ("元江县总工会向困难职工发放补助金。", "Organization", "元江县总工会", "org.place-union"),
    # a campaign named by a two-part slogan; a gift handed over in quotes; two allowances
    ("县总工会举行“真情暖职工，清风伴一夏”活动启动仪式。", "Measure", "真情暖职工，清风伴一夏", "measure.quoted"),
    ("拉开了“关爱职工促和谐、夏送清凉保平安”活动的序幕。", "Measure", "关爱职工促和谐、夏送清凉保平安", "measure.quoted"),
    ("省总工会“平安回家路·娘家伴你行”返乡专列活动已启动。", "Measure", "平安回家路·娘家伴你行", "measure.quoted"),
    ("为一线职工送去800份“清凉包”。", "Measure", "清凉包", "measure.quoted"),
    ("足额发放防暑降温费和高温津贴。", "Measure", "防暑降温费", "measure.vocab"),
    ("足额发放防暑降温费和高温津贴。", "Measure", "高温津贴", "measure.vocab"),
    # registered names with business words jieba tags as verbs, long ones, works, publishers
    ("为滨江市的滨江龙腾投资控股集团文化旅游建设开发有限公司建设了职工书屋。", "Organization",
     "滨江龙腾投资控股集团文化旅游建设开发有限公司", "org.company"),
    ("蚌埠卷烟厂荣获全国五一劳动奖状。", "Organization", "蚌埠卷烟厂", "org.company"),
    ("中国工人出版社承办论坛。", "Organization", "中国工人出版社", "org.institution"),
    # a newspaper by its full name; a union after 代表/经 (on its behalf, through it)
    ("四川工人日报社高度重视宣传报道工作。", "Organization", "四川工人日报社", "org.institution"),
    ("并代表总公司工会慰问了2名特困职工。", "Organization", "总公司工会", "org.unit-union"),
    # a service a union runs, after 发挥…作用 or 进行; a quoted word named by the head after it
    ("要求各级工会发挥工会职工维权热线作用。", "Measure", "工会职工维权热线", "measure.verb-object"),
    ("组织在岗女职工进行健康体检。", "Measure", "健康体检", "measure.verb-object"),
    ("扩大女职工免费“两癌”筛查力度。", "Measure", "两癌筛查", "measure.quoted"),
    # hospitals and sanatoriums by name; a union's legal service centre
    ("启程赴广东省职工疗养院进行疗休养。", "Organization", "广东省职工疗养院", "org.facility"),
    ("农民工来到渭水区总工会职工法律服务中心寻求帮助。", "Organization", "渭水区总工会职工法律服务中心", "org.facility"),
    # a bare 总工会 in a chain of posts is the union of the place before it
    ("奎山市人大副主任、总工会主席田新华出席。", "Organization", "奎山市总工会", "org.chain-union"),
    # two categories after a list's 等; a hotline by its number
    ("按规定享受养老、医疗、失业等社会保险补贴和岗位补贴。", "Measure", "岗位补贴", "measure.list-category"),
    ("畅通门户网站、“12351”热线等渠道。", "Measure", "12351热线", "measure.quoted"),
    # a district jieba reads as an organization name; a name before 家中; a slogan whose head
    # says what was done (送春联活动) names the campaign alone; a count before an enumeration
    ("此次比赛由解放区总工会主办。", "Organization", "解放区总工会", "org.place-union"),
    ("慰问组来到困难劳模李芬家中。", "Person", "李芬", "person.group-name"),
    ("区总工会开展“迎新春 送祝福”送春联活动。", "Measure", "迎新春 送祝福", "measure.quoted"),
    ("积极投身“中国梦·劳动美”劳动竞赛。", "Measure", "中国梦·劳动美", "measure.quoted"),
    ("慰问近千名商场信息员、物流配送员等新就业形态劳动者。", "WorkerGroup", "商场信息员", "group.enum-head"),
    ("大赛由香港工会联合会、澳门工会联合总会共同主办。", "Organization", "澳门特别行政区工会联合总会", "org.place-union"),
    # a campaign's own quoted name before a standing programme; a slogan before 主题活动; a brand
    ("钱江区总工会开展了“爱心驿家”送温暖活动。", "Measure", "爱心驿家", "measure.quoted"),
    ("钱江区总工会开展了“爱心驿家”送温暖活动。", "Measure", "送温暖", "measure.vocab"),
    ("市总工会主办的“文明创建 小哥先行”主题活动顺利举行。", "Measure", "文明创建 小哥先行", "measure.quoted"),
    ("将持续深化“站长日”特色品牌。", "Measure", "站长日", "measure.quoted"),
    # a union by its short name: with its place, or a level alone
    ("四川省总：为拖欠农民工工资问题建绿色通道。", "Organization", "四川省总工会", "org.short-union"),
    ("根据市总、区总工会工作安排发放关爱包。", "Organization", "市总工会", "org.short-union"),
    # a numbered contest with a region jieba cuts in pieces before 第; a workroom named after its worker
    ("粤港澳大湾区第四届职业技能大赛在东莞落幕。", "Measure", "粤港澳大湾区职业技能大赛", "measure.numbered-edition"),
    ("到市供电公司朱玉伟劳模工作室考察学习。", "Organization", "朱玉伟劳模工作室", "org.named-workroom"),
    ("市总工会慰问组开展春节送温暖慰问活动。", "Measure", "送温暖", "measure.edition"),
    # a level word with no place in the article is kept as printed
    ("县总工会主席郑光明出席。", "Organization", "县总工会", "org.elided-place"),
    # a three-character name with 应 or 会 inside, closed by a word that follows names
    ("省总工会副主席罗应平讲话。", "Person", "罗应平", "person.post-name"),
    ("常务副主席李云会率领机关干部慰问职工。", "Person", "李云会", "person.post-name"),
    # the name's third character glued by the tagger to the next word (宋立/nr 争边/d 说), 为 opening a given name
    ("区总工会职工服务中心主任宋立争边说边递给他一幅春联。", "Person", "宋立争", "person.post-name"),
    ("以市总工会副主席吴东进为团长的慰问团来到工地。", "Person", "吴东进", "person.post-name"),
    ("省总工会党组书记、常务副主席韩为民表示，要发挥劳模作用。", "Person", "韩为民", "person.post-name"),
    # a union's own quoted programme ending with any head; a quoted name and a head closing the clause;
    # the levels a system spans
    ("已在市总工会“智慧工会云平台”注册的劳动者可以预约。", "Measure", "智慧工会云平台", "measure.quoted"),
    ("省人社厅、省总工会联合启动2017年度“中原大工匠”评选，计划选树技能高手30名。", "Measure", "中原大工匠评选",
     "measure.quoted"),
    ("某市总工会建立了市、县、企业三级劳动竞赛体系。", "Measure", "三级劳动竞赛体系", "measure.vocab-system"),
    # a list of honoured people opened by 分别是：, item after item (one without a unit between)
    ("获表彰的职工分别是：江淮星辰智能装备股份有限公司装备研制技术带头人刘志勇，青溪县农业试验站副班长周小英，某某村党总支书记李小山，江南市中级人民法院法官助理尤明，星河零距离社会服务中心社工仇小婷。", "Organization", "星河零距离社会服务中心", "org.award-item"),
    ("获表彰的职工分别是：江淮星辰智能装备股份有限公司装备研制技术带头人刘志勇，青溪县农业试验站副班长周小英，某某村党总支书记李小山，江南市中级人民法院法官助理尤明，星河零距离社会服务中心社工仇小婷。", "Person", "尤明", "person.org-role-name"),
    # a city printed before its district; a union's own help centre
    ("为做好留人工作，白河市永安区总工会第一时间把务工人员组织进工会。", "Organization", "白河市永安区总工会",
     "org.place-union"),
    ("昨日，新装修的“广州市总工会困难帮扶中心”举行迁址仪式。", "Organization", "广州市总工会困难帮扶中心", "org.facility"),
    # bargaining contracts by level, under the wage contract's other names
    ("全市签订区域性工资集体合同、区域性工资集体协议6个。", "Measure", "区域性工资集体合同", "measure.sector-bargaining"),
    ("全市签订区域性工资集体合同、区域性工资集体协议6个。", "Measure", "区域性工资集体协议", "measure.sector-bargaining"),
    # contests after 组织了, and the contests listed after the first
    ("先后组织了服装行业职工缝纫技能大赛、制茶工技能大赛、农电工技能大赛等。", "Measure", "农电工技能大赛",
     "measure.verb-object"),
    ("先后组织了服装行业职工缝纫技能大赛、制茶工技能大赛、农电工技能大赛等。", "Measure", "制茶工技能大赛",
     "measure.verb-object"),
    # one quoted character marks an edition of a standing programme
    ("我市将开展“云”送清凉活动。", "Measure", "夏送清凉", "measure.edition"),
    # a nursing room is a programme of the unions (爱心妈咪小屋)
    ("忠山县已建成“爱心妈咪小屋”5个。", "Measure", "妈咪小屋", "measure.quoted"),
    # homes visited: names the tagger cuts (李家/勇, 何/国文) after a group, listed up to 家中
    ("随后一行人深入困难职工李家强、童永康、刘振华家中，送去慰问金。", "Person", "李家强", "person.home-visit"),
    ("随后一行人深入困难职工李家强、童永康、刘振华家中，送去慰问金。", "Person", "童永康", "person.home-visit"),
    ("在困难职工何国栋家中，慰问团详细了解他的病情。", "Person", "何国栋", "person.home-visit"),
    ("慰问组又来到全国劳动模范徐柏年家里。", "Person", "徐柏年", "person.home-visit"),
    # a name's third character the tagger leaves alone before a word that follows names (黄玉/nr 生/vn 陪同)
    ("市人大常委会副主任、市总工会主席黄玉生陪同。", "Person", "黄玉生", "person.post-name"),
    # names listed after one another rule found, the last after 和
    ("三位农民工康志明、朱雪梅和胡晓燕成为全国人大代表中的首批农民工代表。", "Person", "朱雪梅", "person.listed-after"),
    ("三位农民工康志明、朱雪梅和胡晓燕成为全国人大代表中的首批农民工代表。", "Person", "胡晓燕", "person.listed-after"),
    # units listed beside one another rule found, after a lead word or the union that lists them
    ("其中移动滨海分公司、滨海供电局、滨海航空有限公司、华能滨海电厂、卜蜂莲花超市等热心单位共出资62万元。",
     "Organization", "滨海供电局", "org.list-item"),
    ("其中移动滨海分公司、滨海供电局、滨海航空有限公司、华能滨海电厂、卜蜂莲花超市等热心单位共出资62万元。",
     "Organization", "移动滨海分公司", "org.list-item"),
    ("来自成都市总工会、成铁局工会、中铁八局工会等10个市州及产业工会的代表参加。", "Organization", "成铁局工会",
     "org.list-item"),
    ("市总工会组织南宁市建筑管理处、南宁市建设工会等企事业单位举办活动。", "Organization", "南宁市建筑管理处",
     "org.list-item"),
    ("31个省（区、市）和新疆生产建设兵团总工会均已开展试点工作。", "Organization", "新疆生产建设兵团总工会", "org.vocab"),
    # a town's or a trading company's union; the group in brackets inside a registered name; work at a company
    ("葛徐镇工会打造温馨“爱心驿站”。", "Organization", "葛徐镇工会", "org.unit-union"),
    ("苏北药业工会设立“工会主席关爱日”。", "Organization", "苏北药业工会", "org.unit-union"),
    ("成都发动机（集团）有限公司工会主席出席。", "Organization", "成都发动机（集团）有限公司工会", "org.unit-union"),
    ("他在成都发动机集团有限公司工作。", "Organization", "成都发动机集团有限公司", "org.company"),
    # the Youth League's committee of a place
    ("主办单位：湖北省总工会、共青团湖北省委、湖北省妇联。", "Organization", "共青团湖北省委", "org.place-organ"),
    # a dotted name after a post; a speaker introducing themself
    ("总工会主席阿依古丽·买买提出席并讲话。", "Person", "阿依古丽·买买提", "person.post-name"),
    ("“我叫王小璐，是职工子女。”", "Person", "王小璐", "person.called"),
    ("来自湖北省四川商会的30多名爱心人士奉献了爱心。", "Organization", "湖北省四川商会", "org.place-unit"),
    ("武汉市青山区总工会农民工维权站站长向永明出席。", "Organization", "武汉市青山区总工会农民工维权站", "org.facility"),
    ("慰问艰苦岗位职工和一线职工。", "WorkerGroup", "艰苦岗位职工", "group.modifier-head"),
    ("接收了300名从南疆过来的少数民族农民工。", "WorkerGroup", "少数民族农民工", "group.modifier-head"),
    # an association whose post the tagger glues to it (协会主席)
    ("遂宁市建筑工人协会主席李天明带领22个农民工来到了现场。", "Organization", "遂宁市建筑工人协会", "org.place-unit"),
    # a particle is stripped only where a word starts after it (过年, 出口); a count of places is no part of a name
    ("每位参加活动的农民工还可以免费领取过年大礼包。", "Measure", "过年大礼包", "measure.verb-object"),
    ("国家实行统一的出口管制制度。", "Measure", "出口管制制度", "measure.verb-object"),
    ("推动职工之家建设，建设完成100家职工书屋。", "Measure", "职工书屋", "measure.vocab"),
    # a training course is a measure
    ("市总工会举办了工资集体协商指导员培训班。", "Measure", "工资集体协商指导员培训班", "measure.verb-object"),
    ("促进农村剩余劳动力转移就业。", "WorkerGroup", "农村剩余劳动力", "group.vocab"),
    # Taiwan's legislators and party posts before a name
    ("敬邀民进党立委蔡明余、蓝营前立委罗淑芳、国民党文传会副主委郑世安，为您深入剖析。", "Person", "罗淑芳",
     "person.post-name"),
    # a place's unit named by its trade
    ("延安市道路运输行业协会组织司机参加培训。", "Organization", "延安市道路运输行业协会", "org.place-unit"),
    ("石家庄困难职工援助中心继续开门。", "Organization", "石家庄困难职工援助中心", "org.place-unit"),
    # names printed before their posts in a list (Taiwan's order), after a list mark or an organization
    ("并邀请台南市政府劳工局林志远副局长、黄美玲专员、东山区总工会赖明德常务理事共同见证。", "Person", "黄美玲",
     "person.listed-name-post"),
    ("并邀请台南市政府劳工局林志远副局长、黄美玲专员、东山区总工会赖明德常务理事共同见证。", "Person", "赖明德",
     "person.listed-name-post"),
    # the sick of a mutual-aid scheme, the registered poor, a campaign's front, migrant workers by people
    ("为患大病职工提供了一个重要保障。", "WorkerGroup", "患大病职工", "group.modifier-head"),
    ("把工会的关爱送到在档困难职工手里。", "WorkerGroup", "在档困难职工", "group.modifier-head"),
    ("重点慰问困难职工，疫情防控一线职工。", "WorkerGroup", "疫情防控一线职工", "group.modifier-head"),
    ("帮助少数民族务工人员解决实际困难。", "WorkerGroup", "少数民族务工人员", "group.modifier-head"),
    # a place's units where the text names the place again: a community after its street, a charity, a sanitation centre
    ("近日，江油市胜利街道白龙社区联合江油市总工会开展活动。", "Organization", "江油市胜利街道白龙社区", "org.place-unit"),
    ("新华区总工会筹措资金，并与新华区慈善总会、新华区环卫中心沟通。", "Organization", "新华区慈善总会", "org.place-unit"),
    # an agreement between unions, titled
    ("东山省总工会与五省市工会签订了《东山籍务工人员服务三方协议》。", "Measure", "东山籍务工人员服务三方协议", "measure.titled-doc"),
    # a district or county-level city the dictionary lists as a common noun (龙岗区/n)
    ("日前，龙岗区总工会先后在街道社区开展活动。", "Organization", "龙岗区总工会", "org.place-union"),
    # a name after a kinship role word, then how she spoke; migrant workers who came to 深 (Shenzhen)
    ("环卫大姐任静芳激动地说道。", "Person", "任静芳", "person.role-name"),
    ("为了提高来深务工人员的法治意识。", "WorkerGroup", "来深务工人员", "group.origin"),
    # a numbered name the text calls a campaign (not a numbered slogan, nor a holiday)
    ("工会开展“四送”活动。", "Measure", "四送", "measure.quoted"),
    # a street jieba cuts in two, printed after its district
    ("近日，北辰区果园新村街道总工会依托社区工会驿站开展活动。", "Organization", "北辰区果园新村街道总工会", "org.place-union"),
    # a speaker after a closing quote of traditional text
    ("『當時想找個地方去評理卻找不到門！』曹國富說。", "Person", "曹国富", "person.name-verb"),
    # a transcript page showing one turn of a speaker, the tag alone on its line
    ("解说：\n\n当涉及女职工的问题时，社会越来越重视。\n\n周晓燕：\n\n这个问题每个人都有意见。", "Person", "周晓燕",
     "person.speaker"),
]


@pytest.mark.parametrize("text, cls, label, rule", ENTITIES)
def test_entity_shapes(make_article, lexicon, text, cls, label, rule):
    ex = extract(make_article(text), lexicon)
    assert (cls, label) in _entities(ex)
    assert rule in _rules(ex, label)


NOT_ENTITIES = [
    ("工会为女职工权益提供制度保障。", "Measure", "制度保障"),
    ("天津成立第一个工会困难职工帮扶中心。", "Organization", "天津成立第一个工会困难职工帮扶中心"),
    ("要发挥辖区内社区家长学校的作用。", "Organization", "辖区内社区家长学校"),
    ("“中国农民丰收节”活动在各地举行。", "Measure", "中国农民丰收节"),
    # a permit after a job title, a way of address after a surname
    ("取得《爆破作业人员许可证》后，方可从事爆破作业。", "Person", "许可证"),
    ("环卫工王师傅正在清扫路面。", "Person", "王师傅"),
    ("集团所属8个分局和所属部分公司工会负责人参加会议。", "Organization", "所属部分公司工会"),  # some companies' unions
    ("各地工会举办公益活动，设立母婴室。", "Measure", "公益活动"),  # what any body does, not a programme
    ("湖北工会开展暖心慰问活动。", "Measure", "暖心慰问"),
    ("莘县、冠县总工会积极行动，广泛宣传。", "Organization", "县总工会"),  # the 县 of 冠县
    ("本地户籍职工和外地职工同工同酬。", "WorkerGroup", "户籍职工"),  # household registration, no place
    ("县级以上广播电台电视台应当支付报酬。", "Organization", "广播电台电视台"),  # kinds of stations
    ("市总工会在14个产业工会都建立了服务队。", "Organization", "14个产业工会"),  # a count of unions
    ("规范外国律师事务所驻华代表机构。", "Organization", "外国律师事务所"),
    ("52岁的王朝阳身着橙色工装。", "Person", "王朝"),  # never a name cut inside the word after the surname
    ("全国五一劳动奖章获得者李红梅来自生产一线。", "WorkerGroup", "五一劳动奖章获得者"),
    ("鼓励乡镇卫生院、优抚医院开展服务。", "Organization", "优抚医院"),  # kinds of units
    ("设置普通高等学校，应当符合规划。", "Organization", "设置普通高等学校"),  # a kind of school
    ("主持人：您好。\n王建新：我们在街上巡逻。", "Person", "王建新"),  # one turn is no transcript yet
    ("马钢、宝钢、武钢、鞍钢等企业代表出席。", "Person", "宝钢"),  # a list of companies, not of names
    ("对烈士遗属采取悬挂光荣牌、送喜报等措施。", "Measure", "悬挂光荣牌"),  # acts, not systems
    ("南平市各县区工会要做好工作。", "Organization", "南平市各县区工会"),  # many units' unions
    ("南平新闻网6月15日讯（南平日报记者 杜甫芸） 记者昨日从市总工会获悉。", "Person", "杜甫"),
    ("南平市总工会当即指派南平市农民工维权中心主任王建国赶赴现场。", "Organization", "南平市总工会当即指派南平市农民工维权中心"),
    ("李红梅3名职工获得表彰。", "Person", "李红梅"),  # a count after one name: no list
    ("国家经济开发区总工会", "Organization", "国家经济开发区总工会"),
    ("来自基层的代表获得表彰。", "Person", "代表"),
    ("全年开展约3万场次职工文化活动。", "Measure", "约3万场次职工文化活动"),  # a count
    ("全年开展约3万场次职工文化活动。", "Measure", "3万场次职工文化活动"),
    ("截至目前，全市已经建成近400处工会爱心驿站。", "Measure", "近400处工会爱心驿站"),  # places counted
    ("重庆市工会条例第五条规定。", "Organization", "重庆市工会"),  # a law's title
    ("两个班组获评全国工人先锋号。", "WorkerGroup", "工人"),  # an award, not a group
    ("为庆祝教师节，工会组织联欢。", "WorkerGroup", "教师"),  # a festival
    # a predicate inside a verb's object: the measure is only what follows it
    ("企业不得采取不正当手段干扰工资集体协商。", "Measure", "不正当手段干扰工资集体协商"),
    ("推动事业单位进行平等协商。", "Measure", "事业单位进行平等协商"),
    ("他认为“两个确保”活动很好。", "Measure", "两个确保"),  # a short numbered slogan
    ("他说“好，很好”，然后离开。", "Measure", "好，很好"),  # a quoted sentence
    ("主席钱庆和及县总工会班子成员参加。", "Organization", "和及县总工会"),  # words, not a place
    ("两省一市人民政府联合发文。", "Organization", "两省一市人民政府"),
    ("并代表总公司工会慰问了2名特困职工。", "Organization", "代表总公司工会"),
    ("该市总体经济运行平稳。", "Organization", "市总工会"),  # 总体, not a union
    ("公司副总经理出席。", "Organization", "司副总工会"),
    ("湖北省总工会权益保障部长付家明出席。", "Organization", "湖北省总工会权益保障部"),  # 部长 is a post
    ("这是四川工会贯彻落实指示精神的具体行动。", "Measure", "具体行动"),
    ("禁止任何单位进行犯罪活动。", "Measure", "犯罪活动"),  # 进行 names services only
    ("2020年开展了一系列行动。", "Measure", "开展了一系列行动"),  # no name after the date
    ("希望劳模发挥示范引领作用。", "Measure", "示范引领"),
    ("足额发放防暑降温费和高温津贴。", "Measure", "防暑降温费和高温津贴"),
    ("他回答说“好的，我明白”这句话。", "Measure", "好的，我明白"),  # no 活动 after it
    ("书包里装着“文具包”。", "Measure", "文具包"),  # nothing handed over
    ("该公司在上市委员会审议通过。", "Organization", "上市委员会"),
    ("宣传教育部部长王长明出席。", "Organization", "教育部"),  # a union's department
    ("向48户困难职工家庭发放补助金。", "WorkerGroup", "困难职工"),  # a household is not the group
    ("慰问两家公司工会联合会近千名会员。", "Organization", "两家公司工会联合会"),
    ("此次活动将“站长日”与新春送温暖活动结合。", "Measure", "站长日与新春送温暖活动"),
    ("组织教职工开展以“爱国奋斗，争创一流”为主题的知识竞赛。", "Measure", "爱国奋斗，争创一流"),  # a theme
    ("组织了优秀职工到九宫山疗休养。", "Measure", "优秀职工到九宫山疗休养"),  # 组织了 names contests only
    ("学院应当健全班委会制度、学籍制度和考勤制度。", "Measure", "学籍制度"),  # a list of housekeeping rules
    ("抚顺市各县区工会开展活动。", "Organization", "抚顺市各县区工会"),
    ("市总工会主席王为大家介绍情况。", "Person", "王为大"),
    ("去年她考上了江东农业工程学院，但学费让家里犯难。", "Organization", "了江东农业工程学院"),
    ("忠山县已建成“爱心妈咪小屋”5个。", "Organization", "妈咪小屋"),
    ("漳州第一技工学校廖如萱等11名职工荣获称号。", "Person", "荣获"),
    ("县级以上地方人民政府污染源普查领导小组负责实施。", "Organization", "地方人民政府污染源普查领导小组"),
    ("县人民政府应当组织实施。", "Organization", "县人民政府"),  # a law's any county
    ("指导全省各市县工会开展健步走活动。", "Organization", "各市县工会"),  # the unions of many places
    ("活动在南宁市大学西路169号项目举办。", "Organization", "南宁市大学"),  # a street's name
    # what opens a clause before a list is no unit, nor a post and a name, nor the sites of an event
    ("全国劳模走进清华大学、北京大学等高校。", "Organization", "全国劳模走进清华大学"),
    ("县委常委、宣传部长、总工会主席孙明丽带队，前往车站、工地等现场。", "Organization", "总工会主席孙明丽带队"),
    ("前往垃圾中转站北站、县纪委监委办案中心建设工地、永安车桥铸造车间等10个高温现场。", "Organization",
     "永安车桥铸造车间"),
    ("困难职工、农民工家中都收到了慰问品。", "Person", "农民工"),  # a group visited at home
    ("市总工会主席李明和全国劳模代表出席。", "Person", "全国劳"),
    ("北京市举办公司年会。", "Organization", "北京市举办公司"),  # a verb is no trade
    ("推动职工之家建设，建设完成100家职工书屋。", "Measure", "完成100家职工书屋"),
    ("每位参加活动的农民工还可以免费领取过年大礼包。", "Measure", "年大礼包"),
    ("村重点发展村级工会。", "Organization", "村重点发展村级工会"),  # a village's union needs the village's name
    ("锡林郭勒盟职工创新工作室揭牌。", "Organization", "郭勒盟职工创新工作室"),  # no name inside a place's name
    ("对贯彻执行党和国家有关行政学院工作的方针政策提出意见。", "Organization", "党和国家有关行政学院"),
    ("作家协会、妇女联合会、残疾人联合会等人民团体应当协助。", "Organization", "妇女联合会"),  # kinds of body
    # a list of members, posts and units run together: a post and its holder are no part of the next unit's name
    ("被采访人：陈大明江宁市总工会主席张小山江宁圣华玻璃有限公司总经理", "Organization", "主席张小山江宁圣华玻璃有限公司"),
    ("并邀请工会代表、职工代表共同见证。", "Person", "职工"),  # a word before a post is no name
    ("东山省2022年中秋国庆送温暖活动正式启动。", "Measure", "中秋国庆送温暖活动"),  # an edition of 送温暖
    ("工会开展“五一”活动。", "Measure", "五一"),  # a holiday
    ("示范区总工会开展活动。", "Organization", "示范区总工会"),
    ("路过的货运司机都能进门，享受“娘家人”的温暖服务。", "Measure", "娘家人"),  # a quality enjoyed, not a gift  # a common noun, not a place (示范: a frequent word)
    # a launch reported, not a campaign named: a post, a person and what they do
    ("市总工会副主席张明远宣布活动正式启动。", "Measure", "副主席张明远宣布活动"),
]


@pytest.mark.parametrize("text, cls, label", NOT_ENTITIES)
def test_not_entities(make_article, lexicon, text, cls, label):
    assert (cls, label) not in _entities(extract(make_article(text), lexicon))


# (sentence, person, organization, role as printed, rule)
MEMBERS = [
    # roles ending in 带头人 and 助理 in a list of honoured people
    ("获表彰的职工分别是：江淮星辰智能装备股份有限公司装备研制技术带头人刘志勇，青溪县农业试验站副班长周小英，某某村党总支书记李小山，江南市中级人民法院法官助理尤明，星河零距离社会服务中心社工仇小婷。", "刘志勇", "江淮星辰智能装备股份有限公司", "装备研制技术带头人", "member.org-role"),
    ("获表彰的职工分别是：江淮星辰智能装备股份有限公司装备研制技术带头人刘志勇，青溪县农业试验站副班长周小英，某某村党总支书记李小山，江南市中级人民法院法官助理尤明，星河零距离社会服务中心社工仇小婷。", "尤明", "江南市中级人民法院", "法官助理", "member.org-role"),
    # the secretariat's name is part of the post held in the union itself
    ("中华全国总工会书记处书记、党组成员王海涛出席。", "王海涛", "中华全国总工会", "书记处书记", "member.post-name"),
    # a TV caption sets the name off by white space; the role is kept without it
    ("四川宏达塑业有限公司员工 邓志军：我们很高兴。", "邓志军", "四川宏达塑业有限公司", "员工", "member.org-role"),
    ("全国五一劳动奖章获得者、广西电网有限责任公司百色供电局电工陈立新；", "陈立新", "广西电网有限责任公司百色供电局", "电工", "member.org-role"),
    # honour lists: a brand jieba tags as a noun, a unit by its last unit noun
    ("全国劳动模范、茅台集团勾贮车间首席勾兑师王建国；", "王建国", "茅台集团勾贮车间", "首席勾兑师", "member.org-role"),
    ("省五一劳动奖章获得者、贵州安吉航空精密铸造有限责任公司铸造工陈立新；", "陈立新", "贵州安吉航空精密铸造有限责任公司", "铸造工", "member.org-role"),
    # a name ending in 和, before 及 (no conjunction stands there)
    ("区人大常委会副主任、区总工会主席陈永和及区总工会班子成员出席。", "陈永和", "区总工会", "主席", "member.post-name"),
    ("获奖者有华东港务物流有限公司叉车司机钱立军，他说。", "钱立军", "华东港务物流有限公司", "叉车司机", "member.org-role"),
    ("西北理工大学材料学院院长陶文明出席。", "陶文明", "西北理工大学材料学院", "院长", "member.post-name"),
    ("中车株洲电力机车有限公司焊接首席技师吴海东，从业二十年。", "吴海东", "中车株洲电力机车有限公司", "焊接首席技师", "member.org-role"),
    # chained posts: each organization its own posts
    ("江苏省人大常委会副主任、省总工会主席周建明出席。", "周建明", "江苏省人大常委会", "副主任", "member.post-name"),
    ("江苏省人大常委会副主任、省总工会主席周建明出席。", "周建明", "江苏省总工会", "主席", "member.post-name"),
    # a bare level form holds the posts when the article names no place
    ("县人大常委会副主任、县总工会主席郑光明出席。", "郑光明", "县总工会", "主席", "member.post-name"),
    # a second name after a comma holds its posts in the organization of the first
    ("东山市总工会党组书记、副主席王立群，副主席刘小敏一行调研。", "刘小敏", "东山市总工会", "副主席", "member.post-name"),
    # party posts of a department: 统战部长, 宣传部长
    ("县委副书记、统战部长张天民致辞。", "张天民", "县委", "统战部长", "member.post-name"),
    # a leading group is an organization with posts
    ("全总党组成员、全国工会职工书屋建设领导小组组长李守明出席。", "李守明", "全国工会职工书屋建设领导小组", "组长",
     "member.post-name"),
    ("全总党组成员、全国工会职工书屋建设领导小组组长李守明出席。", "李守明", "中华全国总工会", "党组成员", "member.post-name"),
    ("湖北省总工会权益保障部长付家明出席。", "付家明", "湖北省总工会", "权益保障部长", "member.org-role"),
    ("奎山市人大副主任、总工会主席田新华出席。", "田新华", "奎山市总工会", "主席", "member.post-name"),
    ("区总工会副主席、区女职工委员会主任何小英作报告。", "何小英", "区总工会", "副主席", "member.post-name"),
    ("市总工会党组书记、常务副主席杜拥明进行欢送并致辞。", "杜拥明", "市总工会", "常务副主席", "member.post-name"),
    ("卫东区人大副主任，卫东区总工会主席李文明、副主席司军华陪同。", "李文明", "卫东区人大", "副主任", "member.post-name"),
    ("卫东区人大副主任，卫东区总工会主席李文明、副主席司军华陪同。", "司军华", "卫东区总工会", "副主席", "member.post-name"),
    ("涿北市技师学院党总支书记、院长鲁清明出席。", "鲁清明", "涿北市技师学院", "党总支书记", "member.post-name"),
    # a municipality in the article is never the province of 省总工会
    ("四川省总工会启动专列，北京站至成都站。省总工会副主席王立新说。", "王立新", "四川省总工会", "副主席", "member.post-name"),
    # an organization, a name, then the post (Taiwan's order)
    ("并邀请台南市政府劳工局林志远副局长、黄美玲专员共同见证。", "林志远", "台南市政府劳工局", "副局长",
     "member.org-name-post"),
]


@pytest.mark.parametrize("text, person, org, role, rule", MEMBERS)
def test_memberships(make_article, lexicon, text, person, org, role, rule):
    assert (person, org, role, rule) in _members(extract(make_article(text), lexicon))


def test_a_role_in_traditional_text_is_kept_as_printed(make_article, lexicon):
    ex = extract(make_article("人力資源社會保障部副部長王建華出席。"), lexicon)
    assert {r.role for r in ex.relations if r.predicate == "member"} == {"副部長"}


# (sentence, measure, group, rule)
TARGETS = [
    # a clause giving only the date between the purpose and the programme
    ("为进一步关心周边环卫工人、园林绿化工人等户外劳动者，11月15日，某区工会驿站开展了“冬日暖心”慰问活动。",
     "冬日暖心慰问活动", "园林绿化工人", "targets.aim-word-next"),
    # a group receiving a quoted benefit
    ("该区30多名环卫工人在现场领取了“爱心早餐”。", "爱心早餐", "环卫工人", "targets.received"),
    # the means listed after 通过, then whom they are for
    ("工会通过“暖心送”活动、技能竞赛等多种活动为全市新就业形态劳动者送上贴心关爱。", "暖心送", "新就业形态劳动者",
     "targets.aim-word"),
    ("工会近年来通过求学圆梦等活动为农民工送上关爱。", "求学圆梦行动", "农民工", "targets.aim-word"),
    # 以 groups 为重点, a group the tagger does not know inside the list
    ("东山工会以农民工、未转制单位员工、劳务派遣工等为重点群体，从就业援助、医疗互助等方面入手为职工办实事。", "就业援助",
     "劳务派遣工", "targets.focus-group"),
    ("组织对全校困难职工进行节日慰问。", "节日慰问", "困难职工", "targets.frame"),
    ("工会向顶着烈日，坚守岗位的环卫工人送去“清凉礼包”。", "清凉礼包", "环卫工人", "targets.frame"),
    ("开发适合就业困难人员的公益性岗位。", "公益性岗位", "就业困难人员", "targets.frame"),
    ("支持农民工参加职业技能培训。", "职业技能培训", "农民工", "targets.frame"),
    ("组织教职工开展知识竞赛。", "知识竞赛", "教职工", "targets.frame"),
    ("组织在岗女职工进行健康体检。", "健康体检", "在岗女职工", "targets.frame"),
    ("扩大女职工免费“两癌”筛查力度。", "两癌筛查", "女职工", "targets.compound"),
    ("主要针对200户企业的500名建档特困职工开展生活救助。", "生活救助", "特困职工", "targets.aim-word"),
    ("两部门印发《关于切实解决拖欠农民工工资问题的通知》。", "关于切实解决拖欠农民工工资问题的通知", "农民工", "targets.in-title"),
    ("各地驿站开展重阳节暖心慰问活动，为环卫工人送上祝福。", "重阳节暖心慰问活动", "环卫工人", "targets.aim-word-before"),
    # a list of programmes closing the clause, one item unlisted; the vehicle of a programme
    ("开展送温暖、送清凉、送健康等活动，帮助广大环卫工人解决实际困难。", "送温暖", "环卫工人", "targets.aim-word-before"),
    ("县总工会以“强工杯”职业技能竞赛体系为抓手，为各行业职工提供比武舞台。", "强工杯职业技能竞赛体系", "职工",
     "targets.aim-word-before"),
    # a helping verb a few clauses after the measure, a count before the group
    ("市总工会把送温暖资金下拨到基层，并要求各级工会筹集资金，走访慰问500名以上的困难职工。", "送温暖资金", "困难职工",
     "targets.help-verb"),
    ("联合实施“家政培训工程”，计划从明年开始，每年扶持一批农民工从事家政服务。", "家政培训工程", "农民工", "targets.help-verb"),
    # the programme the article reports on, then whom it favours; a count heading the name
    ("此次职工疗休养活动，重点向一线职工倾斜。", "职工疗休养", "一线职工", "targets.subject-frame"),
    # the union's stations as a programme: whom the sentence says they serve
    ("工会驿站是工会为环卫工人、快递员等户外劳动者提供休息服务的站点。", "工会驿站", "户外劳动者", "targets.subject-frame"),
    ("全国工会启动“百万农民工培训行动”。", "百万农民工培训行动", "农民工", "targets.compound"),
    # a document's title with its years names whom it is for; its 工会工作 is no union
    ("全总发布《深入推进快递员工会工作三年行动计划（2024—2026年）》。", "深入推进快递员工会工作三年行动计划（2024—2026年）", "快递员",
     "targets.in-title"),
    ("市总工会对500名女职工开展了“两癌”检查。", "两癌检查", "女职工", "targets.frame"),
    ("市总工会开展了春节“送温暖”活动，给50名环卫工人送去节日慰问。", "送温暖", "环卫工人", "targets.aim-word-before"),
    # a purpose clause aims the next clause's programme; a caring verb opening the name
    ("为保障环卫工人的身体健康，区总工会开展“送清凉”活动。", "夏送清凉", "环卫工人", "targets.aim-word-next"),
    ("为关心关爱环卫工人，推动城市建设，市总工会将组织开展职工疗休养工作。", "职工疗休养", "环卫工人", "targets.aim-word-next"),
    ("省总工会启动“送建筑工人回家过年活动”。", "送建筑工人回家过年活动", "建筑工人", "targets.compound"),
    # the aiming clause opens with how, or comes after a clause that only counts the stations
    ("一些单位开展“送清凉”活动，用贴心服务为户外劳动者驱散暑热。", "夏送清凉", "户外劳动者", "targets.aim-word-before"),
    ("某区建立“工会驿站”，目前已建成30个，为户外劳动者提供歇脚的地方。", "工会驿站", "户外劳动者", "targets.aim-word-before"),
    # what a programme is for, said of it as its sentence's subject; 我市部分 before the group
    ("“金秋助学”是为解决困难职工子女上学问题的一项重要措施。", "金秋助学", "困难职工", "targets.subject-frame"),
    ("市总工会开展春节送温暖活动，走访慰问我市部分困难职工。", "送温暖", "困难职工", "targets.help-verb"),
    # 让 + groups after the programme's clause, its 的行动 tail; a station network as a programme
    ("区总工会还开展了“冬送温暖”的行动，让困难职工感受到工会的温暖。", "送温暖", "困难职工", "targets.aim-word-before"),
    ("“爱心驿站”是工会为环卫工人提供休息服务的站点。", "爱心驿站", "环卫工人", "targets.subject-frame"),
    # 把/将 what the programme brings, 送到/送达 the group
    ("县总工会开展“雪中送暖”活动，把工会组织的温暖及时送到户外劳动者的心坎上。", "雪中送暖", "户外劳动者",
     "targets.aim-word-before"),
    # a named kind of the campaign between its slogan and 活动; the union's own edition as the subject
    ("区总工会启动“情暖环卫工 共建幸福城”爱心凉茶铺活动，为坚守在高温一线的户外劳动者送去清凉。",
     "情暖环卫工 共建幸福城", "户外劳动者", "targets.aim-word-before"),
    ("某市总2011年“送温暖”活动，将重点对困难职工进行走访慰问。", "送温暖", "困难职工", "targets.subject-frame"),
    # a clause saying when, then the union as subject, between the programme and its aiming clause
    ("我市将开展“送清凉”活动，在此期间，市总工会将免费为快递员、外卖骑手派发清凉物资。", "夏送清凉", "外卖骑手",
     "targets.aim-word-before"),
    # a short modifier between the helping verb and the group
    ("开展“暖心留工”活动，慰问苦脏累险一线职工5万人次。", "暖心留工", "一线职工", "targets.help-verb"),
    # a purpose clause (为进一步培养…), a clause saying when, then the programme launched
    ("为进一步培养选树高技能人才，2016年起，河北省启动“金牌工匠”培养计划。", "金牌工匠培养计划", "高技能人才",
     "targets.aim-word-next"),
    # a narrow group named inside the programme's name
    ("市总工会开展“寻找最美农民工”活动。", "寻找最美农民工", "农民工", "targets.compound"),
    # 加大对 G 的帮扶力度: the programme named before in the sentence
    ("为做好今冬送温暖工作，省总工会要求各级工会不断加大对困难职工、农民工的帮扶力度。", "送温暖", "农民工",
     "targets.care-degree"),
    # a purpose clause thanking the group, then the programme launched
    ("为感谢广大职工在疫情防控中的付出，省总工会启动职工疗休养活动。", "职工疗休养", "职工", "targets.aim-word-next"),
    # 发动/动员 a group, with a count, to take part
    ("发动不少于5万名环卫工、快递员等一线职工参加职工医疗互助活动。", "职工医疗互助", "快递员", "targets.frame"),
]


@pytest.mark.parametrize("text, measure, group, rule", TARGETS)
def test_targets(make_article, lexicon, text, measure, group, rule):
    assert (measure, group, rule) in _targets(extract(make_article(text), lexicon))


def test_an_object_list_needs_a_programme_with_its_head_before(make_article, lexicon):
    ex = extract(make_article("县总工会启动“暖心同行”专项行动。该项目对象为环卫工人。"), lexicon)
    assert not {t for t in _targets(ex) if t[2] == "targets.object-list"}


def test_a_frame_without_a_handing_over_word_aims_nothing(make_article, lexicon):
    assert not _targets(extract(make_article("对农民工进行管理，开展调查。"), lexicon))


def test_a_document_about_all_workers_aims_at_no_one_in_particular(make_article, lexicon):
    ex = extract(make_article("省总工会印发《关于开展职工技能提升行动的实施意见》。"), lexicon)
    assert not {t for t in _targets(ex) if t[2] == "targets.in-title"}


def test_a_numbered_scope_list_gives_narrower_groups(make_article, lexicon):
    text = ("本办法所称就业困难人员，是指有就业愿望的人员。具体范围包括：\n"
            "（一）属于零就业家庭成员的；\n（二）大龄失业人员；\n（三）城镇残疾人。")
    ex = extract(make_article(text), lexicon)
    got = {(r.subject.label, r.object.label) for r in ex.relations
           if r.predicate == "broader" and r.evidence.rule == "broader.scope-list"}
    assert got == {("零就业家庭成员", "就业困难人员"), ("大龄失业人员", "就业困难人员"), ("残疾人", "就业困难人员")}


def test_an_edition_keeps_its_full_form_as_an_alias(make_article, lexicon):
    ex = extract(make_article("他参加了第九届全国职工职业技能大赛。"), lexicon)
    assert ("全国职工职业技能大赛", ("第九届全国职工职业技能大赛",)) in {(e.ref.label, e.aliases) for e in ex.entities}


def _broader(ex) -> set[tuple[str, str]]:
    return {(r.subject.label, r.object.label) for r in ex.relations if r.predicate == "broader"}


def test_front_line_workers_are_no_narrower_group(make_article, lexicon):
    ex = extract(make_article("区总工会看望一线环卫工人，为环卫工人和一线职工送去慰问品，职工们很感动。"), lexicon)
    assert ("一线环卫工人", "环卫工人") not in _broader(ex)
    assert ("一线职工", "职工") in _broader(ex)  # a group the vocabulary knows stays narrower


def test_a_bare_head_names_no_broader_group(make_article, lexicon):
    ex = extract(make_article("工会为环卫工人、户外劳动者送清凉，全市工人和劳动者都很感动。城镇困难职工也得到帮助，困难职工生活改善。"),
                 lexicon)
    assert ("环卫工人", "工人") not in _broader(ex) and ("户外劳动者", "劳动者") not in _broader(ex)
    assert ("城镇困难职工", "困难职工") in _broader(ex)


def test_members_are_no_kind_of_work(make_article, lexicon):
    ex = extract(make_article("此次活动主要面向环卫工人、快递员、出租车司机等会员人群。"), lexicon)
    assert not {b for b in _broader(ex) if b[1] == "工会会员"}
    assert ("环卫工人", "户外劳动者") not in _broader(ex)  # and no other head is made up
