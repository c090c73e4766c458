"""Where kg's own data lives: the ontology folder, found without loading any RDF library.

>>> ontology_path("kg.ttl").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ONTOLOGY_DIR", "ontology_path"]


def _find_ontology_dir() -> Path:
    """``kg/ontology`` inside an installed wheel, else the repository's ``ontology/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise RuntimeError(f"kg's ontology folder is missing (looked in {here / 'ontology'} and {here.parent / 'ontology'})")


ONTOLOGY_DIR = _find_ontology_dir()


def ontology_path(*parts: str) -> Path:
    """A path inside the ontology folder, e.g. ``ontology_path("lexicon", "countries.ttl")``."""
    return ONTOLOGY_DIR.joinpath(*parts)
