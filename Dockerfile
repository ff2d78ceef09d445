# pkjwt on an empty base: the static Linux binary and the CA certificates
# it verifies TLS servers with, nothing else (no shell, no libc).
#
#   cargo build --release --locked --target x86_64-unknown-linux-musl
#   docker build -t pkjwt .
#   docker run --rm -v "$PWD:/work" -w /work -e PKJWT_KEYSTORE_PASSWORD pkjwt assertion ...
#
# The build machine of this project has no Docker daemon, so this file is
# not built in CI; .ci/run instead runs the same layout (the binary and
# /etc/ssl/certs/ca-certificates.crt in an otherwise empty root) under
# chroot. README.md, "Install".
FROM debian:bookworm-slim AS certs
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*

FROM scratch
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY target/x86_64-unknown-linux-musl/release/pkjwt /usr/local/bin/pkjwt
# Profiles and the token cache live under the config and cache directories:
# mount a volume at /home/pkjwt to keep them.
ENV HOME=/home/pkjwt PKJWT_CONFIG_DIR=/home/pkjwt/.config/pkjwt
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/pkjwt"]
