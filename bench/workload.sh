# Shared by the benchmarks: the workload they run on.
#
# make_workload OUT APPS writes a repository with APPS apps: the `apps/prod` overlay of
# `apps/base` (each app a Deployment, a Service and a ConfigMap) plus a Namespace, 3*APPS+1
# objects; the overlay sets namespace, namePrefix, commonLabels, commonAnnotations, an image
# tag and a JSON 6902 patch on every Deployment. It runs the shared generator
# `bench/gen-repo.py OUT APPS` of the project's shared workspace when that exists (GEN_REPO,
# or ../shared/bench/gen-repo.py next to the repository); otherwise generate_workload below
# writes the same tree, so the benchmarks run anywhere.

generate_workload() { # OUT APPS — the same tree as the shared generator
  local out=$1 n=$2 i name res=""
  mkdir -p "$out/apps/base" "$out/apps/prod"
  for ((i = 0; i < n; i++)); do
    printf -v name 'app%04d' "$i"
    res+="- $name.yaml"$'\n'
    cat > "$out/apps/base/$name.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $name
spec:
  replicas: 1
  selector:
    matchLabels: {app: $name}
  template:
    metadata:
      labels: {app: $name}
    spec:
      containers:
      - name: main
        image: nginx:1.25.0
        ports: [{containerPort: 80, protocol: TCP}]
        env:
        - {name: MODE, value: base}
---
apiVersion: v1
kind: Service
metadata:
  name: $name
spec:
  selector: {app: $name}
  ports: [{port: 80, targetPort: 80, protocol: TCP}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: $name-config
data:
  key: "value-$i"
  other: "x"
YAML
  done
  printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n%s' "$res" \
    > "$out/apps/base/kustomization.yaml"
  cat > "$out/apps/prod/kustomization.yaml" <<'YAML'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: bench
namePrefix: prod-
commonLabels:
  env: prod
commonAnnotations:
  owner: platform
images:
- name: nginx
  newTag: 1.25.3
resources:
- ../base
- namespace.yaml
patches:
- target: {kind: Deployment}
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 2
YAML
  printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n' > "$out/apps/prod/namespace.yaml"
}


make_workload() { # OUT APPS
  local gen=${GEN_REPO:-$repo/../shared/bench/gen-repo.py}
  if [ -f "$gen" ]; then
    echo "workload: $gen $2" >&2
    python3 "$gen" "$1" "$2"
  else
    echo "workload: built-in generator ($2 apps; shared gen-repo.py not found)" >&2
    generate_workload "$1" "$2"
  fi
}
