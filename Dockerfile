# syntax=docker/dockerfile:1
#
# The flux-rs controller image that `flux-rs install` references
# (<registry>/flux-rs:<version>): one static (musl) binary on a distroless base, running as
# the non-root user 65532 on a read-only root filesystem. The Deployment passes the
# arguments (`controller --watch-all-namespaces=... --storage-path=/data
# --metrics-addr=:8080 --health-addr=:9440 ...`), mounts emptyDirs at /data (artifacts and
# the Git cache, /data/.git-cache) and /tmp (checkouts while a Kustomization is built), and
# probes /healthz and /readyz on port 9440. The controller writes nowhere else (HOME is not
# written; the image's CA bundle /etc/ssl/certs/ca-certificates.crt verifies HTTPS remotes).
#
# Build and push (see README.md, "Controller image"):
#   docker buildx build --platform linux/amd64,linux/arm64 \
#     -t ghcr.io/flux-rs/flux-rs:0.1.0 --push .

ARG RUST_VERSION=1.89

FROM docker.io/library/rust:${RUST_VERSION}-bookworm AS build
ARG TARGETARCH
# musl-gcc compiles the C parts of dependencies for the static target: ring, and the vendored
# libgit2, libssh2, OpenSSL (built with perl and make, both in this image) and zlib. musl-gcc
# leaves out /usr/include, where the Linux kernel headers are, and OpenSSL's secure memory
# includes <linux/mman.h>: the kernel headers (linux/, asm-generic/, the architecture's asm/)
# are linked into musl's include directory.
RUN apt-get update \
 && apt-get install -y --no-install-recommends musl-tools \
 && rm -rf /var/lib/apt/lists/* \
 && musl_include="/usr/include/$(uname -m)-linux-musl" \
 && ln -s /usr/include/linux /usr/include/asm-generic "$musl_include/" \
 && ln -s "/usr/include/$(uname -m)-linux-gnu/asm" "$musl_include/asm"
RUN case "${TARGETARCH:-amd64}" in \
      amd64) echo x86_64-unknown-linux-musl ;; \
      arm64) echo aarch64-unknown-linux-musl ;; \
      *) echo "unsupported architecture: ${TARGETARCH}" >&2; exit 1 ;; \
    esac > /rust-target \
 && rustup target add "$(cat /rust-target)"
WORKDIR /src
COPY Cargo.toml Cargo.lock README.md ./
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin flux-rs --target "$(cat /rust-target)" \
 && cp "target/$(cat /rust-target)/release/flux-rs" /flux-rs
# The binary must be static: the runtime image has no C library.
RUN if ldd /flux-rs >/dev/null 2>&1; then echo "flux-rs is dynamically linked" >&2; exit 1; fi \
 && /flux-rs version --client

FROM gcr.io/distroless/static-debian12:nonroot
LABEL org.opencontainers.image.title="flux-rs" \
      org.opencontainers.image.description="GitOps for Kubernetes: Flux-compatible controller and CLI" \
      org.opencontainers.image.source="https://github.com/flux-rs/flux-rs" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /flux-rs /usr/local/bin/flux-rs
USER 65532:65532
# 8080: /metrics (--metrics-addr), 9440: /healthz and /readyz (--health-addr),
# 9292: Receivers' webhooks (--receiver-addr).
EXPOSE 8080 9440 9292
ENTRYPOINT ["/usr/local/bin/flux-rs"]
CMD ["controller"]
