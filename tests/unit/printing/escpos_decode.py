"""A small ESC/POS decoder for tests: follows ``ESC t`` to decode text, pulls ``GS ( k``
QR payloads, turns ``GS v 0`` rasters into images and counts cuts."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

# ESC t numbers (Epson) -> Python codec
CODECS = {0: "cp437", 2: "cp850", 3: "cp860", 16: "cp1252", 19: "cp858", 40: "iso8859_15"}

_ESC_ONE_ARG = {ord(c) for c in "!-EGMaRdJt{V"}
_GS_ONE_ARG = {ord(c) for c in "!BHhwfa"}


@dataclass
class Decoded:
    text: str = ""
    inits: list[int] = field(default_factory=list)  # offsets of ESC @
    code_pages: list[tuple[int, int]] = field(default_factory=list)  # (offset, n)
    qr_payloads: list[bytes] = field(default_factory=list)
    qr_settings: list[tuple[int, bytes]] = field(default_factory=list)  # (fn, params)
    images: list[Image.Image] = field(default_factory=list)
    cuts: int = 0
    status_queries: int = 0
    commands: list[bytes] = field(default_factory=list)


def decode(data: bytes) -> Decoded:
    out = Decoded()
    page = 0
    text = bytearray()
    chunks: list[str] = []

    def flush() -> None:
        if text:
            chunks.append(bytes(text).decode(CODECS.get(page, "latin-1"), errors="replace"))
            text.clear()

    i = 0
    while i < len(data):
        b = data[i]
        if b == 0x1B:  # ESC
            cmd = data[i + 1]
            if cmd == ord("@"):
                out.inits.append(i)
                out.commands.append(data[i : i + 2])
                i += 2
                continue
            if cmd == ord("t"):
                flush()
                page = data[i + 2]
                out.code_pages.append((i, page))
            if cmd in _ESC_ONE_ARG:
                out.commands.append(data[i : i + 3])
                i += 3
                continue
            raise ValueError(f"unknown ESC {cmd:#x} at {i}")
        if b == 0x1D:  # GS
            cmd = data[i + 1]
            if cmd == ord("("):  # GS ( k pL pH cn fn ...
                size = data[i + 3] | data[i + 4] << 8
                body = data[i + 5 : i + 5 + size]
                if data[i + 2] == ord("k") and body[0] == 0x31:
                    fn = body[1]
                    if fn == 80:
                        out.qr_payloads.append(body[3:])
                    else:
                        out.qr_settings.append((fn, body[2:]))
                out.commands.append(data[i : i + 5 + size])
                i += 5 + size
                continue
            if cmd == ord("v") and data[i + 2] == ord("0"):
                width_bytes = data[i + 4] | data[i + 5] << 8
                height = data[i + 6] | data[i + 7] << 8
                raster = data[i + 8 : i + 8 + width_bytes * height]
                image = Image.frombytes("1", (width_bytes * 8, height), bytes(raster))
                # ESC/POS raster: 1 = black; PIL mode "1": 1 = white.
                out.images.append(Image.eval(image.convert("L"), lambda v: 255 - v))
                flush()
                chunks.append("\n[image]\n")
                i += 8 + width_bytes * height
                continue
            if cmd == ord("V"):
                out.cuts += 1
                m = data[i + 2]
                step = 4 if m in (65, 66) else 3
                out.commands.append(data[i : i + step])
                i += step
                continue
            if cmd in _GS_ONE_ARG:
                out.commands.append(data[i : i + 3])
                i += 3
                continue
            raise ValueError(f"unknown GS {cmd:#x} at {i}")
        if b == 0x10 and data[i + 1] == 0x04:  # DLE EOT n
            out.status_queries += 1
            i += 3
            continue
        text.append(b)
        i += 1
    flush()
    out.text = "".join(chunks)
    return out
