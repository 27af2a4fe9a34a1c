"""Imported first by the forkserver the workers fork from (worker.PRELOAD), for its effect: the
server dies with the process that started it (PR_SET_PDEATHSIG), and so its workers, which die
with the server. Without it a killed batch leaves the server and its running workers behind: each
worker holds the pipe whose end tells the server its client is gone."""
from disclosure.worker import die_with_parent

die_with_parent()
