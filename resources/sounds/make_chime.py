"""Write chime.wav: the new-order alert, a bright two-tone chime (E6 then C6 with overtones).

Run: python resources/sounds/make_chime.py  (44.1 kHz, 16-bit mono, about 0.6 s).
Two struck notes with a fast attack and an exponential decay carry across a noisy kitchen
without the harshness of a square-wave beep.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
DURATION_S = 0.6
PEAK = 0.89  # of full scale: loud, with headroom so overtones never clip

# (start s, frequency Hz, length s): a falling major third, like a doorbell.
NOTES = [(0.0, 1318.51, 0.32), (0.24, 1046.50, 0.36)]
# Overtones of a bell-like tone: (multiple of the fundamental, relative amplitude).
PARTIALS = [(1.0, 1.0), (2.0, 0.35), (3.0, 0.12)]


def sample(t: float) -> float:
    value = 0.0
    for start, freq, length in NOTES:
        local = t - start
        if not 0.0 <= local < length:
            continue
        attack = min(1.0, local / 0.004)  # 4 ms attack avoids a click
        decay = math.exp(-local * 7.0)
        release = min(1.0, (length - local) / 0.02)  # 20 ms fade at the end
        tone = sum(a * math.sin(2 * math.pi * freq * m * local) for m, a in PARTIALS)
        value += attack * decay * release * tone
    return value


def main() -> None:
    frames = [sample(i / RATE) for i in range(int(RATE * DURATION_S))]
    scale = PEAK / max(abs(v) for v in frames)
    out = Path(__file__).with_name("chime.wav")
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(struct.pack("<h", round(v * scale * 32767)) for v in frames))
    print(out)


if __name__ == "__main__":
    main()
