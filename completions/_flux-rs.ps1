
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'flux-rs' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'flux-rs'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'flux-rs' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('bootstrap', 'bootstrap', [CompletionResultType]::ParameterValue, 'Commit flux-rs to a Git repository, install it and make the cluster sync from it')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build Flux objects locally (build kustomization)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check requirements and the installation''s health')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print shell completion scripts')
            [CompletionResult]::new('controller', 'controller', [CompletionResultType]::ParameterValue, 'Run the controller that reconciles GitRepositories and Kustomizations')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create or update Flux objects and their Secrets, then reconcile them')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a Flux object (and a Kustomization''s applied objects when it prunes)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what a change would do: the whole fleet offline (--base), or one Kustomization against the cluster (exit 1 on changes)')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Print Kubernetes events about Flux objects')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print Flux objects as clean YAML manifests')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the status of Flux objects')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Render Helm charts locally with the native engine (helm template)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List Flux OCI artifacts (list artifacts)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Pull a Flux OCI artifact (pull artifact)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push a directory as a Flux OCI artifact (push artifact)')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Tag a Flux OCI artifact (tag artifact)')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install flux-rs''s CRDs and controller into the cluster')
            [CompletionResult]::new('kustomize', 'kustomize', [CompletionResultType]::ParameterValue, 'Build a kustomization directory (a drop-in for kubectl kustomize)')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Reconcile Flux objects now (kustomization, source git)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume suspended Flux objects and wait for them to be reconciled')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Print per-kind counts of ready, failing and suspended Flux objects')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Suspend the reconciliation of Flux objects')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Show which Kustomization and source manage an object')
            [CompletionResult]::new('tree', 'tree', [CompletionResultType]::ParameterValue, 'Print the inventory of a Kustomization as a tree')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove flux-rs''s components and CRDs from the cluster')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the client, server and controller versions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;bootstrap' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Bootstrap with any Git server (SSH, HTTPS or file://)')
            [CompletionResult]::new('github', 'github', [CompletionResultType]::ParameterValue, 'Bootstrap with a GitHub repository (created when missing, deploy key registered)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;bootstrap;git' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Repository URL (ssh://, user@host:path, https://, http:// with --allow-insecure-http, file://)')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name: of HTTP(S) basic authentication, or the SSH user of the sync URL')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name: of HTTP(S) basic authentication, or the SSH user of the sync URL')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'HTTP(S) password or token, or the passphrase of --private-key-file')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'HTTP(S) password or token, or the passphrase of --private-key-file')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Assume the deploy key is already set up: do not ask')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Assume the deploy key is already set up: do not ask')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow http:// URLs')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'Branch to commit to (created when missing)')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Path in the repository the cluster syncs (relative; normalised to ./path)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Interval of the GitRepository (Go duration)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'An existing SSH private key (OpenSSH format) for the clone and push, also used as the cluster''s deploy key')
            [CompletionResult]::new('--ssh-key-algorithm', '--ssh-key-algorithm', [CompletionResultType]::ParameterName, 'Algorithm of a generated deploy key')
            [CompletionResult]::new('--ssh-ecdsa-curve', '--ssh-ecdsa-curve', [CompletionResultType]::ParameterName, 'Curve of a generated ECDSA deploy key')
            [CompletionResult]::new('--ssh-hostname', '--ssh-hostname', [CompletionResultType]::ParameterName, 'SSH host[:port] the cluster uses (default: the URL''s host)')
            [CompletionResult]::new('--secret-name', '--secret-name', [CompletionResultType]::ParameterName, 'Name of the source Secret (default: the namespace)')
            [CompletionResult]::new('--components', '--components', [CompletionResultType]::ParameterName, 'Components to install (flux-rs-controller; upstream''s source-controller and kustomize-controller are provided by it)')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of the controller image (`<registry>/flux-rs:<version>`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Version (image tag) of the controller; a leading `v` is dropped')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Version (image tag) of the controller; a leading `v` is dropped')
            [CompletionResult]::new('--image-pull-secret', '--image-pull-secret', [CompletionResultType]::ParameterName, 'Secret in the namespace used to pull the image')
            [CompletionResult]::new('--watch-all-namespaces', '--watch-all-namespaces', [CompletionResultType]::ParameterName, 'Let the controller watch all namespaces (false: only its own)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of the controller')
            [CompletionResult]::new('--author-name', '--author-name', [CompletionResultType]::ParameterName, 'Author name of the commits')
            [CompletionResult]::new('--author-email', '--author-email', [CompletionResultType]::ParameterName, 'Author email of the commits')
            [CompletionResult]::new('--commit-message-appendix', '--commit-message-appendix', [CompletionResultType]::ParameterName, 'Text appended to the commit messages')
            [CompletionResult]::new('--token-auth', '--token-auth', [CompletionResultType]::ParameterName, 'The cluster authenticates with a user name and password/token over HTTP(S) instead of a deploy key')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Change the path of an existing sync Kustomization')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Let the controller running in the cluster do the first sync (waited for), instead of this process')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;bootstrap;github' {
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'The user or organization owning the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'The repository''s name')
            [CompletionResult]::new('--personal', '--personal', [CompletionResultType]::ParameterName, 'The owner is a user (the token''s), not an organization')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Create the repository private')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'Team to grant access, as slug[:permission] (pull, triage, push, maintain (default), admin); repeatable')
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'GitHub host (GitHub Enterprise: its host name)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the GitHub API (default: https://api.github.com, or https://<hostname>/api/v3 with --hostname)')
            [CompletionResult]::new('--read-write-key', '--read-write-key', [CompletionResultType]::ParameterName, 'Give the deploy key write access')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'Branch to commit to (created when missing)')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Path in the repository the cluster syncs (relative; normalised to ./path)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Interval of the GitRepository (Go duration)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'An existing SSH private key (OpenSSH format) for the clone and push, also used as the cluster''s deploy key')
            [CompletionResult]::new('--ssh-key-algorithm', '--ssh-key-algorithm', [CompletionResultType]::ParameterName, 'Algorithm of a generated deploy key')
            [CompletionResult]::new('--ssh-ecdsa-curve', '--ssh-ecdsa-curve', [CompletionResultType]::ParameterName, 'Curve of a generated ECDSA deploy key')
            [CompletionResult]::new('--ssh-hostname', '--ssh-hostname', [CompletionResultType]::ParameterName, 'SSH host[:port] the cluster uses (default: the URL''s host)')
            [CompletionResult]::new('--secret-name', '--secret-name', [CompletionResultType]::ParameterName, 'Name of the source Secret (default: the namespace)')
            [CompletionResult]::new('--components', '--components', [CompletionResultType]::ParameterName, 'Components to install (flux-rs-controller; upstream''s source-controller and kustomize-controller are provided by it)')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of the controller image (`<registry>/flux-rs:<version>`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Version (image tag) of the controller; a leading `v` is dropped')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Version (image tag) of the controller; a leading `v` is dropped')
            [CompletionResult]::new('--image-pull-secret', '--image-pull-secret', [CompletionResultType]::ParameterName, 'Secret in the namespace used to pull the image')
            [CompletionResult]::new('--watch-all-namespaces', '--watch-all-namespaces', [CompletionResultType]::ParameterName, 'Let the controller watch all namespaces (false: only its own)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of the controller')
            [CompletionResult]::new('--author-name', '--author-name', [CompletionResultType]::ParameterName, 'Author name of the commits')
            [CompletionResult]::new('--author-email', '--author-email', [CompletionResultType]::ParameterName, 'Author email of the commits')
            [CompletionResult]::new('--commit-message-appendix', '--commit-message-appendix', [CompletionResultType]::ParameterName, 'Text appended to the commit messages')
            [CompletionResult]::new('--token-auth', '--token-auth', [CompletionResultType]::ParameterName, 'The cluster authenticates with a user name and password/token over HTTP(S) instead of a deploy key')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Change the path of an existing sync Kustomization')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Let the controller running in the cluster do the first sync (waited for), instead of this process')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;bootstrap;help' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Bootstrap with any Git server (SSH, HTTPS or file://)')
            [CompletionResult]::new('github', 'github', [CompletionResultType]::ParameterValue, 'Bootstrap with a GitHub repository (created when missing, deploy key registered)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;bootstrap;help;git' {
            break
        }
        'flux-rs;bootstrap;help;github' {
            break
        }
        'flux-rs;bootstrap;help;help' {
            break
        }
        'flux-rs;build' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Build a Kustomization from a local directory')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'Build a Kustomization from a local directory')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Render a HelmRelease and print the objects of its release')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'Render a HelmRelease and print the objects of its release')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;build;kustomization' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Local directory to build (stands for the Kustomization''s spec.path)')
            [CompletionResult]::new('--kustomization-file', '--kustomization-file', [CompletionResultType]::ParameterName, 'Read the Kustomization from this YAML file instead of the cluster')
            [CompletionResult]::new('--strict-substitute', '--strict-substitute', [CompletionResultType]::ParameterName, 'Fail when a variable used in the manifests is not set and has no default')
            [CompletionResult]::new('--ignore-paths', '--ignore-paths', [CompletionResultType]::ParameterName, 'Paths to leave out of a generated kustomization, in .gitignore format, relative to --path (comma-separated or repeated)')
            [CompletionResult]::new('--sops-age-key-file', '--sops-age-key-file', [CompletionResultType]::ParameterName, 'age key file (AGE-SECRET-KEY-1… lines) to decrypt SOPS-encrypted manifests and secretGenerator sources with; the SOPS_AGE_KEY variable may hold keys too. Without a key, encrypted values are shown as **SOPS**')
            [CompletionResult]::new('--allow-remote-bases', '--allow-remote-bases', [CompletionResultType]::ParameterName, 'Fetch remote Git bases named in resources and components (off by default: they are errors naming the URL)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do not contact the cluster (requires --kustomization-file; substituteFrom is skipped)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;build;ks' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Local directory to build (stands for the Kustomization''s spec.path)')
            [CompletionResult]::new('--kustomization-file', '--kustomization-file', [CompletionResultType]::ParameterName, 'Read the Kustomization from this YAML file instead of the cluster')
            [CompletionResult]::new('--strict-substitute', '--strict-substitute', [CompletionResultType]::ParameterName, 'Fail when a variable used in the manifests is not set and has no default')
            [CompletionResult]::new('--ignore-paths', '--ignore-paths', [CompletionResultType]::ParameterName, 'Paths to leave out of a generated kustomization, in .gitignore format, relative to --path (comma-separated or repeated)')
            [CompletionResult]::new('--sops-age-key-file', '--sops-age-key-file', [CompletionResultType]::ParameterName, 'age key file (AGE-SECRET-KEY-1… lines) to decrypt SOPS-encrypted manifests and secretGenerator sources with; the SOPS_AGE_KEY variable may hold keys too. Without a key, encrypted values are shown as **SOPS**')
            [CompletionResult]::new('--allow-remote-bases', '--allow-remote-bases', [CompletionResultType]::ParameterName, 'Fetch remote Git bases named in resources and components (off by default: they are errors naming the URL)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do not contact the cluster (requires --kustomization-file; substituteFrom is skipped)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;build;helmrelease' {
            [CompletionResult]::new('--helmrelease-file', '--helmrelease-file', [CompletionResultType]::ParameterName, 'Read the HelmRelease from this YAML file instead of the cluster')
            [CompletionResult]::new('--chart', '--chart', [CompletionResultType]::ParameterName, 'Render this chart (a directory or a .tgz archive) instead of the source''s artifact')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'YAML files of values merged in order over spec.values (repeat or separate with commas)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do not contact the cluster (requires --helmrelease-file and --chart; valuesFrom is left out)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;build;hr' {
            [CompletionResult]::new('--helmrelease-file', '--helmrelease-file', [CompletionResultType]::ParameterName, 'Read the HelmRelease from this YAML file instead of the cluster')
            [CompletionResult]::new('--chart', '--chart', [CompletionResultType]::ParameterName, 'Render this chart (a directory or a .tgz archive) instead of the source''s artifact')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'YAML files of values merged in order over spec.values (repeat or separate with commas)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do not contact the cluster (requires --helmrelease-file and --chart; valuesFrom is left out)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;build;help' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Build a Kustomization from a local directory')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Render a HelmRelease and print the objects of its release')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;build;help;kustomization' {
            break
        }
        'flux-rs;build;help;helmrelease' {
            break
        }
        'flux-rs;build;help;help' {
            break
        }
        'flux-rs;check' {
            [CompletionResult]::new('--pre', '--pre', [CompletionResultType]::ParameterName, 'Only check the prerequisites of an installation')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;completion' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;controller' {
            [CompletionResult]::new('--watch-all-namespaces', '--watch-all-namespaces', [CompletionResultType]::ParameterName, 'Watch Flux objects in all namespaces (false: only the runtime namespace)')
            [CompletionResult]::new('--watch-namespace', '--watch-namespace', [CompletionResultType]::ParameterName, 'Watch only this namespace (takes precedence over --watch-all-namespaces)')
            [CompletionResult]::new('--watch-label-selector', '--watch-label-selector', [CompletionResultType]::ParameterName, 'Watch only the Flux objects this label selector matches, e.g. ''sharding.fluxcd.io/key in (shard1)'': one controller per shard. Without an explicit --leader-election-id, each selector gets a Lease of its own')
            [CompletionResult]::new('--runtime-namespace', '--runtime-namespace', [CompletionResultType]::ParameterName, 'Namespace the controller runs in: home of the leader-election Lease, and the watched namespace when --watch-all-namespaces=false (default: -n)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level')
            [CompletionResult]::new('--log-encoding', '--log-encoding', [CompletionResultType]::ParameterName, 'Log format: `console` (human) or `json` (one object per line)')
            [CompletionResult]::new('--leader-elect', '--leader-elect', [CompletionResultType]::ParameterName, 'Elect a leader through a Lease so that only one replica reconciles')
            [CompletionResult]::new('--leader-election-id', '--leader-election-id', [CompletionResultType]::ParameterName, 'Name of the leader-election Lease')
            [CompletionResult]::new('--leader-election-lease-duration', '--leader-election-lease-duration', [CompletionResultType]::ParameterName, 'How long standbys wait after the leader''s last renewal before taking over')
            [CompletionResult]::new('--leader-election-renew-deadline', '--leader-election-renew-deadline', [CompletionResultType]::ParameterName, 'How long the leader keeps trying to renew before giving up leadership')
            [CompletionResult]::new('--leader-election-retry-period', '--leader-election-retry-period', [CompletionResultType]::ParameterName, 'How often candidates try to acquire and the leader renews the Lease')
            [CompletionResult]::new('--concurrent', '--concurrent', [CompletionResultType]::ParameterName, 'How many objects of each kind are reconciled at once')
            [CompletionResult]::new('--storage-path', '--storage-path', [CompletionResultType]::ParameterName, 'Directory of the artifact storage (an emptyDir in the cluster)')
            [CompletionResult]::new('--artifact-retention-records', '--artifact-retention-records', [CompletionResultType]::ParameterName, 'How many artifacts of each GitRepository are kept in storage')
            [CompletionResult]::new('--metrics-addr', '--metrics-addr', [CompletionResultType]::ParameterName, 'Address of /metrics (`:8080`, `127.0.0.1:8080`; `0` disables)')
            [CompletionResult]::new('--health-addr', '--health-addr', [CompletionResultType]::ParameterName, 'Address of /healthz and /readyz (`0` disables)')
            [CompletionResult]::new('--receiver-addr', '--receiver-addr', [CompletionResultType]::ParameterName, 'Address of the Receivers'' webhooks, `/hook/<digest>` (`:9292` as `install` sets it; `0`, the default, disables)')
            [CompletionResult]::new('--requeue-dependency', '--requeue-dependency', [CompletionResultType]::ParameterName, 'How long a Kustomization waits before checking its dependencies again')
            [CompletionResult]::new('--min-retry-delay', '--min-retry-delay', [CompletionResultType]::ParameterName, 'First retry delay after a GitRepository failure (doubles per failure, up to the interval)')
            [CompletionResult]::new('--interval-jitter-percentage', '--interval-jitter-percentage', [CompletionResultType]::ParameterName, 'Jitter added to intervals, in percent (±)')
            [CompletionResult]::new('--graceful-shutdown-timeout', '--graceful-shutdown-timeout', [CompletionResultType]::ParameterName, 'How long in-flight reconciliations may run after SIGTERM')
            [CompletionResult]::new('--allow-remote-bases', '--allow-remote-bases', [CompletionResultType]::ParameterName, 'Fetch remote Git bases named in Kustomizations'' resources and components (off by default: they fail the build, naming the URL; stricter than kustomize-controller). HTTPS anonymously; SSH is refused (no known_hosts)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Create or update a Kustomization and reconcile it')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'Create or update a Kustomization and reconcile it')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Create or update a HelmRelease and reconcile it')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'Create or update a HelmRelease and reconcile it')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Create or update sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Create or update Secrets for sources and decryption')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Create or update a Provider of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Create or update an Alert (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Create or update a Receiver of webhooks and print its path')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;create;kustomization' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Source of the manifests: `[GitRepository/|OCIRepository/]<name>[.<namespace>]`')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Path to the directory with the manifests, relative to the source root')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete objects that were applied before and are gone from the source')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often the Kustomization is reconciled')
            [CompletionResult]::new('--retry-interval', '--retry-interval', [CompletionResultType]::ParameterName, 'How long to wait before retrying after a failure (default: the interval)')
            [CompletionResult]::new('--depends-on', '--depends-on', [CompletionResultType]::ParameterName, 'Kustomizations that must be ready first: `<name>` or `<namespace>/<name>` (repeat or separate with commas)')
            [CompletionResult]::new('--target-namespace', '--target-namespace', [CompletionResultType]::ParameterName, 'Namespace set on every namespaced object')
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'Service account impersonated for every apply, prune and health check')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for every applied object to be healthy after each apply')
            [CompletionResult]::new('--health-check', '--health-check', [CompletionResultType]::ParameterName, 'Workloads whose health gates readiness: `<kind>/<name>.<namespace>` (Deployment, StatefulSet, DaemonSet or HelmRelease; repeat or separate with commas)')
            [CompletionResult]::new('--health-check-timeout', '--health-check-timeout', [CompletionResultType]::ParameterName, 'How long health checks may take (spec.timeout, with --wait or --health-check)')
            [CompletionResult]::new('--decryption-provider', '--decryption-provider', [CompletionResultType]::ParameterName, 'Decrypt SOPS-encrypted files of the source with this provider (only `sops`)')
            [CompletionResult]::new('--decryption-secret', '--decryption-secret', [CompletionResultType]::ParameterName, 'Secret with the age keys (`*.agekey` entries) to decrypt with, in the Kustomization''s namespace (see `create secret sops`); requires --decryption-provider')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;ks' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Source of the manifests: `[GitRepository/|OCIRepository/]<name>[.<namespace>]`')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Path to the directory with the manifests, relative to the source root')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete objects that were applied before and are gone from the source')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often the Kustomization is reconciled')
            [CompletionResult]::new('--retry-interval', '--retry-interval', [CompletionResultType]::ParameterName, 'How long to wait before retrying after a failure (default: the interval)')
            [CompletionResult]::new('--depends-on', '--depends-on', [CompletionResultType]::ParameterName, 'Kustomizations that must be ready first: `<name>` or `<namespace>/<name>` (repeat or separate with commas)')
            [CompletionResult]::new('--target-namespace', '--target-namespace', [CompletionResultType]::ParameterName, 'Namespace set on every namespaced object')
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'Service account impersonated for every apply, prune and health check')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for every applied object to be healthy after each apply')
            [CompletionResult]::new('--health-check', '--health-check', [CompletionResultType]::ParameterName, 'Workloads whose health gates readiness: `<kind>/<name>.<namespace>` (Deployment, StatefulSet, DaemonSet or HelmRelease; repeat or separate with commas)')
            [CompletionResult]::new('--health-check-timeout', '--health-check-timeout', [CompletionResultType]::ParameterName, 'How long health checks may take (spec.timeout, with --wait or --health-check)')
            [CompletionResult]::new('--decryption-provider', '--decryption-provider', [CompletionResultType]::ParameterName, 'Decrypt SOPS-encrypted files of the source with this provider (only `sops`)')
            [CompletionResult]::new('--decryption-secret', '--decryption-secret', [CompletionResultType]::ParameterName, 'Secret with the age keys (`*.agekey` entries) to decrypt with, in the Kustomization''s namespace (see `create secret sops`); requires --decryption-provider')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;helmrelease' {
            [CompletionResult]::new('--chart-ref', '--chart-ref', [CompletionResultType]::ParameterName, 'The object holding the chart: `OCIRepository/<name>[.<namespace>]` or `HelmChart/<name>[.<namespace>]`')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'YAML files of values merged in order into spec.values (repeat or separate with commas)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often the release is reconciled')
            [CompletionResult]::new('--release-name', '--release-name', [CompletionResultType]::ParameterName, 'Name of the release (default: `[<target namespace>-]<name>`)')
            [CompletionResult]::new('--target-namespace', '--target-namespace', [CompletionResultType]::ParameterName, 'Namespace the release''s objects go to')
            [CompletionResult]::new('--create-target-namespace', '--create-target-namespace', [CompletionResultType]::ParameterName, 'Create the target namespace when it does not exist (spec.install.createNamespace)')
            [CompletionResult]::new('--storage-namespace', '--storage-namespace', [CompletionResultType]::ParameterName, 'Namespace of the release records (Helm''s Secrets)')
            [CompletionResult]::new('--depends-on', '--depends-on', [CompletionResultType]::ParameterName, 'HelmReleases that must be ready first: `<name>` or `<namespace>/<name>` (repeat or separate with commas)')
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'Service account impersonated for the whole Helm action (records and objects)')
            [CompletionResult]::new('--values-from', '--values-from', [CompletionResultType]::ParameterName, 'ConfigMaps or Secrets whose `values.yaml` key holds values, merged in order before spec.values: `Secret/<name>` or `ConfigMap/<name>` (repeat or separate with commas)')
            [CompletionResult]::new('--crds', '--crds', [CompletionResultType]::ParameterName, 'What to do with the chart''s CRDs on install and upgrade (spec.install.crds and spec.upgrade.crds)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;hr' {
            [CompletionResult]::new('--chart-ref', '--chart-ref', [CompletionResultType]::ParameterName, 'The object holding the chart: `OCIRepository/<name>[.<namespace>]` or `HelmChart/<name>[.<namespace>]`')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'YAML files of values merged in order into spec.values (repeat or separate with commas)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often the release is reconciled')
            [CompletionResult]::new('--release-name', '--release-name', [CompletionResultType]::ParameterName, 'Name of the release (default: `[<target namespace>-]<name>`)')
            [CompletionResult]::new('--target-namespace', '--target-namespace', [CompletionResultType]::ParameterName, 'Namespace the release''s objects go to')
            [CompletionResult]::new('--create-target-namespace', '--create-target-namespace', [CompletionResultType]::ParameterName, 'Create the target namespace when it does not exist (spec.install.createNamespace)')
            [CompletionResult]::new('--storage-namespace', '--storage-namespace', [CompletionResultType]::ParameterName, 'Namespace of the release records (Helm''s Secrets)')
            [CompletionResult]::new('--depends-on', '--depends-on', [CompletionResultType]::ParameterName, 'HelmReleases that must be ready first: `<name>` or `<namespace>/<name>` (repeat or separate with commas)')
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'Service account impersonated for the whole Helm action (records and objects)')
            [CompletionResult]::new('--values-from', '--values-from', [CompletionResultType]::ParameterName, 'ConfigMaps or Secrets whose `values.yaml` key holds values, merged in order before spec.values: `Secret/<name>` or `ConfigMap/<name>` (repeat or separate with commas)')
            [CompletionResult]::new('--crds', '--crds', [CompletionResultType]::ParameterName, 'What to do with the chart''s CRDs on install and upgrade (spec.install.crds and spec.upgrade.crds)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;source' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Create or update a GitRepository and fetch it')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Create or update an OCIRepository and pull it')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Create or update a HelmRepository and fetch its index')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'Create or update a HelmChart and build it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;create;source;git' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Repository URL (https://, http://, ssh:// or file://)')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'Branch to follow')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag to check out')
            [CompletionResult]::new('--tag-semver', '--tag-semver', [CompletionResultType]::ParameterName, 'Semantic-version range; the highest matching tag is checked out')
            [CompletionResult]::new('--commit', '--commit', [CompletionResultType]::ParameterName, 'Commit SHA to check out')
            [CompletionResult]::new('--ref-name', '--ref-name', [CompletionResultType]::ParameterName, 'Full reference name to check out (`refs/heads/main`, `refs/pull/1/head`)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often the repository is checked for new revisions')
            [CompletionResult]::new('--secret-ref', '--secret-ref', [CompletionResultType]::ParameterName, 'Secret with the credentials (same namespace)')
            [CompletionResult]::new('--ignore-paths', '--ignore-paths', [CompletionResultType]::ParameterName, 'Paths to leave out of the artifact, in gitignore syntax (repeat or separate with commas)')
            [CompletionResult]::new('--sparse-checkout', '--sparse-checkout', [CompletionResultType]::ParameterName, 'Directories to check out instead of the whole tree (repeat or separate with commas)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;source;oci' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Repository address (oci://<host>/<path>, without a tag)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag to pull')
            [CompletionResult]::new('--tag-semver', '--tag-semver', [CompletionResultType]::ParameterName, 'Semantic-version range; the highest matching tag is pulled')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Digest to pull (sha256:<hex>)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often the registry is checked for a new artifact')
            [CompletionResult]::new('--secret-ref', '--secret-ref', [CompletionResultType]::ParameterName, 'A kubernetes.io/dockerconfigjson Secret with the registry credentials')
            [CompletionResult]::new('--cert-ref', '--cert-ref', [CompletionResultType]::ParameterName, 'A Secret with ca.crt (and tls.crt, tls.key) for the registry''s TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Talk to the registry over plain HTTP')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Credentials provider (only `generic` is supported)')
            [CompletionResult]::new('--ignore-paths', '--ignore-paths', [CompletionResultType]::ParameterName, 'Paths to leave out of the artifact, in gitignore syntax (repeat or separate with commas)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;source;helm' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Repository address (https://, http://, or oci:// with --type=oci)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, '`default` (an index.yaml over HTTP/S) or `oci`')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often the index is checked')
            [CompletionResult]::new('--secret-ref', '--secret-ref', [CompletionResultType]::ParameterName, 'Secret with username and password (same namespace)')
            [CompletionResult]::new('--cert-secret-ref', '--cert-secret-ref', [CompletionResultType]::ParameterName, 'Secret with ca.crt (and tls.crt, tls.key)')
            [CompletionResult]::new('--pass-credentials', '--pass-credentials', [CompletionResultType]::ParameterName, 'Send the credentials to chart URLs on other hosts too')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;source;chart' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'The source: HelmRepository/NAME or GitRepository/NAME (same namespace)')
            [CompletionResult]::new('--chart', '--chart', [CompletionResultType]::ParameterName, 'The chart''s name (HelmRepository) or path (GitRepository)')
            [CompletionResult]::new('--chart-version', '--chart-version', [CompletionResultType]::ParameterName, 'A semantic-version range of the chart (HelmRepository sources; default: the newest)')
            [CompletionResult]::new('--reconcile-strategy', '--reconcile-strategy', [CompletionResultType]::ParameterName, 'What makes a new artifact: ChartVersion or Revision')
            [CompletionResult]::new('--values-files', '--values-files', [CompletionResultType]::ParameterName, 'Values files merged in order into the chart''s values.yaml (repeat or separate with commas)')
            [CompletionResult]::new('--ignore-missing-values-files', '--ignore-missing-values-files', [CompletionResultType]::ParameterName, 'Skip values files that do not exist')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often the chart is checked')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;source;help' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Create or update a GitRepository and fetch it')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Create or update an OCIRepository and pull it')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Create or update a HelmRepository and fetch its index')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'Create or update a HelmChart and build it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;create;source;help;git' {
            break
        }
        'flux-rs;create;source;help;oci' {
            break
        }
        'flux-rs;create;source;help;helm' {
            break
        }
        'flux-rs;create;source;help;chart' {
            break
        }
        'flux-rs;create;source;help;help' {
            break
        }
        'flux-rs;create;secret' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Create or update a Secret for Git access (deploy key and known_hosts, or HTTPS credentials)')
            [CompletionResult]::new('sops', 'sops', [CompletionResultType]::ParameterValue, 'Create or update a Secret of age keys for SOPS decryption (spec.decryption)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Create or update a dockerconfigjson Secret for OCI registry access')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Create or update a Secret for HelmRepository access (credentials, TLS)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;create;secret;git' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Repository URL (ssh://, user@host:path, https:// or http://)')
            [CompletionResult]::new('--ssh-key-algorithm', '--ssh-key-algorithm', [CompletionResultType]::ParameterName, 'Algorithm of a generated SSH key (`rsa` is refused: use an existing RSA key with --private-key-file)')
            [CompletionResult]::new('--ssh-ecdsa-curve', '--ssh-ecdsa-curve', [CompletionResultType]::ParameterName, 'Curve of a generated ECDSA key')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'An existing private key (OpenSSH format) instead of a generated one')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'HTTPS user name')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'HTTPS user name')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'HTTPS password, or the passphrase of --private-key-file')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'HTTPS password, or the passphrase of --private-key-file')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'HTTPS bearer token')
            [CompletionResult]::new('--ca-crt-file', '--ca-crt-file', [CompletionResultType]::ParameterName, 'HTTPS: PEM file of certificate authorities to trust (stored as `ca.crt`)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;secret;sops' {
            [CompletionResult]::new('--age-key-file', '--age-key-file', [CompletionResultType]::ParameterName, 'age key file (repeat for several); each becomes a `<file>.agekey` entry')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;secret;oci' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Registry host (`ghcr.io`, `127.0.0.1:5000`)')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Password or token')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password or token')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;secret;helm' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Password')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password')
            [CompletionResult]::new('--ca-crt-file', '--ca-crt-file', [CompletionResultType]::ParameterName, 'PEM certificate authorities (ca.crt)')
            [CompletionResult]::new('--tls-crt-file', '--tls-crt-file', [CompletionResultType]::ParameterName, 'PEM client certificate (tls.crt)')
            [CompletionResult]::new('--tls-key-file', '--tls-key-file', [CompletionResultType]::ParameterName, 'PEM client key (tls.key)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;secret;help' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Create or update a Secret for Git access (deploy key and known_hosts, or HTTPS credentials)')
            [CompletionResult]::new('sops', 'sops', [CompletionResultType]::ParameterValue, 'Create or update a Secret of age keys for SOPS decryption (spec.decryption)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Create or update a dockerconfigjson Secret for OCI registry access')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Create or update a Secret for HelmRepository access (credentials, TLS)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;create;secret;help;git' {
            break
        }
        'flux-rs;create;secret;help;sops' {
            break
        }
        'flux-rs;create;secret;help;oci' {
            break
        }
        'flux-rs;create;secret;help;helm' {
            break
        }
        'flux-rs;create;secret;help;help' {
            break
        }
        'flux-rs;create;alert-provider' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Type of the provider (slack, discord, msteams, generic, generic-hmac, github, …)')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Channel to post to')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Bot user name')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Webhook address, or the repository URL of commit-status providers')
            [CompletionResult]::new('--secret-ref', '--secret-ref', [CompletionResultType]::ParameterName, 'Secret with the address, token or headers')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;alert' {
            [CompletionResult]::new('--provider-ref', '--provider-ref', [CompletionResultType]::ParameterName, 'Name of the Provider')
            [CompletionResult]::new('--event-severity', '--event-severity', [CompletionResultType]::ParameterName, 'Lowest severity sent: info or error')
            [CompletionResult]::new('--event-source', '--event-source', [CompletionResultType]::ParameterName, 'Objects whose events are sent: Kind/name[.namespace] or Kind/* (repeatable)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;receiver' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Type of the webhook (generic, generic-hmac, github, gitlab, bitbucket, harbor, …)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Event types accepted (repeatable); all when none')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Objects to reconcile: Kind/name[.namespace] or Kind/* (repeatable)')
            [CompletionResult]::new('--secret-ref', '--secret-ref', [CompletionResultType]::ParameterName, 'Secret holding the token (key: token)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifest as YAML instead of applying it')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels to set, `key=value` (repeat the flag or separate with commas)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;create;help' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Create or update a Kustomization and reconcile it')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Create or update a HelmRelease and reconcile it')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Create or update sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Create or update Secrets for sources and decryption')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Create or update a Provider of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Create or update an Alert (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Create or update a Receiver of webhooks and print its path')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;create;help;kustomization' {
            break
        }
        'flux-rs;create;help;helmrelease' {
            break
        }
        'flux-rs;create;help;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Create or update a GitRepository and fetch it')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Create or update an OCIRepository and pull it')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Create or update a HelmRepository and fetch its index')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'Create or update a HelmChart and build it')
            break
        }
        'flux-rs;create;help;source;git' {
            break
        }
        'flux-rs;create;help;source;oci' {
            break
        }
        'flux-rs;create;help;source;helm' {
            break
        }
        'flux-rs;create;help;source;chart' {
            break
        }
        'flux-rs;create;help;secret' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Create or update a Secret for Git access (deploy key and known_hosts, or HTTPS credentials)')
            [CompletionResult]::new('sops', 'sops', [CompletionResultType]::ParameterValue, 'Create or update a Secret of age keys for SOPS decryption (spec.decryption)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Create or update a dockerconfigjson Secret for OCI registry access')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Create or update a Secret for HelmRepository access (credentials, TLS)')
            break
        }
        'flux-rs;create;help;secret;git' {
            break
        }
        'flux-rs;create;help;secret;sops' {
            break
        }
        'flux-rs;create;help;secret;oci' {
            break
        }
        'flux-rs;create;help;secret;helm' {
            break
        }
        'flux-rs;create;help;alert-provider' {
            break
        }
        'flux-rs;create;help;alert' {
            break
        }
        'flux-rs;create;help;receiver' {
            break
        }
        'flux-rs;create;help;help' {
            break
        }
        'flux-rs;delete' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;delete;kustomization' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;ks' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;helmrelease' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;hr' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;source' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;delete;source;git' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;source;oci' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;source;helm' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;source;chart' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;source;help' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;delete;source;help;git' {
            break
        }
        'flux-rs;delete;source;help;oci' {
            break
        }
        'flux-rs;delete;source;help;helm' {
            break
        }
        'flux-rs;delete;source;help;chart' {
            break
        }
        'flux-rs;delete;source;help;help' {
            break
        }
        'flux-rs;delete;alert' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;alert-provider' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;receiver' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-objects', '--keep-objects', [CompletionResultType]::ParameterName, 'Kustomizations: leave the objects in the inventory in the cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;delete;help' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;delete;help;kustomization' {
            break
        }
        'flux-rs;delete;help;helmrelease' {
            break
        }
        'flux-rs;delete;help;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;delete;help;source;git' {
            break
        }
        'flux-rs;delete;help;source;oci' {
            break
        }
        'flux-rs;delete;help;source;helm' {
            break
        }
        'flux-rs;delete;help;source;chart' {
            break
        }
        'flux-rs;delete;help;alert' {
            break
        }
        'flux-rs;delete;help;alert-provider' {
            break
        }
        'flux-rs;delete;help;receiver' {
            break
        }
        'flux-rs;delete;help;help' {
            break
        }
        'flux-rs;diff' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'The directory the fleet starts from (default: the flux-system sync''s, found as bootstrap lays it out: <path>/flux-system/gotk-sync.yaml)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Compare the working tree with this Git revision (a branch, tag, commit or origin/main), read from the repository''s object database: no cluster needed')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Compare the working tree''s fleet with the live cluster instead (read-only: GET, LIST and server-side dry-run; substituteFrom read from the cluster), with what each Kustomization''s inventory would prune')
            [CompletionResult]::new('--local-sources', '--local-sources', [CompletionResultType]::ParameterName, 'Sources built from a directory of this repository: Kind/namespace/name=DIR (comma-separated or repeated)')
            [CompletionResult]::new('--sops-age-key-file', '--sops-age-key-file', [CompletionResultType]::ParameterName, 'age key file to decrypt SOPS-encrypted files with (Kustomizations with spec.decryption); SOPS_AGE_KEY may hold keys too. Without a key, encrypted values are compared masked')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Show what applying a local directory as a Kustomization would change')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'Show what applying a local directory as a Kustomization would change')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Show what an upgrade of a HelmRelease would change in the cluster')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'Show what an upgrade of a HelmRelease would change in the cluster')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Compare a local directory with a Flux OCI artifact (exit 1 on differences)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;diff;kustomization' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Local directory to build (stands for the Kustomization''s spec.path)')
            [CompletionResult]::new('--kustomization-file', '--kustomization-file', [CompletionResultType]::ParameterName, 'Read the Kustomization from this YAML file instead of the cluster')
            [CompletionResult]::new('--strict-substitute', '--strict-substitute', [CompletionResultType]::ParameterName, 'Fail when a variable used in the manifests is not set and has no default')
            [CompletionResult]::new('--ignore-paths', '--ignore-paths', [CompletionResultType]::ParameterName, 'Paths to leave out of a generated kustomization, in .gitignore format, relative to --path (comma-separated or repeated)')
            [CompletionResult]::new('--sops-age-key-file', '--sops-age-key-file', [CompletionResultType]::ParameterName, 'age key file (AGE-SECRET-KEY-1… lines) to decrypt SOPS-encrypted manifests and secretGenerator sources with; the SOPS_AGE_KEY variable may hold keys too. Without a key, encrypted values are shown as **SOPS**')
            [CompletionResult]::new('--allow-remote-bases', '--allow-remote-bases', [CompletionResultType]::ParameterName, 'Fetch remote Git bases named in resources and components (off by default: they are errors naming the URL)')
            [CompletionResult]::new('--ignore-not-found', '--ignore-not-found', [CompletionResultType]::ParameterName, 'With --kustomization-file: a Kustomization missing from the cluster is treated as new')
            [CompletionResult]::new('--progress-bar', '--progress-bar', [CompletionResultType]::ParameterName, 'Show a progress bar on stderr (default: when stderr is a terminal)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;diff;ks' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Local directory to build (stands for the Kustomization''s spec.path)')
            [CompletionResult]::new('--kustomization-file', '--kustomization-file', [CompletionResultType]::ParameterName, 'Read the Kustomization from this YAML file instead of the cluster')
            [CompletionResult]::new('--strict-substitute', '--strict-substitute', [CompletionResultType]::ParameterName, 'Fail when a variable used in the manifests is not set and has no default')
            [CompletionResult]::new('--ignore-paths', '--ignore-paths', [CompletionResultType]::ParameterName, 'Paths to leave out of a generated kustomization, in .gitignore format, relative to --path (comma-separated or repeated)')
            [CompletionResult]::new('--sops-age-key-file', '--sops-age-key-file', [CompletionResultType]::ParameterName, 'age key file (AGE-SECRET-KEY-1… lines) to decrypt SOPS-encrypted manifests and secretGenerator sources with; the SOPS_AGE_KEY variable may hold keys too. Without a key, encrypted values are shown as **SOPS**')
            [CompletionResult]::new('--allow-remote-bases', '--allow-remote-bases', [CompletionResultType]::ParameterName, 'Fetch remote Git bases named in resources and components (off by default: they are errors naming the URL)')
            [CompletionResult]::new('--ignore-not-found', '--ignore-not-found', [CompletionResultType]::ParameterName, 'With --kustomization-file: a Kustomization missing from the cluster is treated as new')
            [CompletionResult]::new('--progress-bar', '--progress-bar', [CompletionResultType]::ParameterName, 'Show a progress bar on stderr (default: when stderr is a terminal)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;diff;helmrelease' {
            [CompletionResult]::new('--helmrelease-file', '--helmrelease-file', [CompletionResultType]::ParameterName, 'Read the HelmRelease from this YAML file instead of the cluster')
            [CompletionResult]::new('--chart', '--chart', [CompletionResultType]::ParameterName, 'Render this chart (a directory or a .tgz archive) instead of the source''s artifact')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'YAML files of values merged in order over spec.values (repeat or separate with commas)')
            [CompletionResult]::new('--progress-bar', '--progress-bar', [CompletionResultType]::ParameterName, 'Show a progress bar on stderr (default: when stderr is a terminal)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;diff;hr' {
            [CompletionResult]::new('--helmrelease-file', '--helmrelease-file', [CompletionResultType]::ParameterName, 'Read the HelmRelease from this YAML file instead of the cluster')
            [CompletionResult]::new('--chart', '--chart', [CompletionResultType]::ParameterName, 'Render this chart (a directory or a .tgz archive) instead of the source''s artifact')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'YAML files of values merged in order over spec.values (repeat or separate with commas)')
            [CompletionResult]::new('--progress-bar', '--progress-bar', [CompletionResultType]::ParameterName, 'Show a progress bar on stderr (default: when stderr is a terminal)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;diff;artifact' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'The local directory or file')
            [CompletionResult]::new('--ignore-paths', '--ignore-paths', [CompletionResultType]::ParameterName, 'Paths to leave out, in gitignore syntax (repeat or separate with commas)')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials, `<username>:<password>` (or a token alone)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Credentials provider (only `generic` is supported)')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'Talk to the registry over plain HTTP')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;diff;help' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Show what applying a local directory as a Kustomization would change')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Show what an upgrade of a HelmRelease would change in the cluster')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Compare a local directory with a Flux OCI artifact (exit 1 on differences)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;diff;help;kustomization' {
            break
        }
        'flux-rs;diff;help;helmrelease' {
            break
        }
        'flux-rs;diff;help;artifact' {
            break
        }
        'flux-rs;diff;help;help' {
            break
        }
        'flux-rs;events' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Events from every namespace (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Events from every namespace (adds a NAMESPACE column)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Print events as they happen, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Print events as they happen, until --timeout')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Only events about a kind or one object: KIND or KIND/NAME (Kustomization/apps, ks/apps)')
            [CompletionResult]::new('--types', '--types', [CompletionResultType]::ParameterName, 'Only events of these types (comma-separated: Normal, Warning)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;export;kustomization' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;ks' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;helmrelease' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;hr' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;source' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;export;source;git' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;source;oci' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;source;helm' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;source;chart' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;source;help' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;export;source;help;git' {
            break
        }
        'flux-rs;export;source;help;oci' {
            break
        }
        'flux-rs;export;source;help;helm' {
            break
        }
        'flux-rs;export;source;help;chart' {
            break
        }
        'flux-rs;export;source;help;help' {
            break
        }
        'flux-rs;export;alert' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;alert-provider' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;receiver' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also print the Secrets the objects reference (their data is base64, not encrypted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;export;help' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;export;help;kustomization' {
            break
        }
        'flux-rs;export;help;helmrelease' {
            break
        }
        'flux-rs;export;help;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;export;help;source;git' {
            break
        }
        'flux-rs;export;help;source;oci' {
            break
        }
        'flux-rs;export;help;source;helm' {
            break
        }
        'flux-rs;export;help;source;chart' {
            break
        }
        'flux-rs;export;help;alert' {
            break
        }
        'flux-rs;export;help;alert-provider' {
            break
        }
        'flux-rs;export;help;receiver' {
            break
        }
        'flux-rs;export;help;help' {
            break
        }
        'flux-rs;get' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomizations', 'kustomizations', [CompletionResultType]::ParameterValue, 'Kustomizations and their status')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'Kustomizations and their status')
            [CompletionResult]::new('helmreleases', 'helmreleases', [CompletionResultType]::ParameterValue, 'HelmReleases and their status (helm.toolkit.fluxcd.io/v2)')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'HelmReleases and their status (helm.toolkit.fluxcd.io/v2)')
            [CompletionResult]::new('sources', 'sources', [CompletionResultType]::ParameterValue, 'Sources and their status')
            [CompletionResult]::new('alerts', 'alerts', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io/v1beta3)')
            [CompletionResult]::new('alert-providers', 'alert-providers', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io/v1beta3)')
            [CompletionResult]::new('receivers', 'receivers', [CompletionResultType]::ParameterValue, 'Receivers of webhooks and their status (notification.toolkit.fluxcd.io/v1)')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every Flux object and its status, kind by kind')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;get;kustomizations' {
            [CompletionResult]::new('--show-source', '--show-source', [CompletionResultType]::ParameterName, 'Add a SOURCE column (Kind/namespace/name of the source)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;ks' {
            [CompletionResult]::new('--show-source', '--show-source', [CompletionResultType]::ParameterName, 'Add a SOURCE column (Kind/namespace/name of the source)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;helmreleases' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;hr' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;sources' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories and their status')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories and their status')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories and their status')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts and their status')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every source and its status (OCIRepository, Bucket, GitRepository, HelmRepository, HelmChart)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;get;sources;git' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;sources;oci' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;sources;helm' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;sources;chart' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;sources;all' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;sources;help' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories and their status')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories and their status')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories and their status')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts and their status')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every source and its status (OCIRepository, Bucket, GitRepository, HelmRepository, HelmChart)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;get;sources;help;git' {
            break
        }
        'flux-rs;get;sources;help;oci' {
            break
        }
        'flux-rs;get;sources;help;helm' {
            break
        }
        'flux-rs;get;sources;help;chart' {
            break
        }
        'flux-rs;get;sources;help;all' {
            break
        }
        'flux-rs;get;sources;help;help' {
            break
        }
        'flux-rs;get;alerts' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;alert-providers' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;receivers' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;all' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the objects across all namespaces (adds a NAMESPACE column)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Do not print the header line')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, print a row whenever an object changes, until --timeout')
            [CompletionResult]::new('--status-selector', '--status-selector', [CompletionResultType]::ParameterName, 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector (app=web,tier!=db)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;get;help' {
            [CompletionResult]::new('kustomizations', 'kustomizations', [CompletionResultType]::ParameterValue, 'Kustomizations and their status')
            [CompletionResult]::new('helmreleases', 'helmreleases', [CompletionResultType]::ParameterValue, 'HelmReleases and their status (helm.toolkit.fluxcd.io/v2)')
            [CompletionResult]::new('sources', 'sources', [CompletionResultType]::ParameterValue, 'Sources and their status')
            [CompletionResult]::new('alerts', 'alerts', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io/v1beta3)')
            [CompletionResult]::new('alert-providers', 'alert-providers', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io/v1beta3)')
            [CompletionResult]::new('receivers', 'receivers', [CompletionResultType]::ParameterValue, 'Receivers of webhooks and their status (notification.toolkit.fluxcd.io/v1)')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every Flux object and its status, kind by kind')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;get;help;kustomizations' {
            break
        }
        'flux-rs;get;help;helmreleases' {
            break
        }
        'flux-rs;get;help;sources' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories and their status')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories and their status')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories and their status')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts and their status')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every source and its status (OCIRepository, Bucket, GitRepository, HelmRepository, HelmChart)')
            break
        }
        'flux-rs;get;help;sources;git' {
            break
        }
        'flux-rs;get;help;sources;oci' {
            break
        }
        'flux-rs;get;help;sources;helm' {
            break
        }
        'flux-rs;get;help;sources;chart' {
            break
        }
        'flux-rs;get;help;sources;all' {
            break
        }
        'flux-rs;get;help;alerts' {
            break
        }
        'flux-rs;get;help;alert-providers' {
            break
        }
        'flux-rs;get;help;receivers' {
            break
        }
        'flux-rs;get;help;all' {
            break
        }
        'flux-rs;get;help;help' {
            break
        }
        'flux-rs;helm' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Render a chart locally, exactly as `helm template` (Helm 4) prints it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;helm;template' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Values files (repeatable, comma-separated; `-` reads standard input)')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Values files (repeatable, comma-separated; `-` reads standard input)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set values (`a.b=c,d[0]=e`)')
            [CompletionResult]::new('--set-string', '--set-string', [CompletionResultType]::ParameterName, 'Set values as strings')
            [CompletionResult]::new('--set-file', '--set-file', [CompletionResultType]::ParameterName, 'Set values from files (`key=path`)')
            [CompletionResult]::new('--set-json', '--set-json', [CompletionResultType]::ParameterName, 'Set JSON values (`key={"a":1}`)')
            [CompletionResult]::new('--set-literal', '--set-literal', [CompletionResultType]::ParameterName, 'Set a literal string value (everything after the first `=`)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only show manifests rendered from these templates (globs, repeatable)')
            [CompletionResult]::new('--show-only', '--show-only', [CompletionResultType]::ParameterName, 'Only show manifests rendered from these templates (globs, repeatable)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Extra API versions for .Capabilities.APIVersions (repeatable, comma-separated)')
            [CompletionResult]::new('--api-versions', '--api-versions', [CompletionResultType]::ParameterName, 'Extra API versions for .Capabilities.APIVersions (repeatable, comma-separated)')
            [CompletionResult]::new('--kube-version', '--kube-version', [CompletionResultType]::ParameterName, 'Kubernetes version for .Capabilities.KubeVersion')
            [CompletionResult]::new('--name-template', '--name-template', [CompletionResultType]::ParameterName, 'Template for the release name')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Write each template''s output to files under this directory instead of stdout')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('--include-crds', '--include-crds', [CompletionResultType]::ParameterName, 'Include the charts'' crds/ files in the output')
            [CompletionResult]::new('--skip-crds', '--skip-crds', [CompletionResultType]::ParameterName, 'Do not install CRDs (no effect on the output, as in Helm)')
            [CompletionResult]::new('--skip-tests', '--skip-tests', [CompletionResultType]::ParameterName, 'Leave test hooks out of the output')
            [CompletionResult]::new('--no-hooks', '--no-hooks', [CompletionResultType]::ParameterName, 'Leave hooks out of the output')
            [CompletionResult]::new('--is-upgrade', '--is-upgrade', [CompletionResultType]::ParameterName, 'Set .Release.IsUpgrade instead of .Release.IsInstall')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Generate the release name (CHART-<unix time>)')
            [CompletionResult]::new('--generate-name', '--generate-name', [CompletionResultType]::ParameterName, 'Generate the release name (CHART-<unix time>)')
            [CompletionResult]::new('--release-name', '--release-name', [CompletionResultType]::ParameterName, 'With --output-dir, write under DIR/NAME')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;helm;help' {
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Render a chart locally, exactly as `helm template` (Helm 4) prints it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;helm;help;template' {
            break
        }
        'flux-rs;helm;help;help' {
            break
        }
        'flux-rs;list' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('artifacts', 'artifacts', [CompletionResultType]::ParameterValue, 'List the Flux OCI artifacts of a repository')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'List the Flux OCI artifacts of a repository')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;list;artifacts' {
            [CompletionResult]::new('--filter-regex', '--filter-regex', [CompletionResultType]::ParameterName, 'Only tags matching this regular expression')
            [CompletionResult]::new('--filter-semver', '--filter-semver', [CompletionResultType]::ParameterName, 'Only tags that are versions in this semantic-version range')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials, `<username>:<password>` (or a token alone)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Credentials provider (only `generic` is supported)')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'Talk to the registry over plain HTTP')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;list;artifact' {
            [CompletionResult]::new('--filter-regex', '--filter-regex', [CompletionResultType]::ParameterName, 'Only tags matching this regular expression')
            [CompletionResult]::new('--filter-semver', '--filter-semver', [CompletionResultType]::ParameterName, 'Only tags that are versions in this semantic-version range')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials, `<username>:<password>` (or a token alone)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Credentials provider (only `generic` is supported)')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'Talk to the registry over plain HTTP')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;list;help' {
            [CompletionResult]::new('artifacts', 'artifacts', [CompletionResultType]::ParameterValue, 'List the Flux OCI artifacts of a repository')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;list;help;artifacts' {
            break
        }
        'flux-rs;list;help;help' {
            break
        }
        'flux-rs;pull' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Pull a Flux OCI artifact and extract it into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;pull;artifact' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Directory to extract into (created if missing)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Directory to extract into (created if missing)')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials, `<username>:<password>` (or a token alone)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Credentials provider (only `generic` is supported)')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'Talk to the registry over plain HTTP')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;pull;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Pull a Flux OCI artifact and extract it into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;pull;help;artifact' {
            break
        }
        'flux-rs;pull;help;help' {
            break
        }
        'flux-rs;push' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Push a directory or file as a Flux OCI artifact')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;push;artifact' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'The directory or file to pack')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the content comes from (a Git URL): org.opencontainers.image.source')
            [CompletionResult]::new('--revision', '--revision', [CompletionResultType]::ParameterName, 'The content''s revision (main@sha1:<hex>): org.opencontainers.image.revision')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Extra manifest annotations, key=value (repeat or separate with commas)')
            [CompletionResult]::new('--annotations', '--annotations', [CompletionResultType]::ParameterName, 'Extra manifest annotations, key=value (repeat or separate with commas)')
            [CompletionResult]::new('--ignore-paths', '--ignore-paths', [CompletionResultType]::ParameterName, 'Paths to leave out, in gitignore syntax (repeat or separate with commas)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the pushed digest and URL as JSON or YAML on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the pushed digest and URL as JSON or YAML on stdout')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials, `<username>:<password>` (or a token alone)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Credentials provider (only `generic` is supported)')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'Talk to the registry over plain HTTP')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;push;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Push a directory or file as a Flux OCI artifact')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;push;help;artifact' {
            break
        }
        'flux-rs;push;help;help' {
            break
        }
        'flux-rs;tag' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Tag a Flux OCI artifact (no layer is transferred)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;tag;artifact' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tags to add (repeat or separate with commas)')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials, `<username>:<password>` (or a token alone)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Credentials provider (only `generic` is supported)')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'Talk to the registry over plain HTTP')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;tag;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Tag a Flux OCI artifact (no layer is transferred)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;tag;help;artifact' {
            break
        }
        'flux-rs;tag;help;help' {
            break
        }
        'flux-rs;install' {
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the manifests instead of applying them')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of the controller image (`<registry>/flux-rs:<version>`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Version (image tag) of the controller; a leading `v` is dropped')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Version (image tag) of the controller; a leading `v` is dropped')
            [CompletionResult]::new('--image-pull-secret', '--image-pull-secret', [CompletionResultType]::ParameterName, 'Secret in the namespace used to pull the image')
            [CompletionResult]::new('--watch-all-namespaces', '--watch-all-namespaces', [CompletionResultType]::ParameterName, 'Let the controller watch all namespaces (false: only its own)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of the controller')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the controller Deployment to be ready')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;kustomize' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Directory no file may be read from outside of (default: no such confinement)')
            [CompletionResult]::new('--load-restrictor', '--load-restrictor', [CompletionResultType]::ParameterName, '`LoadRestrictionsRootOnly` (kustomize''s default) or `LoadRestrictionsNone`')
            [CompletionResult]::new('--allow-remote-bases', '--allow-remote-bases', [CompletionResultType]::ParameterName, 'Fetch remote Git bases (`https://host/org/repo//dir?ref=v1`, `github.com/org/repo/dir`, `git@host:org/repo//dir`) named in resources and components; off by default')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Reconcile a Kustomization (build, apply, prune, health)')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'Reconcile a Kustomization (build, apply, prune, health)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Reconcile a HelmRelease (render, install or upgrade, wait)')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'Reconcile a HelmRelease (render, install or upgrade, wait)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Reconcile a Receiver: compute its webhook path and write its status')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;reconcile;kustomization' {
            [CompletionResult]::new('--with-source', '--with-source', [CompletionResultType]::ParameterName, 'Reconcile the Kustomization''s GitRepository first')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'In this process, then reconcile the Kustomizations it applied (created, changed, or not ready at their source''s revision), in dependsOn order with their sources fetched, down the tree')
            [CompletionResult]::new('--allow-remote-bases', '--allow-remote-bases', [CompletionResultType]::ParameterName, 'In this process: fetch remote Git bases named in resources and components (off by default: they fail the build, naming the URL; a controller decides with its own flag)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile;ks' {
            [CompletionResult]::new('--with-source', '--with-source', [CompletionResultType]::ParameterName, 'Reconcile the Kustomization''s GitRepository first')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'In this process, then reconcile the Kustomizations it applied (created, changed, or not ready at their source''s revision), in dependsOn order with their sources fetched, down the tree')
            [CompletionResult]::new('--allow-remote-bases', '--allow-remote-bases', [CompletionResultType]::ParameterName, 'In this process: fetch remote Git bases named in resources and components (off by default: they fail the build, naming the URL; a controller decides with its own flag)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile;helmrelease' {
            [CompletionResult]::new('--with-source', '--with-source', [CompletionResultType]::ParameterName, 'Pull the chart''s OCIRepository first')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Force a one-off install or upgrade, even when the release is in sync')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'Reset the failure counters: a release stalled after its retries is retried')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile;hr' {
            [CompletionResult]::new('--with-source', '--with-source', [CompletionResultType]::ParameterName, 'Pull the chart''s OCIRepository first')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Force a one-off install or upgrade, even when the release is in sync')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'Reset the failure counters: a release stalled after its retries is retried')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile;source' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Fetch a GitRepository and store its artifact')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Pull an OCIRepository and store its artifact')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Fetch a HelmRepository''s index and store it')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'Build a HelmChart from its source and store it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;reconcile;source;git' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile;source;oci' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile;source;helm' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile;source;chart' {
            [CompletionResult]::new('--with-source', '--with-source', [CompletionResultType]::ParameterName, 'Reconcile the HelmChart''s source (HelmRepository or GitRepository) first')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile;source;help' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Fetch a GitRepository and store its artifact')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Pull an OCIRepository and store its artifact')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Fetch a HelmRepository''s index and store it')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'Build a HelmChart from its source and store it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;reconcile;source;help;git' {
            break
        }
        'flux-rs;reconcile;source;help;oci' {
            break
        }
        'flux-rs;reconcile;source;help;helm' {
            break
        }
        'flux-rs;reconcile;source;help;chart' {
            break
        }
        'flux-rs;reconcile;source;help;help' {
            break
        }
        'flux-rs;reconcile;receiver' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;reconcile;help' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Reconcile a Kustomization (build, apply, prune, health)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Reconcile a HelmRelease (render, install or upgrade, wait)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Reconcile a Receiver: compute its webhook path and write its status')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;reconcile;help;kustomization' {
            break
        }
        'flux-rs;reconcile;help;helmrelease' {
            break
        }
        'flux-rs;reconcile;help;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Fetch a GitRepository and store its artifact')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Pull an OCIRepository and store its artifact')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Fetch a HelmRepository''s index and store it')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'Build a HelmChart from its source and store it')
            break
        }
        'flux-rs;reconcile;help;source;git' {
            break
        }
        'flux-rs;reconcile;help;source;oci' {
            break
        }
        'flux-rs;reconcile;help;source;helm' {
            break
        }
        'flux-rs;reconcile;help;source;chart' {
            break
        }
        'flux-rs;reconcile;help;receiver' {
            break
        }
        'flux-rs;reconcile;help;help' {
            break
        }
        'flux-rs;resume' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;resume;kustomization' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;ks' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;helmrelease' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;hr' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;source' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;resume;source;git' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;source;oci' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;source;helm' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;source;chart' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;source;help' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;resume;source;help;git' {
            break
        }
        'flux-rs;resume;source;help;oci' {
            break
        }
        'flux-rs;resume;source;help;helm' {
            break
        }
        'flux-rs;resume;source;help;chart' {
            break
        }
        'flux-rs;resume;source;help;help' {
            break
        }
        'flux-rs;resume;alert' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;alert-provider' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;receiver' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be reconciled (default: only when one name is given)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Reconcile in this process even when a controller runs in the cluster')
            [CompletionResult]::new('--controller', '--controller', [CompletionResultType]::ParameterName, 'Ask the controller (annotate and wait) even when none seems to run')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;resume;help' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;resume;help;kustomization' {
            break
        }
        'flux-rs;resume;help;helmrelease' {
            break
        }
        'flux-rs;resume;help;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;resume;help;source;git' {
            break
        }
        'flux-rs;resume;help;source;oci' {
            break
        }
        'flux-rs;resume;help;source;helm' {
            break
        }
        'flux-rs;resume;help;source;chart' {
            break
        }
        'flux-rs;resume;help;alert' {
            break
        }
        'flux-rs;resume;help;alert-provider' {
            break
        }
        'flux-rs;resume;help;receiver' {
            break
        }
        'flux-rs;resume;help;help' {
            break
        }
        'flux-rs;stats' {
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Count objects in every namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Count objects in every namespace')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector')
            [CompletionResult]::new('--label-selector', '--label-selector', [CompletionResultType]::ParameterName, 'Only objects whose labels match the selector')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;suspend;kustomization' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;ks' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;helmrelease' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;hr' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;source' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;suspend;source;git' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;source;oci' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;source;helm' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;source;chart' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;source;help' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;suspend;source;help;git' {
            break
        }
        'flux-rs;suspend;source;help;oci' {
            break
        }
        'flux-rs;suspend;source;help;helm' {
            break
        }
        'flux-rs;suspend;source;help;chart' {
            break
        }
        'flux-rs;suspend;source;help;help' {
            break
        }
        'flux-rs;suspend;alert' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;alert-provider' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;receiver' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every object of the kind in the namespace')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;suspend;help' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;suspend;help;kustomization' {
            break
        }
        'flux-rs;suspend;help;helmrelease' {
            break
        }
        'flux-rs;suspend;help;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;suspend;help;source;git' {
            break
        }
        'flux-rs;suspend;help;source;oci' {
            break
        }
        'flux-rs;suspend;help;source;helm' {
            break
        }
        'flux-rs;suspend;help;source;chart' {
            break
        }
        'flux-rs;suspend;help;alert' {
            break
        }
        'flux-rs;suspend;help;alert-provider' {
            break
        }
        'flux-rs;suspend;help;receiver' {
            break
        }
        'flux-rs;suspend;help;help' {
            break
        }
        'flux-rs;trace' {
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'API version of the type (group/version), when the short name is ambiguous')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;tree' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'The inventory tree of a Kustomization')
            [CompletionResult]::new('ks', 'ks', [CompletionResultType]::ParameterValue, 'The inventory tree of a Kustomization')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'The objects of a HelmRelease''s release as a tree')
            [CompletionResult]::new('hr', 'hr', [CompletionResultType]::ParameterValue, 'The objects of a HelmRelease''s release as a tree')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;tree;kustomization' {
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'List Flux objects only (groups *.toolkit.fluxcd.io)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (default: a text tree)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (default: a text tree)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;tree;ks' {
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'List Flux objects only (groups *.toolkit.fluxcd.io)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (default: a text tree)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (default: a text tree)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;tree;helmrelease' {
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'List Flux objects only (groups *.toolkit.fluxcd.io)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (default: a text tree)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (default: a text tree)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;tree;hr' {
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'List Flux objects only (groups *.toolkit.fluxcd.io)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (default: a text tree)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (default: a text tree)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;tree;help' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'The inventory tree of a Kustomization')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'The objects of a HelmRelease''s release as a tree')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;tree;help;kustomization' {
            break
        }
        'flux-rs;tree;help;helmrelease' {
            break
        }
        'flux-rs;tree;help;help' {
            break
        }
        'flux-rs;uninstall' {
            [CompletionResult]::new('--keep-namespace', '--keep-namespace', [CompletionResultType]::ParameterName, 'Keep the namespace')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only list what would be deleted')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;version' {
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Print only the client version; do not contact the cluster')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Flux objects (and where Flux is installed)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (debug logs of the library on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'flux-rs;help' {
            [CompletionResult]::new('bootstrap', 'bootstrap', [CompletionResultType]::ParameterValue, 'Commit flux-rs to a Git repository, install it and make the cluster sync from it')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build Flux objects locally (build kustomization)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check requirements and the installation''s health')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print shell completion scripts')
            [CompletionResult]::new('controller', 'controller', [CompletionResultType]::ParameterValue, 'Run the controller that reconciles GitRepositories and Kustomizations')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create or update Flux objects and their Secrets, then reconcile them')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a Flux object (and a Kustomization''s applied objects when it prunes)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what a change would do: the whole fleet offline (--base), or one Kustomization against the cluster (exit 1 on changes)')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Print Kubernetes events about Flux objects')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print Flux objects as clean YAML manifests')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the status of Flux objects')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Render Helm charts locally with the native engine (helm template)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List Flux OCI artifacts (list artifacts)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Pull a Flux OCI artifact (pull artifact)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push a directory as a Flux OCI artifact (push artifact)')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Tag a Flux OCI artifact (tag artifact)')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install flux-rs''s CRDs and controller into the cluster')
            [CompletionResult]::new('kustomize', 'kustomize', [CompletionResultType]::ParameterValue, 'Build a kustomization directory (a drop-in for kubectl kustomize)')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Reconcile Flux objects now (kustomization, source git)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume suspended Flux objects and wait for them to be reconciled')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Print per-kind counts of ready, failing and suspended Flux objects')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Suspend the reconciliation of Flux objects')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Show which Kustomization and source manage an object')
            [CompletionResult]::new('tree', 'tree', [CompletionResultType]::ParameterValue, 'Print the inventory of a Kustomization as a tree')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove flux-rs''s components and CRDs from the cluster')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the client, server and controller versions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flux-rs;help;bootstrap' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Bootstrap with any Git server (SSH, HTTPS or file://)')
            [CompletionResult]::new('github', 'github', [CompletionResultType]::ParameterValue, 'Bootstrap with a GitHub repository (created when missing, deploy key registered)')
            break
        }
        'flux-rs;help;bootstrap;git' {
            break
        }
        'flux-rs;help;bootstrap;github' {
            break
        }
        'flux-rs;help;build' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Build a Kustomization from a local directory')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Render a HelmRelease and print the objects of its release')
            break
        }
        'flux-rs;help;build;kustomization' {
            break
        }
        'flux-rs;help;build;helmrelease' {
            break
        }
        'flux-rs;help;check' {
            break
        }
        'flux-rs;help;completion' {
            break
        }
        'flux-rs;help;controller' {
            break
        }
        'flux-rs;help;create' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Create or update a Kustomization and reconcile it')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Create or update a HelmRelease and reconcile it')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Create or update sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Create or update Secrets for sources and decryption')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Create or update a Provider of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Create or update an Alert (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Create or update a Receiver of webhooks and print its path')
            break
        }
        'flux-rs;help;create;kustomization' {
            break
        }
        'flux-rs;help;create;helmrelease' {
            break
        }
        'flux-rs;help;create;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Create or update a GitRepository and fetch it')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Create or update an OCIRepository and pull it')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Create or update a HelmRepository and fetch its index')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'Create or update a HelmChart and build it')
            break
        }
        'flux-rs;help;create;source;git' {
            break
        }
        'flux-rs;help;create;source;oci' {
            break
        }
        'flux-rs;help;create;source;helm' {
            break
        }
        'flux-rs;help;create;source;chart' {
            break
        }
        'flux-rs;help;create;secret' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Create or update a Secret for Git access (deploy key and known_hosts, or HTTPS credentials)')
            [CompletionResult]::new('sops', 'sops', [CompletionResultType]::ParameterValue, 'Create or update a Secret of age keys for SOPS decryption (spec.decryption)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Create or update a dockerconfigjson Secret for OCI registry access')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Create or update a Secret for HelmRepository access (credentials, TLS)')
            break
        }
        'flux-rs;help;create;secret;git' {
            break
        }
        'flux-rs;help;create;secret;sops' {
            break
        }
        'flux-rs;help;create;secret;oci' {
            break
        }
        'flux-rs;help;create;secret;helm' {
            break
        }
        'flux-rs;help;create;alert-provider' {
            break
        }
        'flux-rs;help;create;alert' {
            break
        }
        'flux-rs;help;create;receiver' {
            break
        }
        'flux-rs;help;delete' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;help;delete;kustomization' {
            break
        }
        'flux-rs;help;delete;helmrelease' {
            break
        }
        'flux-rs;help;delete;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;help;delete;source;git' {
            break
        }
        'flux-rs;help;delete;source;oci' {
            break
        }
        'flux-rs;help;delete;source;helm' {
            break
        }
        'flux-rs;help;delete;source;chart' {
            break
        }
        'flux-rs;help;delete;alert' {
            break
        }
        'flux-rs;help;delete;alert-provider' {
            break
        }
        'flux-rs;help;delete;receiver' {
            break
        }
        'flux-rs;help;diff' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Show what applying a local directory as a Kustomization would change')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Show what an upgrade of a HelmRelease would change in the cluster')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Compare a local directory with a Flux OCI artifact (exit 1 on differences)')
            break
        }
        'flux-rs;help;diff;kustomization' {
            break
        }
        'flux-rs;help;diff;helmrelease' {
            break
        }
        'flux-rs;help;diff;artifact' {
            break
        }
        'flux-rs;help;events' {
            break
        }
        'flux-rs;help;export' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;help;export;kustomization' {
            break
        }
        'flux-rs;help;export;helmrelease' {
            break
        }
        'flux-rs;help;export;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;help;export;source;git' {
            break
        }
        'flux-rs;help;export;source;oci' {
            break
        }
        'flux-rs;help;export;source;helm' {
            break
        }
        'flux-rs;help;export;source;chart' {
            break
        }
        'flux-rs;help;export;alert' {
            break
        }
        'flux-rs;help;export;alert-provider' {
            break
        }
        'flux-rs;help;export;receiver' {
            break
        }
        'flux-rs;help;get' {
            [CompletionResult]::new('kustomizations', 'kustomizations', [CompletionResultType]::ParameterValue, 'Kustomizations and their status')
            [CompletionResult]::new('helmreleases', 'helmreleases', [CompletionResultType]::ParameterValue, 'HelmReleases and their status (helm.toolkit.fluxcd.io/v2)')
            [CompletionResult]::new('sources', 'sources', [CompletionResultType]::ParameterValue, 'Sources and their status')
            [CompletionResult]::new('alerts', 'alerts', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io/v1beta3)')
            [CompletionResult]::new('alert-providers', 'alert-providers', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io/v1beta3)')
            [CompletionResult]::new('receivers', 'receivers', [CompletionResultType]::ParameterValue, 'Receivers of webhooks and their status (notification.toolkit.fluxcd.io/v1)')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every Flux object and its status, kind by kind')
            break
        }
        'flux-rs;help;get;kustomizations' {
            break
        }
        'flux-rs;help;get;helmreleases' {
            break
        }
        'flux-rs;help;get;sources' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories and their status')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories and their status')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories and their status')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts and their status')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every source and its status (OCIRepository, Bucket, GitRepository, HelmRepository, HelmChart)')
            break
        }
        'flux-rs;help;get;sources;git' {
            break
        }
        'flux-rs;help;get;sources;oci' {
            break
        }
        'flux-rs;help;get;sources;helm' {
            break
        }
        'flux-rs;help;get;sources;chart' {
            break
        }
        'flux-rs;help;get;sources;all' {
            break
        }
        'flux-rs;help;get;alerts' {
            break
        }
        'flux-rs;help;get;alert-providers' {
            break
        }
        'flux-rs;help;get;receivers' {
            break
        }
        'flux-rs;help;get;all' {
            break
        }
        'flux-rs;help;helm' {
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Render a chart locally, exactly as `helm template` (Helm 4) prints it')
            break
        }
        'flux-rs;help;helm;template' {
            break
        }
        'flux-rs;help;list' {
            [CompletionResult]::new('artifacts', 'artifacts', [CompletionResultType]::ParameterValue, 'List the Flux OCI artifacts of a repository')
            break
        }
        'flux-rs;help;list;artifacts' {
            break
        }
        'flux-rs;help;pull' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Pull a Flux OCI artifact and extract it into a directory')
            break
        }
        'flux-rs;help;pull;artifact' {
            break
        }
        'flux-rs;help;push' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Push a directory or file as a Flux OCI artifact')
            break
        }
        'flux-rs;help;push;artifact' {
            break
        }
        'flux-rs;help;tag' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Tag a Flux OCI artifact (no layer is transferred)')
            break
        }
        'flux-rs;help;tag;artifact' {
            break
        }
        'flux-rs;help;install' {
            break
        }
        'flux-rs;help;kustomize' {
            break
        }
        'flux-rs;help;reconcile' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Reconcile a Kustomization (build, apply, prune, health)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'Reconcile a HelmRelease (render, install or upgrade, wait)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Reconcile a Receiver: compute its webhook path and write its status')
            break
        }
        'flux-rs;help;reconcile;kustomization' {
            break
        }
        'flux-rs;help;reconcile;helmrelease' {
            break
        }
        'flux-rs;help;reconcile;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Fetch a GitRepository and store its artifact')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'Pull an OCIRepository and store its artifact')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Fetch a HelmRepository''s index and store it')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'Build a HelmChart from its source and store it')
            break
        }
        'flux-rs;help;reconcile;source;git' {
            break
        }
        'flux-rs;help;reconcile;source;oci' {
            break
        }
        'flux-rs;help;reconcile;source;helm' {
            break
        }
        'flux-rs;help;reconcile;source;chart' {
            break
        }
        'flux-rs;help;reconcile;receiver' {
            break
        }
        'flux-rs;help;resume' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;help;resume;kustomization' {
            break
        }
        'flux-rs;help;resume;helmrelease' {
            break
        }
        'flux-rs;help;resume;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;help;resume;source;git' {
            break
        }
        'flux-rs;help;resume;source;oci' {
            break
        }
        'flux-rs;help;resume;source;helm' {
            break
        }
        'flux-rs;help;resume;source;chart' {
            break
        }
        'flux-rs;help;resume;alert' {
            break
        }
        'flux-rs;help;resume;alert-provider' {
            break
        }
        'flux-rs;help;resume;receiver' {
            break
        }
        'flux-rs;help;stats' {
            break
        }
        'flux-rs;help;suspend' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'Kustomizations (kustomize.toolkit.fluxcd.io)')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'HelmReleases (helm.toolkit.fluxcd.io)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'Sources (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('alert-provider', 'alert-provider', [CompletionResultType]::ParameterValue, 'Providers of alerts (notification.toolkit.fluxcd.io)')
            [CompletionResult]::new('receiver', 'receiver', [CompletionResultType]::ParameterValue, 'Receivers of webhooks (notification.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;help;suspend;kustomization' {
            break
        }
        'flux-rs;help;suspend;helmrelease' {
            break
        }
        'flux-rs;help;suspend;source' {
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'GitRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('oci', 'oci', [CompletionResultType]::ParameterValue, 'OCIRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'HelmRepositories (source.toolkit.fluxcd.io)')
            [CompletionResult]::new('chart', 'chart', [CompletionResultType]::ParameterValue, 'HelmCharts (source.toolkit.fluxcd.io)')
            break
        }
        'flux-rs;help;suspend;source;git' {
            break
        }
        'flux-rs;help;suspend;source;oci' {
            break
        }
        'flux-rs;help;suspend;source;helm' {
            break
        }
        'flux-rs;help;suspend;source;chart' {
            break
        }
        'flux-rs;help;suspend;alert' {
            break
        }
        'flux-rs;help;suspend;alert-provider' {
            break
        }
        'flux-rs;help;suspend;receiver' {
            break
        }
        'flux-rs;help;trace' {
            break
        }
        'flux-rs;help;tree' {
            [CompletionResult]::new('kustomization', 'kustomization', [CompletionResultType]::ParameterValue, 'The inventory tree of a Kustomization')
            [CompletionResult]::new('helmrelease', 'helmrelease', [CompletionResultType]::ParameterValue, 'The objects of a HelmRelease''s release as a tree')
            break
        }
        'flux-rs;help;tree;kustomization' {
            break
        }
        'flux-rs;help;tree;helmrelease' {
            break
        }
        'flux-rs;help;uninstall' {
            break
        }
        'flux-rs;help;version' {
            break
        }
        'flux-rs;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
