"""Generated programs: rendering never crashes and every computed total equals its parts."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seffaf.audit import audit
from seffaf.render import Renderer
from seffaf.schema import _CONTROL, Program
from seffaf.views import program_view

from .conftest import ROOT

# What a program may hold: no control character and no bidirectional mark (schema.refuse_control refuses them).
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(lambda s: s.strip() and not _CONTROL.search(s))
amount = st.integers(min_value=0, max_value=10**12).map(Decimal)
CODES = ["01", "02", "03", "04", "05", "06", "07", "08", "09"]


@st.composite
def cost_table(draw):
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=9, unique=True))
    lines = [{"kod": c, "ad": draw(text), "tutar": draw(amount)} for c in sorted(codes)]
    budget = sum(line["tutar"] for line in lines)
    off = {"doner_sermaye": draw(amount), "diger_yurt_ici": None, "yurt_disi": draw(amount)}
    off_total = off["doner_sermaye"] + off["yurt_disi"]
    return {"ekonomik_kodlar": lines, "butce_toplami": budget, "butce_disi": off, "butce_disi_toplami": off_total, "toplam": budget + off_total}


@st.composite
def target(draw, code):
    table = draw(cost_table())
    activities = [{"ad": draw(text), "sorumlu_birim": "Birim A"} for _ in range(draw(st.integers(0, 4)))]
    indicators = [
        {"kod": f"PG {code}.{i}", "ad": draw(text), "degerler": {2024: draw(st.none() | amount), 2025: draw(amount), 2026: draw(amount)}}
        for i in range(1, draw(st.integers(0, 4)) + 1)
    ]
    return {
        "kod": code, "ad": draw(text), "aciklama": draw(text), "sorumlu_birimler": ["Birim A"],
        "gostergeler": indicators, "faaliyetler": activities,
        "maliyet": {"butce": table["butce_toplami"], "butce_disi": table["butce_disi_toplami"], "toplam": table["toplam"]},
        "maliyet_tablosu": table,
    }


@st.composite
def programs(draw):
    aims = []
    for a in range(1, draw(st.integers(1, 3)) + 1):
        goals = []
        for g in range(1, draw(st.integers(1, 3)) + 1):
            goals.append({"kod": f"{a}.{g}", "ad": draw(text), "performans_hedefleri": [draw(target(f"{a}.{g}.{t}")) for t in range(1, draw(st.integers(0, 2)) + 1)]})
        aims.append({"kod": str(a), "ad": draw(text), "hedefler": goals})
    return Program.model_validate({
        "belediye": {"ad": draw(text), "slug": "ornek", "il": draw(text), "tur": "ilce"},
        "yil": 2026,
        "kaynak": {"baslik": draw(text)},
        "gosterge_sutunlari": [
            {"yil": 2024, "tur": "gerceklesen", "baslik": "2024"},
            {"yil": 2025, "tur": "tahmin", "baslik": "2025"},
            {"yil": 2026, "tur": "hedef", "baslik": "2026"},
        ],
        "birimler": [{"ad": "Birim A"}],
        "amaclar": aims,
    })


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_consistent_programs_pass_every_check_and_render(program):
    report = audit(program)
    assert report.failed == []
    view = program_view(program)
    assert view.targets_total == sum(a.cost for a in view.aims)
    site = Renderer(ROOT / "theme", ROOT / "content", {"title": "Deneme"}).render([program])
    assert len(site.pages) >= 3 + len(view.targets)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.integers(min_value=1, max_value=10**6))
def test_a_changed_line_is_always_caught(program, delta):
    targets = [t for a in program.amaclar for g in a.hedefler for t in g.performans_hedefleri]
    if not targets:
        return
    targets[0].maliyet_tablosu.ekonomik_kodlar[0].tutar += delta
    assert any(f.key.endswith("-mt-kodlar") for f in audit(program).failed)
