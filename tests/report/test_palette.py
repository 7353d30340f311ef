"""The report palette: band colours that stay apart for deuteranopes and in greyscale print."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pytest

from lerende_scan.report import charts


def _deuteranope(hex_colour: str) -> np.ndarray:
    """Machado et al. (2009) deuteranopia simulation at severity 1.0, on linear RGB."""
    m = np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    )
    rgb = np.array(mpl.colors.to_rgb(hex_colour))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return np.clip(m @ linear, 0, 1)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_band_colours_stay_apart_for_deuteranopes(n: int) -> None:
    colours = [_deuteranope(c) for c in charts.band_colours(n)]
    for i, a in enumerate(colours):
        for b in colours[i + 1 :]:
            assert np.abs(a - b).max() > 0.08
    lightness = [float(np.dot(c, [0.2126, 0.7152, 0.0722])) for c in colours]
    assert len({round(x, 2) for x in lightness}) == n  # also distinct in greyscale print
