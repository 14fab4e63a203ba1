"""The repository's copies of the shared contract, fixtures and published texts stay identical.

`../shared` beside the checkout is the contract between the product's owners and its developers
(the exchange-format specification, the reference budgets and their published texts, the code
lists). A clone has no `../shared`, so the repository carries a copy of each file it needs, and
this is the one test that reads the originals: it fails when a copy drifts and is skipped, with
the reason, where `../shared` is absent.
"""
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# shared/ path → the repository's copy.
COPIES = {
    "spec/exchange-format.md": "docs/exchange-format.md",
    "fixtures/kizilsu-eco-2024.json": "budget/demo/data/kizilsu-eco-2024.json",
    "fixtures/shpt-chengguan-2026.json": "tests/data/shpt-chengguan-2026.json",
    "reference/000_afd15c6fd474ed3f.txt": "tests/data/kizilsu-eco-2024-budget.txt",
    "reference/shpt-chengguan-2026-budget.txt": "tests/data/shpt-chengguan-2026-budget.txt",
    "codes/functional-2024.csv": "budget/codes/data/functional-2024.csv",
    "codes/economic-2024.csv": "budget/codes/data/economic-2024.csv",
    "codes/README.md": "budget/codes/data/README.md",
}

pytestmark = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"{SHARED} is absent (a plain clone): nothing to compare the copies with"
)


@pytest.mark.parametrize("shared, copy", COPIES.items())
def test_it_keeps_the_copy_identical_to_the_shared_file(shared, copy):
    assert (REPO / copy).read_bytes() == (SHARED / shared).read_bytes(), (
        f"{copy} differs from shared/{shared}: copy the shared file again (it is the contract)"
    )


def test_it_copies_every_shared_file_the_product_uses():
    """A file added to shared/ (other than its hooks) gets a copy here, or this list says why not."""
    shared = {str(p.relative_to(SHARED)) for p in SHARED.rglob("*") if p.is_file()}
    not_needed = {"hooks/before-stop"}  # a developer tool, not the product's
    assert shared - not_needed == set(COPIES)
