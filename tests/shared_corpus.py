"""Where the real corpora and gold live: ``../shared`` beside the repository.

CI has it; a fresh clone on its own does not, and the tests that need it skip with a
message saying what they need, instead of failing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LAWS = SHARED / "corpus" / "laws"


def require_shared(*parts: str) -> Path:
    """The path ``../shared/<parts>``, or skip the calling test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the ../shared folder beside the repository, as CI has)")
    return path
