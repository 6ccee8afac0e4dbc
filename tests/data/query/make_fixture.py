"""Regenerate ``seed_small.ttl``: a small graph shaped like CONTRACT.md.

Three articles whose text is cut from the seed corpus; entities, relations and
evidence are written by hand here, with offsets computed from the text so that
every evidence span is real.  Run ``python tests/data/query/make_fixture.py``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, SKOS

GH = Namespace("https://w3id.org/gonghui-kg/ontology#")
GHR = Namespace("https://w3id.org/gonghui-kg/resource/")
ORG = Namespace("http://www.w3.org/ns/org#")

ARTICLES = {
    "a1": dict(
        title="聚焦主责主业把广大职工团结在党的周围",
        column="观点",
        creators=["魏国强"],
        date=("2026-07-02", XSD.date),
        text=(
            "聚焦主责主业把广大职工团结在党的周围\n"
            "魏国强\n"
            "要更多关注农民工群体。农民工是工人阶级的新生活力量,工会组织要进一步加强快递员、送餐员、卡车司机等灵活就业群体和平台就业群体的人会和服务工作。"
            "大力实施农民工“求学圆梦行动”,多渠道促进农民工就业创业。"
            "困难职工是工会帮扶服务的重点,在精准识别的基础上为符合条件的城镇困难职工建档立卡,开展困难职工帮扶攻坚行动。"
            "以工资协商为重点深化集体协商工作,促进形成一线职工工资正常增长机制。\n"
            "(作者为江苏省人大常委会副主任、江苏省总工会主席)"
        ),
    ),
    "a2": dict(
        title="不忘初心对新时代工会工作的重要意义",
        column="三工论坛",
        creators=["郭晶", "艾辉"],
        date=("2026-08", XSD.gYearMonth),
        text=(
            "不忘初心对新时代工会工作的重要意义\n"
            "郭晶 艾辉\n"
            "各级工会组织要不忘竭诚服务职工群众,深入开展困难职工帮扶攻坚行动。"
            "要关心农民工,落实求学圆梦行动,让农民工学习得提升。"
            "郭晶任中华全国总工会研究室主任。"
        ),
    ),
    "a3": dict(
        title="强化五种意识 展现工会作为",
        column="观察思考",
        creators=["唐红"],
        date=("2025-12-15", XSD.date),
        text=(
            "强化五种意识 展现工会作为\n"
            "唐红\n"
            "习近平总书记多次就工会工作作出重要指示,强调要“强化五种意识”。"
            "中华全国总工会推动快递员、送餐员等新就业形态劳动者入会,把集体协商延伸到平台企业。"
        ),
    ),
}

ENTITIES = {
    "person": ["魏国强", "郭晶", "艾辉", "唐红", "习近平"],
    "org": ["江苏省总工会", "中华全国总工会", "工会组织"],
    "group": ["农民工", "快递员", "送餐员", "灵活就业群体", "困难职工", "一线职工", "新就业形态劳动者", "职工群众"],
    "measure": ["求学圆梦行动", "困难职工帮扶攻坚行动", "集体协商", "建档立卡"],
}
CLASS = {"person": GH.Person, "org": GH.Organization, "group": GH.WorkerGroup, "measure": GH.Measure}
ALT = {("group", "农民工"): ["农民工群体"], ("org", "中华全国总工会"): ["全国总工会", "全总"]}

# (article, subject, predicate, object, word located in the text, rule id)
RELATIONS = [
    ("a1", "measure/求学圆梦行动", GH.targets, "group/农民工", "求学圆梦行动", "rel-targets-cooccur"),
    ("a2", "measure/求学圆梦行动", GH.targets, "group/农民工", "求学圆梦行动", "rel-targets-cooccur"),
    ("a1", "measure/困难职工帮扶攻坚行动", GH.targets, "group/困难职工", "困难职工帮扶攻坚行动", "rel-targets-cooccur"),
    ("a1", "measure/建档立卡", GH.targets, "group/困难职工", "建档立卡", "rel-targets-cooccur"),
    ("a2", "measure/困难职工帮扶攻坚行动", GH.targets, "group/困难职工", "困难职工帮扶攻坚行动", "rel-targets-name"),
    ("a1", "measure/集体协商", GH.targets, "group/一线职工", "集体协商", "rel-targets-cooccur"),
    ("a1", "group/快递员", SKOS.broader, "group/灵活就业群体", "快递员", "rel-broader-enum"),
    ("a1", "group/送餐员", SKOS.broader, "group/灵活就业群体", "送餐员", "rel-broader-enum"),
    ("a3", "group/快递员", SKOS.broader, "group/新就业形态劳动者", "快递员", "rel-broader-enum"),
    ("a3", "group/送餐员", SKOS.broader, "group/新就业形态劳动者", "送餐员", "rel-broader-enum"),
    ("a1", "group/灵活就业群体", SKOS.broader, "group/农民工", "灵活就业群体", "rel-broader-context"),
]
# (article, person, role, organization, word, rule id)
MEMBERSHIPS = [
    ("a1", "魏国强", "主席", "江苏省总工会", "江苏省总工会主席", "rel-member-note"),
    ("a2", "郭晶", "主任", "中华全国总工会", "中华全国总工会研究室主任", "rel-member-ren"),
]


def sentence_of(text: str, start: int) -> tuple[int, int]:
    """The sentence (split at 。 and newlines) that holds offset ``start``."""
    begin = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find("。", start), text.find("\n", start)) if i != -1]
    end = min(ends) + 1 if ends else len(text)
    return begin, end


def add_evidence(g, article, s, p, o, word, rule, nth=0):
    text = ARTICLES[article]["text"]
    start = -1
    for _ in range(nth + 1):
        start = text.find(word, start + 1)
    assert start >= 0, (article, word)
    end = start + len(word)
    b, e = sentence_of(text, start)
    key = "|".join(map(str, (s, p, o, article, start)))
    ev = GHR["evidence/" + hashlib.sha1(key.encode()).hexdigest()[:16]]
    g.add((ev, RDF.type, GH.Evidence))
    g.add((ev, RDF.subject, s))
    g.add((ev, RDF.predicate, p))
    g.add((ev, RDF.object, o))
    g.add((ev, GH.article, GHR["article/" + article]))
    g.add((ev, GH.sentence, Literal(text[b:e].strip("\n"), lang="zh")))
    g.add((ev, GH.start, Literal(start, datatype=XSD.integer)))
    g.add((ev, GH.end, Literal(end, datatype=XSD.integer)))
    g.add((ev, GH.rule, GHR["rule/" + rule]))
    g.add((GHR["rule/" + rule], RDF.type, GH.Rule))
    g.add((GHR["rule/" + rule], RDFS.label, Literal(rule)))


def build() -> Graph:
    g = Graph()
    for seg, labels in ENTITIES.items():
        for label in labels:
            e = GHR[f"{seg}/{label}"]
            g.add((e, RDF.type, CLASS[seg]))
            g.add((e, RDFS.label, Literal(label, lang="zh")))
            for alt in ALT.get((seg, label), []):
                g.add((e, SKOS.altLabel, Literal(alt, lang="zh")))
    for aid, a in ARTICLES.items():
        art = GHR["article/" + aid]
        col = GHR["column/" + a["column"]]
        g.add((art, RDF.type, GH.Article))
        g.add((art, DCTERMS.title, Literal(a["title"], lang="zh")))
        g.add((art, GH.column, col))
        g.add((art, GH.text, Literal(a["text"], lang="zh")))
        g.add((art, GH.source, Literal("corpus/seed.md")))
        g.add((art, DCTERMS.date, Literal(a["date"][0], datatype=a["date"][1])))
        g.add((col, RDF.type, GH.Column))
        g.add((col, RDFS.label, Literal(a["column"], lang="zh")))
        for name in a["creators"]:
            add_evidence(g, aid, art, DCTERMS.creator, GHR["person/" + name], name, "byline-author")
            g.add((art, DCTERMS.creator, GHR["person/" + name]))
        for seg, labels in ENTITIES.items():
            for label in labels:
                n = a["text"].count(label)
                for k in range(n):
                    # only mentions not inside a longer entity name of the same text
                    add_evidence(g, aid, art, GH.mentions, GHR[f"{seg}/{label}"], label, f"vocab-{seg}", k)
                if n:
                    g.add((art, GH.mentions, GHR[f"{seg}/{label}"]))
    for aid, s, p, o, word, rule in RELATIONS:
        g.add((GHR[s], p, GHR[o]))
        add_evidence(g, aid, GHR[s], p, GHR[o], word, rule)
    for aid, person, role, org, word, rule in MEMBERSHIPS:
        m = GHR["membership/" + hashlib.sha1(f"{person}|{role}|{org}".encode()).hexdigest()[:16]]
        r = GHR["role/" + role]
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, GHR["person/" + person]))
        g.add((m, ORG.organization, GHR["org/" + org]))
        g.add((m, ORG.role, r))
        g.add((r, RDF.type, ORG.Role))
        g.add((r, RDFS.label, Literal(role, lang="zh")))
        add_evidence(g, aid, m, ORG.member, GHR["person/" + person], word, rule)
    return g


if __name__ == "__main__":
    g = build()
    for prefix, ns in (("gh", GH), ("ghr", GHR), ("org", ORG), ("dcterms", DCTERMS), ("skos", SKOS)):
        g.bind(prefix, ns)
    out = Path(__file__).with_name("seed_small.ttl")
    out.write_text(g.serialize(format="turtle"), encoding="utf-8")
    print(out, len(g), "triples")
