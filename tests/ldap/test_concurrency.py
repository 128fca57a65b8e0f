"""One Directory shared by 8 threads: every answer is the right one."""

import threading
from concurrent.futures import ThreadPoolExecutor

from portal.ldap import Directory
from portal.testing.slapd import FIXTURE_USERS

THREADS = 8
ROUNDS = 6


def test_eight_threads_sign_in_concurrently(settings):
    directory = Directory(settings({"ldap.group_mode": "member", "ldap.max_concurrent": str(THREADS)}))
    people = [u for u in FIXTURE_USERS.values() if u.enabled]
    barrier = threading.Barrier(THREADS)

    def worker(index):
        barrier.wait()
        outcomes = []
        for round_ in range(ROUNDS):
            person = people[(index + round_) % len(people)]
            wrong = round_ % 3 == 2
            password = person.password + "x" if wrong else person.password
            user = directory.authenticate(person.login, password)
            if wrong:
                outcomes.append(user is None)
            else:
                outcomes.append(
                    user is not None
                    and user.login == person.login
                    and user.display_name == person.display_name
                    and user.unit == person.unit
                    and set(person.direct_groups) <= set(user.groups)
                )
        return outcomes

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))
    assert all(all(r) for r in results), results
    assert sum(len(r) for r in results) == THREADS * ROUNDS
