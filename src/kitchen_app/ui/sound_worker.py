"""The chime's own process: ``python -m kitchen_app.ui.sound_worker WAV``.

Why a process of its own (measured, see docs/ui.md "Alert"): inside the desk's process an
audio server that restarts leaves Qt Multimedia's PulseAudio connection dead for good — a
``QSoundEffect`` keeps saying "playing" and is silent from then on, and a ``QAudioSink``
made after the loss aborts the whole process in libpulse (``pa_context_get_state``
assertion). Here, whatever the audio stack does (hang, abort, silence) happens to this small
process; the desk's window notices that it ended, says so, flashes instead, and starts a
fresh one, which connects to the server that came back.

Protocol, one line each way:
  stdin:  ``play VOLUME`` (0.0-1.0) · ``quit``
  stdout: ``ready`` (an audio output exists) · ``error TEXT`` (none, or a chime failed) ·
          ``played``
Each chime is a fresh ``QAudioSink`` over the decoded WAV, so chimes may overlap.
"""

from __future__ import annotations

import sys
import threading
import wave
from pathlib import Path

__all__ = ["SOUND_WORKER_SWITCH", "main"]

# The hidden first argument that makes a frozen build's executable run this instead of the desk.
SOUND_WORKER_SWITCH = "--sound-worker"


def main(argv: list[str]) -> int:
    from PySide6.QtCore import (
        QBuffer,
        QByteArray,
        QCoreApplication,
        QIODevice,
        QObject,
        QTimer,
        Signal,
    )
    from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

    if len(argv) != 1:
        print("error usage: sound_worker WAV", flush=True)
        return 2
    with wave.open(str(Path(argv[0])), "rb") as wav:
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
        pcm = wav.readframes(wav.getnframes())
    if width != 2:
        print("error the chime must be 16-bit PCM", flush=True)
        return 2
    app = QCoreApplication([])
    fmt = QAudioFormat()
    fmt.setSampleRate(rate)
    fmt.setChannelCount(channels)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    data = QByteArray(pcm)
    playing: list[tuple[QAudioSink, QBuffer]] = []

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def output_ok() -> bool:
        device = QMediaDevices.defaultAudioOutput()
        return not device.isNull() and device.isFormatSupported(fmt)

    def finished(sink: QAudioSink) -> None:
        for pair in list(playing):
            if pair[0] is sink:
                playing.remove(pair)
                sink.stop()
                sink.deleteLater()
                pair[1].deleteLater()

    def play(volume: float) -> None:
        if not output_ok():
            say("error no audio output")
            return
        buffer = QBuffer()
        buffer.setData(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink = QAudioSink(QMediaDevices.defaultAudioOutput(), fmt)
        sink.setVolume(max(0.0, min(1.0, volume)))

        # Compared by name: Qt 6.7 renamed the QAudio namespace QtAudio, and PySide keeps both
        # enums, which never compare equal to each other.
        def state_changed(state: object, s: QAudioSink = sink) -> None:
            if s.error().name not in ("NoError", "UnderrunError"):
                say(f"error audio output failed ({s.error().name})")
                finished(s)
            elif getattr(state, "name", "") in ("IdleState", "StoppedState"):
                finished(s)

        sink.stateChanged.connect(state_changed)
        playing.append((sink, buffer))
        sink.start(buffer)
        if sink.error().name != "NoError":
            say(f"error audio output failed ({sink.error().name})")
            finished(sink)
            return
        say("played")

    class Commands(QObject):
        line = Signal(str)

    def command(line: str) -> None:
        if not line or line.strip() == "quit":  # the desk closed our stdin or asked
            app.quit()
            return
        verb, _, arg = line.strip().partition(" ")
        if verb == "play":
            try:
                volume = float(arg)
            except ValueError:
                volume = 1.0
            play(volume)

    # stdin is read on a thread of its own (a pipe cannot be watched by Qt on Windows); each
    # line reaches the loop as a queued signal.
    commands = Commands()
    commands.line.connect(command)

    def read_stdin() -> None:
        for line in sys.stdin:
            commands.line.emit(line)
        commands.line.emit("")

    threading.Thread(target=read_stdin, name="sound-worker-stdin", daemon=True).start()
    QTimer.singleShot(0, lambda: say("ready" if output_ok() else "error no audio output"))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
