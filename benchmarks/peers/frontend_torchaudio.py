#!/usr/bin/env python3
"""Times torchaudio's log-mel with the DCASE 2021 settings on one thread, on the same clip and
machine as the JMH frontend benchmark, so the two figures can be compared in one run.

Usage (from the project root; installs Debian's python3-torchaudio when it is missing):
    benchmarks/peers/frontend_torchaudio.sh [CLIP.wav]
"""
import json
import statistics
import sys
import time
import wave

import numpy as np
import torch
import torchaudio


def read_mono(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2:
            sys.exit(f"{path}: expected 16-bit PCM, got {8 * w.getsampwidth()}-bit")
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768
        return pcm.reshape(-1, w.getnchannels()).mean(axis=1), w.getframerate()


def main():
    clip = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/real/street-10s-stereo-44k1.wav"
    audio, rate = read_mono(clip)
    audio = torch.from_numpy(audio[: 10 * rate].copy())
    torch.set_num_threads(1)
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=44100, n_fft=2048, win_length=1764, hop_length=882, f_min=0.0, f_max=22050.0,
        n_mels=40, window_fn=torch.hamming_window, power=1.0, center=True, pad_mode="reflect",
        norm="slaney", mel_scale="slaney")

    def logmel():
        return torch.log(mel(audio) + 2.220446049250313e-16)

    with torch.inference_mode():
        shape = tuple(logmel().shape)
        for _ in range(30):
            logmel()
        times = []
        for _ in range(100):
            start = time.perf_counter()
            logmel()
            times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({
        "peer": f"torchaudio {torchaudio.__version__} (torch {torch.__version__})",
        "threads": torch.get_num_threads(), "shape_mels_frames": shape,
        "median_ms": round(statistics.median(times), 3), "min_ms": round(min(times), 3),
        "max_ms": round(max(times), 3), "runs": len(times)}))


if __name__ == "__main__":
    main()
