"""What every result carries so that a later wave can be compared with it: fingerprints and the wave date.

Every ``scores.json`` records, per statement, the fingerprint of its wording in every language, its keying
and the scale (:meth:`~lerende_scan.questionnaire.Item.fingerprint`), the scale itself, and the wave (the
report date and ``--wave-name``). Which statements a factor holds is the factor's ``items`` list.
"""

from __future__ import annotations

import datetime as dt

from lerende_scan.dates import run_date
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult, ScaleRef
from lerende_scan.waves.model import WaveRef

__all__ = ["scan_date", "stamp"]


def scan_date(date: dt.date | None) -> dt.date:
    """The wave's date: ``--date``, else ``SOURCE_DATE_EPOCH``, else today (the report date's rule)."""
    return run_date(date)


def stamp(result: CompanyResult, questionnaire: Questionnaire, wave: WaveRef) -> CompanyResult:
    """``result`` with the statement fingerprints, the scale and the wave filled in."""
    scale = questionnaire.scale
    prints = {item.id: item.fingerprint(scale) for item in questionnaire.items}
    factors = [
        f.model_copy(
            update={"items": [i.model_copy(update={"fingerprint": prints.get(i.id)}) for i in f.items]}
        )
        for f in result.factors
    ]
    ref = result.questionnaire.model_copy(
        update={"scale": ScaleRef(min=scale.min, max=scale.max, fingerprint=scale.fingerprint())}
    )
    return result.model_copy(update={"factors": factors, "questionnaire": ref, "wave": wave})
