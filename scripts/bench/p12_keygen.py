#!/usr/bin/env python3
"""Benchmark helper for scripts/bench-keystore: the Python `cryptography` side.

Generates one key pair (EC P-256 or RSA), a self-signed certificate (CN=bench,
365 days, SHA-256) and writes them as a PKCS#12 file with PBES2
(PBKDF2-HMAC-SHA256, AES-256-CBC) for key and certificate and an HMAC-SHA256
MAC, all with ITERATIONS rounds -- the same format pkjwt writes.

The password is read from the environment variable named by --password-env
(default BENCH_PW), never from argv.
"""
import argparse
import datetime
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12
from cryptography.x509.oid import NameOID


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--alg", choices=("ec", "rsa"), required=True)
    ap.add_argument("--bits", type=int, default=2048, help="RSA key size")
    ap.add_argument("--iterations", type=int, required=True)
    ap.add_argument("--password-env", default="BENCH_PW")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    password = os.environ.get(args.password_env)
    if not password:
        print(f"p12_keygen.py: ${args.password_env} is not set", file=sys.stderr)
        return 2

    if args.alg == "ec":
        key = ec.generate_private_key(ec.SECP256R1())
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=args.bits)

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )

    encryption = (
        PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(args.iterations)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(password.encode())
    )
    data = pkcs12.serialize_key_and_certificates(b"bench", key, cert, None, encryption)
    with open(args.out, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
