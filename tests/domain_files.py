"""The domain as Rasa reads it: every file of the domain/ folder, merged."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from tests.conftest import PROJECT_ROOT

DOMAIN_DIR = PROJECT_ROOT / "domain"


@lru_cache(maxsize=1)
def domain() -> Dict[str, Any]:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(DOMAIN_DIR)).as_dict()
