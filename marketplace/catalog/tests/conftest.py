import pytest


@pytest.fixture(autouse=True)
def category_tree(db):
    """The seeded category tree (re-seeded if a transaction=True test flushed it away)."""
    from marketplace.directory.categories import category_tree_ensure

    category_tree_ensure()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of each test in a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
