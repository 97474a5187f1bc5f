"""`rasa`, with this assistant's resilience (components/server/resilience.py) and input limits
(components/server/input_limits.py) installed first.

Used exactly like the `rasa` command: `python -m components.server run --model models ...`.
"""

from components.server import input_limits, resilience


def main() -> None:
    resilience.install()
    input_limits.install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
