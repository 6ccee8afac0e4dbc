"""Questions by period (``from``/``to``) on the dated fixture: a1 2026-07-02, a2 2026-08
(month only), a3 2025-12-15; and the article date in the CSV export."""

from __future__ import annotations

import csv

import pytest

from kg.export import export_graph
from kg.query import ParamError, run_canned


def column(result, name):
    i = result.variables.index(name)
    return [row[i].value if row[i] is not None else None for row in result.rows]


def test_measures_for_a_group_between_two_dates(store):
    everything = run_canned(store, "measures_for_group_between", {"group": "农民工"})
    assert column(everything, "date") == ["2026-07-02", "2026-08"]
    july = run_canned(store, "measures_for_group_between", {"group": "农民工", "from": "2026-07", "to": "2026-07"})
    assert column(july, "articleTitle") == ["聚焦主责主业把广大职工团结在党的周围"]
    # a month-only date counts from the first of the month, and `to` is compared at its precision
    august = run_canned(store, "measures_for_group_between", {"group": "农民工", "from": "2026-08-01", "to": "2026-08-31"})
    assert column(august, "articleTitle") == ["不忘初心对新时代工会工作的重要意义"]
    assert run_canned(store, "measures_for_group_between", {"group": "农民工", "from": "2026-09"}).rows == ()


def test_mentions_of_an_entity_per_month_and_per_year(store):
    per_month = run_canned(store, "mentions_per_period", {"label": "快递员"})
    assert list(zip(column(per_month, "period"), column(per_month, "articles"))) == [("2025-12", "1"), ("2026-07", "1")]
    per_year = run_canned(store, "mentions_per_period", {"label": "快递员", "per": "year"})
    assert list(zip(column(per_year, "period"), column(per_year, "articles"))) == [("2025", "1"), ("2026", "1")]
    in_2026 = run_canned(store, "mentions_per_period", {"label": "快递员", "from": "2026", "to": "2026"})
    assert column(in_2026, "period") == ["2026-07"]


def test_what_is_new_in_a_period(store):
    new = run_canned(store, "new_in_period", {"from": "2026-08", "to": "2026-08"})
    # a2 is the first dated article naming these; 农民工 was already in a1 (2026-07-02)
    assert set(column(new, "label")) == {"郭晶", "艾辉", "职工群众"}
    assert set(column(new, "first")) == {"2026-08-01"}
    earlier = run_canned(store, "new_in_period", {"from": "2025", "to": "2025"})
    assert "快递员" in column(earlier, "label") and "农民工" not in column(earlier, "label")
    assert set(column(earlier, "firstArticle")) == {"强化五种意识 展现工会作为"}


def test_period_parameters_are_bound_not_pasted(store):
    r = run_canned(store, "measures_for_group_between", {"group": "农民工", "to": '2100") } #'})
    assert column(r, "to") == ['2100") } #'] * 2
    with pytest.raises(ParamError):
        run_canned(store, "mentions_per_period", {"since": "2026"})


def test_csv_export_carries_the_article_date(store, tmp_path):
    entities, relations = export_graph(store, "csv", tmp_path)
    with open(relations, encoding="utf-8-sig", newline="") as fh:
        rels = list(csv.DictReader(fh))
    dates = {r["article_title"]: r["article_date"] for r in rels}
    assert dates == {"聚焦主责主业把广大职工团结在党的周围": "2026-07-02",
                     "不忘初心对新时代工会工作的重要意义": "2026-08",
                     "强化五种意识 展现工会作为": "2025-12-15"}
    with open(entities, encoding="utf-8-sig", newline="") as fh:
        courier = next(e for e in csv.DictReader(fh) if e["label"] == "快递员")
    assert (courier["first_date"], courier["last_date"]) == ("2025-12-15", "2026-07-02")
