"""AppTest of views/data/page.py: the dataset list, and an upload refused with a sentence."""

from __future__ import annotations

from clameur.ingest.uploads import display_name
from tests.conftest import run_page


def test_data_page_lists_the_demo_datasets(app_db):
    at = run_page("views/data/page.py", lang="en")
    assert not at.exception
    names = at.dataframe[0].value["Name"].tolist()
    assert "balancetontiktokeur" in names
    assert any("clameur import" in c.value for c in at.caption)


def test_hostile_file_names_are_shown_as_harmless_text():
    assert display_name("<img src=x onerror=alert(1)>.jsonl") == "&lt;img src=x onerror=alert(1)&gt;.jsonl"
    assert display_name("evil\u202egpj.jsonl") == "evilgpj.jsonl"
    assert display_name("../../etc/passwd.csv") == "../../etc/passwd.csv"  # shown, never used as a path
    assert len(display_name("a" * 500)) == 121


def test_an_upload_over_the_limit_or_disguised_is_refused_and_nothing_changes(store):
    import pytest

    from clameur import settings
    from clameur.ingest import ImportRefused
    from clameur.ingest.uploads import import_upload
    from clameur.store import scalar

    with pytest.raises(ImportRefused, match=f"{settings.UPLOAD_LIMIT_MB} MB upload limit.*clameur import"):
        import_upload(store, b"x" * (settings.UPLOAD_LIMIT_MB * 2**20 + 1), "big.jsonl", "d")
    with pytest.raises(ImportRefused, match="a PNG image"):
        import_upload(store, b"\x89PNG\r\n\x1a\n", "x.csv", "d")
    assert scalar(store, "SELECT count(*) FROM datasets") == 0
    assert [p.name for p in (store.path.parent / "uploads").iterdir()] == []  # no temporary file left behind


def test_refusals_are_said_in_the_readers_language(store):
    import pytest

    from clameur.ingest import ImportRefused
    from clameur.ingest.uploads import import_upload

    with pytest.raises(ImportRefused) as refused:
        import_upload(store, b"PK\x03\x04rest-of-a-zip", "x.csv", "d")
    assert refused.value.message("fr").startswith("Le fichier est une archive ZIP, pas un fichier de messages")
    assert "Clameur ne décompresse jamais d'archive" in refused.value.message("fr")
    assert "Clameur never expands archives" in str(refused.value)
    with pytest.raises(ImportRefused) as big:
        from clameur import settings

        import_upload(store, b"x" * (settings.UPLOAD_LIMIT_MB * 2**20 + 1), "big.jsonl", "d")
    assert f"{settings.UPLOAD_LIMIT_MB} Mo" in big.value.message("fr")


def test_what_a_refused_file_is_is_said_in_french_too(tmp_path, fixtures_dir):
    from clameur.ingest import ImportRefused, run_import
    from clameur.store import open_store

    s = open_store(tmp_path / "db" / "c.duckdb", read_dirs=[fixtures_dir])
    import pytest

    with pytest.raises(ImportRefused) as refused:
        run_import(s, fixtures_dir / "twarc2_jsonl" / "twarc-csv_users.jsonl", dataset_name="u")
    assert "une recherche de comptes twarc2" in refused.value.message("fr")
    assert "a twarc2 user lookup" in str(refused.value)
    s.close()
