"""AppTests of views/institutions/page.py and views/platforms/page.py on the demo."""

from __future__ import annotations

import json

from tests.conftest import run_page


def test_institutions_page(app_db):
    at = run_page("views/institutions/page.py", lang="en")
    assert not at.exception
    who = at.dataframe[0].value
    # actors and event titles in the reader's language (issue 19): the stand-in's English name on the English page
    assert "Secretariat of State for Equality (demo)" in who["Actor"].tolist()
    assert "Schiappa demands an immediate meeting with TikTok" in who["Events"].sum()
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(specs) == 2
    names = {tr.get("name") for tr in specs[1]["data"]}
    assert {"observed", "fitted", "counterfactual (no event)", "95 % prediction interval"} <= names
    # the demo's demand has 16 h of data before it: read against the sister campaign, with the method named
    assert at.selectbox(key="fx_compare_en").value == "auto"
    text = " ".join(m.value for m in at.markdown)
    assert "difference in differences" in text and "balancetonyoutubeur" in text
    assert "Timing is not causation" in text
    assert any(c.value.startswith("Method: difference in differences") for c in at.caption)
    assert specs[1]["layout"]["xaxis"]["range"] == [-16, 24]


def test_institutions_page_without_a_comparison_says_so(app_db):
    at = run_page("views/institutions/page.py", lang="fr", compare="none")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert {tr.get("name") for tr in spec["data"]} == {"observé"}
    assert any("aucune série de comparaison n'a été choisie" in m.value for m in at.markdown)


def test_platforms_page(app_db):
    at = run_page("views/platforms/page.py", lang="fr")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    platforms = {y for tr in spec["data"] for y in (tr.get("y") or [])}
    assert {"tiktok", "twitch"} <= platforms
    assert any("Délais de réponse" in h.value for h in at.subheader)
    log = next(d.value for d in at.dataframe if "Quand (Europe/Paris)" in d.value.columns)  # the response log
    assert "Twitch bannit des streamers mis en cause (comparaison)" in log["Titre"].tolist()
    assert any("heure approximative" in w for w in log["Quand (Europe/Paris)"])
