#!/usr/bin/env python3
"""gen.py OUT [MiB]: a Spanish-looking UTF-8 text (accents, emoji, dates dd/mm/yyyy, e-mails)."""
import random
import sys

WORDS = ("el la los las un una y o de en que por para con sin sobre entre hoy mañana año niño "
         "canción corazón también está están pingüino árbol jardín tejado gato perro ratón "
         "música película teléfono número último rápido fácil difícil según aquí allí después "
         "nación información educación ciudad país señor señora día semana mes cumpleaños "
         "acción camión avión lápiz azúcar güero cigüeña ñandú él tú sí más qué cómo dónde "
         "mañanero soporte correo usuario contacto reunión oficina proyecto código").split()
EMOJI = "😀🎉🚀🌍🐍📅💡✨🔥👍"
DOMAINS = ("hack4u.io", "correo.es", "universidad.edu", "empresa.com", "ejemplo.org", "uni.es")


def main():
    out = sys.argv[1]
    size = int(float(sys.argv[2]) * 1024 * 1024) if len(sys.argv) > 2 else 20 * 1024 * 1024
    rng = random.Random(2026)
    parts = []
    total = 0
    line = []
    while total < size:
        r = rng.random()
        if r < 0.03:
            w = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1990, 2030)}"
        elif r < 0.05:
            w = f"{rng.choice(WORDS)}{rng.randint(0, 99)}@{rng.choice(DOMAINS)}"
        elif r < 0.07:
            w = rng.choice(EMOJI)
        else:
            w = rng.choice(WORDS)
        line.append(w)
        if len(line) >= 12 and rng.random() < 0.2:
            s = " ".join(line) + rng.choice((".", ",", ";", "")) + "\n"
            parts.append(s)
            total += len(s.encode("utf-8"))
            line = []
    text = "".join(parts).encode("utf-8")[:size]
    # Cut on a character boundary.
    text = text.decode("utf-8", errors="ignore").encode("utf-8")
    with open(out, "wb") as f:
        f.write(text)


if __name__ == "__main__":
    main()
