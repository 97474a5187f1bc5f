"""`rasa`, with this assistant's resilience (components/server/resilience.py), input limits
(components/server/input_limits.py), hot-path shortcuts (components/server/hot_path.py) and
training-data checks done once (components/nlu/training_data_checks.py) installed first.

Used exactly like the `rasa` command: `python -m components.server run --model models ...`.
"""

from components.nlu import training_data_checks
from components.server import hot_path, input_limits, resilience, turn_timings


def main() -> None:
    training_data_checks.install()
    resilience.install()
    input_limits.install()
    hot_path.install()
    turn_timings.install_in_rasa()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
