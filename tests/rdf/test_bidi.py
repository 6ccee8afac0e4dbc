"""No label, title or alias in the graph carries a bidi control that could disguise it."""

from rdflib.namespace import DCTERMS, RDFS, SKOS

import kg

RLO, PDF = "\u202e", "\u202c"


def test_bidi_controls_are_stripped_from_labels_titles_and_aliases(tmp_path):
    src = tmp_path / "a.md"
    src.write_text(f"# 工会{RLO}关爱{PDF}农民工\n\n市总工会面向农民{RLO}工开展“{RLO}金秋助学{PDF}”活动。\n",
                   encoding="utf-8")
    result = kg.build([src], output=tmp_path / "out", html=False, workers=1)
    g = result.graph
    names = [str(o) for p in (RDFS.label, SKOS.altLabel, DCTERMS.title) for o in g.objects(None, p)]
    assert "工会关爱农民工" in names
    assert names and not any(c in name for name in names for c in (RLO, PDF))
