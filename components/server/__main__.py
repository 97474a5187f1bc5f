"""`rasa`, with this assistant's resilience installed first (see components/server/resilience.py).

Used exactly like the `rasa` command: `python -m components.server run --model models ...`.
"""

from components.server.resilience import install


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
