"""Password hashing: Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).

Django's default PBKDF2 (1,000,000 iterations) costs about 400 ms of CPU per sign-up and sign-in on a
2-core machine, which alone would break the sign-up latency target; Argon2id at these parameters takes
about 25 ms and is memory-hard. Older PBKDF2 hashes still verify and are upgraded on sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class HansaArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
