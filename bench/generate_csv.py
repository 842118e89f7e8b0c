#!/usr/bin/env python3
"""Writes a subscriber CSV for the import benchmark: email, first and last name, three
attributes; a share of malformed rows and of in-file duplicates (default 1% each)."""
import argparse, csv, random

FIRST = ["Anna", "Ben", "Chloé", "David", "Eva", "Farid", "Grace", "Hugo", "Ines", "José",
         "Kai", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Zoë"]
LAST = ["Smith", "Müller", "García", "Rossi", "Nowak", "Dubois", "Kim", "Silva", "O'Brien", "Jensen"]
DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "example.org", "mail.de", "proton.me"]
PLANS = ["free", "pro", "team", "enterprise"]
BAD = ["not-an-email", "john@", "@example.com", "a b@example.com", "x@@example.com", "dot..dot@example.com", ""]

def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--bad", type=float, default=0.01)
    p.add_argument("--dup", type=float, default=0.01)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    emitted = []
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Email Address", "First Name", "Last Name", "plan", "city", "signup_score"])
        for i in range(a.rows):
            r = rnd.random()
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            if r < a.bad:
                email = rnd.choice(BAD)
            elif r < a.bad + a.dup and emitted:
                email = emitted[rnd.randrange(len(emitted))]
            else:
                email = f"{first.lower()}.{i}@{rnd.choice(DOMAINS)}"
                if len(emitted) < 100_000:
                    emitted.append(email)
            w.writerow([email, first, last, rnd.choice(PLANS), f"City {rnd.randrange(500)}", rnd.randrange(100)])

if __name__ == "__main__":
    main()
