# The README's two commands are `make run` and `make test`; the rest are helpers.
.PHONY: run test shell train validate lock clean bench

run:  ## install what is missing, train if needed, start the action server and the Rasa server
	@scripts/run.sh

test:  ## install what is missing, train if needed, run the whole test suite
	@scripts/test.sh

shell:  ## chat in the terminal
	@scripts/shell.sh

train:
	@scripts/bootstrap.sh && scripts/train.sh

bench:  ## latency, long conversations, throughput, memory, training and NLU report in bench/ (about half an hour)
	@scripts/bootstrap.sh && scripts/system-packages.sh && . scripts/defaults.sh && scripts/train.sh \
	  && .venv/bin/python scripts/bench.py

validate:
	@scripts/bootstrap.sh && . scripts/defaults.sh && .venv/bin/rasa data validate --fail-on-warnings --domain domain --data data --config config.yml

lock:  ## re-resolve requirements.in together with rasa into requirements.txt
	@rm -rf .venv-lock && .venv/bin/python -m venv .venv-lock \
	  && .venv-lock/bin/pip install --quiet "pip<25" && .venv-lock/bin/pip install --quiet -r requirements.in \
	  && .venv-lock/bin/pip check && .venv-lock/bin/pip freeze > requirements.txt && rm -rf .venv-lock

clean:
	rm -rf .data results models/*.tar.gz .rasa
