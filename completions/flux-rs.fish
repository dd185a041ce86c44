# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_flux_rs_global_optspecs
    string join \n kubeconfig= context= n/namespace= timeout= verbose= h/help V/version
end

function __fish_flux_rs_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_flux_rs_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_flux_rs_using_subcommand
    set -l cmd (__fish_flux_rs_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c flux-rs -n "__fish_flux_rs_needs_command" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_needs_command" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_needs_command" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_needs_command" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_needs_command" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -s V -l version -d 'Print version'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "bootstrap" -d 'Commit flux-rs to a Git repository, install it and make the cluster sync from it'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "build" -d 'Build Flux objects locally (build kustomization)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "check" -d 'Check requirements and the installation\'s health'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "completion" -d 'Print shell completion scripts'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "controller" -d 'Run the controller that reconciles GitRepositories and Kustomizations'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "create" -d 'Create or update Flux objects and their Secrets, then reconcile them'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "delete" -d 'Delete a Flux object (and a Kustomization\'s applied objects when it prunes)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "diff" -d 'Show what a change would do: the whole fleet offline (--base), or one Kustomization against the cluster (exit 1 on changes)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "events" -d 'Print Kubernetes events about Flux objects'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "export" -d 'Print Flux objects as clean YAML manifests'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "get" -d 'Print the status of Flux objects'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "helm" -d 'Render Helm charts locally with the native engine (helm template)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "list" -d 'List Flux OCI artifacts (list artifacts)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "pull" -d 'Pull a Flux OCI artifact (pull artifact)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "push" -d 'Push a directory as a Flux OCI artifact (push artifact)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "tag" -d 'Tag a Flux OCI artifact (tag artifact)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "install" -d 'Install flux-rs\'s CRDs and controller into the cluster'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "kustomize" -d 'Build a kustomization directory (a drop-in for kubectl kustomize)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "reconcile" -d 'Reconcile Flux objects now (kustomization, source git)'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "resume" -d 'Resume suspended Flux objects and wait for them to be reconciled'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "stats" -d 'Print per-kind counts of ready, failing and suspended Flux objects'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "suspend" -d 'Suspend the reconciliation of Flux objects'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "trace" -d 'Show which Kustomization and source manage an object'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "tree" -d 'Print the inventory of a Kustomization as a tree'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "uninstall" -d 'Remove flux-rs\'s components and CRDs from the cluster'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "version" -d 'Print the client, server and controller versions'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and not __fish_seen_subcommand_from git github help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and not __fish_seen_subcommand_from git github help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and not __fish_seen_subcommand_from git github help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and not __fish_seen_subcommand_from git github help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and not __fish_seen_subcommand_from git github help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and not __fish_seen_subcommand_from git github help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and not __fish_seen_subcommand_from git github help" -f -a "git" -d 'Bootstrap with any Git server (SSH, HTTPS or file://)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and not __fish_seen_subcommand_from git github help" -f -a "github" -d 'Bootstrap with a GitHub repository (created when missing, deploy key registered)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and not __fish_seen_subcommand_from git github help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l url -d 'Repository URL (ssh://, user@host:path, https://, http:// with --allow-insecure-http, file://)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -s u -l username -d 'User name: of HTTP(S) basic authentication, or the SSH user of the sync URL' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -s p -l password -d 'HTTP(S) password or token, or the passphrase of --private-key-file' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -s s -l silent -d 'Assume the deploy key is already set up: do not ask' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l allow-insecure-http -d 'Allow http:// URLs' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l branch -d 'Branch to commit to (created when missing)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l path -d 'Path in the repository the cluster syncs (relative; normalised to ./path)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l interval -d 'Interval of the GitRepository (Go duration)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l private-key-file -d 'An existing SSH private key (OpenSSH format) for the clone and push, also used as the cluster\'s deploy key' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l ssh-key-algorithm -d 'Algorithm of a generated deploy key' -r -f -a "ecdsa\t''
ed25519\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l ssh-ecdsa-curve -d 'Curve of a generated ECDSA deploy key' -r -f -a "p256\t''
p384\t''
p521\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l ssh-hostname -d 'SSH host[:port] the cluster uses (default: the URL\'s host)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l secret-name -d 'Name of the source Secret (default: the namespace)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l components -d 'Components to install (flux-rs-controller; upstream\'s source-controller and kustomize-controller are provided by it)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l registry -d 'Registry of the controller image (`<registry>/flux-rs:<version>`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -s v -l version -d 'Version (image tag) of the controller; a leading `v` is dropped' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l image-pull-secret -d 'Secret in the namespace used to pull the image' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l watch-all-namespaces -d 'Let the controller watch all namespaces (false: only its own)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l log-level -d 'Log level of the controller' -r -f -a "debug\t''
info\t''
error\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l author-name -d 'Author name of the commits' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l author-email -d 'Author email of the commits' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l commit-message-appendix -d 'Text appended to the commit messages' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l token-auth -d 'The cluster authenticates with a user name and password/token over HTTP(S) instead of a deploy key' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l force -d 'Change the path of an existing sync Kustomization' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l controller -d 'Let the controller running in the cluster do the first sync (waited for), instead of this process' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from git" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l owner -d 'The user or organization owning the repository' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l repository -d 'The repository\'s name' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l personal -d 'The owner is a user (the token\'s), not an organization' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l private -d 'Create the repository private' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l team -d 'Team to grant access, as slug[:permission] (pull, triage, push, maintain (default), admin); repeatable' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l hostname -d 'GitHub host (GitHub Enterprise: its host name)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l api-url -d 'Base URL of the GitHub API (default: https://api.github.com, or https://<hostname>/api/v3 with --hostname)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l read-write-key -d 'Give the deploy key write access' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l branch -d 'Branch to commit to (created when missing)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l path -d 'Path in the repository the cluster syncs (relative; normalised to ./path)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l interval -d 'Interval of the GitRepository (Go duration)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l private-key-file -d 'An existing SSH private key (OpenSSH format) for the clone and push, also used as the cluster\'s deploy key' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l ssh-key-algorithm -d 'Algorithm of a generated deploy key' -r -f -a "ecdsa\t''
ed25519\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l ssh-ecdsa-curve -d 'Curve of a generated ECDSA deploy key' -r -f -a "p256\t''
p384\t''
p521\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l ssh-hostname -d 'SSH host[:port] the cluster uses (default: the URL\'s host)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l secret-name -d 'Name of the source Secret (default: the namespace)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l components -d 'Components to install (flux-rs-controller; upstream\'s source-controller and kustomize-controller are provided by it)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l registry -d 'Registry of the controller image (`<registry>/flux-rs:<version>`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -s v -l version -d 'Version (image tag) of the controller; a leading `v` is dropped' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l image-pull-secret -d 'Secret in the namespace used to pull the image' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l watch-all-namespaces -d 'Let the controller watch all namespaces (false: only its own)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l log-level -d 'Log level of the controller' -r -f -a "debug\t''
info\t''
error\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l author-name -d 'Author name of the commits' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l author-email -d 'Author email of the commits' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l commit-message-appendix -d 'Text appended to the commit messages' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l token-auth -d 'The cluster authenticates with a user name and password/token over HTTP(S) instead of a deploy key' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l force -d 'Change the path of an existing sync Kustomization' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l controller -d 'Let the controller running in the cluster do the first sync (waited for), instead of this process' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from github" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from help" -f -a "git" -d 'Bootstrap with any Git server (SSH, HTTPS or file://)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from help" -f -a "github" -d 'Bootstrap with a GitHub repository (created when missing, deploy key registered)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand bootstrap; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "kustomization" -d 'Build a Kustomization from a local directory'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "ks" -d 'Build a Kustomization from a local directory'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "helmrelease" -d 'Render a HelmRelease and print the objects of its release'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "hr" -d 'Render a HelmRelease and print the objects of its release'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l path -d 'Local directory to build (stands for the Kustomization\'s spec.path)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l kustomization-file -d 'Read the Kustomization from this YAML file instead of the cluster' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l strict-substitute -d 'Fail when a variable used in the manifests is not set and has no default' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l ignore-paths -d 'Paths to leave out of a generated kustomization, in .gitignore format, relative to --path (comma-separated or repeated)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l sops-age-key-file -d 'age key file (AGE-SECRET-KEY-1… lines) to decrypt SOPS-encrypted manifests and secretGenerator sources with; the SOPS_AGE_KEY variable may hold keys too. Without a key, encrypted values are shown as **SOPS**' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l allow-remote-bases -d 'Fetch remote Git bases named in resources and components (off by default: they are errors naming the URL)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l dry-run -d 'Do not contact the cluster (requires --kustomization-file; substituteFrom is skipped)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from kustomization" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l path -d 'Local directory to build (stands for the Kustomization\'s spec.path)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l kustomization-file -d 'Read the Kustomization from this YAML file instead of the cluster' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l strict-substitute -d 'Fail when a variable used in the manifests is not set and has no default' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l ignore-paths -d 'Paths to leave out of a generated kustomization, in .gitignore format, relative to --path (comma-separated or repeated)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l sops-age-key-file -d 'age key file (AGE-SECRET-KEY-1… lines) to decrypt SOPS-encrypted manifests and secretGenerator sources with; the SOPS_AGE_KEY variable may hold keys too. Without a key, encrypted values are shown as **SOPS**' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l allow-remote-bases -d 'Fetch remote Git bases named in resources and components (off by default: they are errors naming the URL)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l dry-run -d 'Do not contact the cluster (requires --kustomization-file; substituteFrom is skipped)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -l helmrelease-file -d 'Read the HelmRelease from this YAML file instead of the cluster' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -l chart -d 'Render this chart (a directory or a .tgz archive) instead of the source\'s artifact' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -l values -d 'YAML files of values merged in order over spec.values (repeat or separate with commas)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -l dry-run -d 'Do not contact the cluster (requires --helmrelease-file and --chart; valuesFrom is left out)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from helmrelease" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -l helmrelease-file -d 'Read the HelmRelease from this YAML file instead of the cluster' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -l chart -d 'Render this chart (a directory or a .tgz archive) instead of the source\'s artifact' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -l values -d 'YAML files of values merged in order over spec.values (repeat or separate with commas)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -l dry-run -d 'Do not contact the cluster (requires --helmrelease-file and --chart; valuesFrom is left out)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from help" -f -a "kustomization" -d 'Build a Kustomization from a local directory'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from help" -f -a "helmrelease" -d 'Render a HelmRelease and print the objects of its release'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand build; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l pre -d 'Only check the prerequisites of an installation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l watch-all-namespaces -d 'Watch Flux objects in all namespaces (false: only the runtime namespace)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l watch-namespace -d 'Watch only this namespace (takes precedence over --watch-all-namespaces)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l watch-label-selector -d 'Watch only the Flux objects this label selector matches, e.g. \'sharding.fluxcd.io/key in (shard1)\': one controller per shard. Without an explicit --leader-election-id, each selector gets a Lease of its own' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l runtime-namespace -d 'Namespace the controller runs in: home of the leader-election Lease, and the watched namespace when --watch-all-namespaces=false (default: -n)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l log-level -d 'Log level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l log-encoding -d 'Log format: `console` (human) or `json` (one object per line)' -r -f -a "console\t''
json\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l leader-elect -d 'Elect a leader through a Lease so that only one replica reconciles' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l leader-election-id -d 'Name of the leader-election Lease' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l leader-election-lease-duration -d 'How long standbys wait after the leader\'s last renewal before taking over' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l leader-election-renew-deadline -d 'How long the leader keeps trying to renew before giving up leadership' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l leader-election-retry-period -d 'How often candidates try to acquire and the leader renews the Lease' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l concurrent -d 'How many objects of each kind are reconciled at once' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l storage-path -d 'Directory of the artifact storage (an emptyDir in the cluster)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l artifact-retention-records -d 'How many artifacts of each GitRepository are kept in storage' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l metrics-addr -d 'Address of /metrics (`:8080`, `127.0.0.1:8080`; `0` disables)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l health-addr -d 'Address of /healthz and /readyz (`0` disables)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l receiver-addr -d 'Address of the Receivers\' webhooks, `/hook/<digest>` (`:9292` as `install` sets it; `0`, the default, disables)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l requeue-dependency -d 'How long a Kustomization waits before checking its dependencies again' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l min-retry-delay -d 'First retry delay after a GitRepository failure (doubles per failure, up to the interval)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l interval-jitter-percentage -d 'Jitter added to intervals, in percent (±)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l graceful-shutdown-timeout -d 'How long in-flight reconciliations may run after SIGTERM' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l allow-remote-bases -d 'Fetch remote Git bases named in Kustomizations\' resources and components (off by default: they fail the build, naming the URL; stricter than kustomize-controller). HTTPS anonymously; SSH is refused (no known_hosts)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand controller" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "kustomization" -d 'Create or update a Kustomization and reconcile it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "ks" -d 'Create or update a Kustomization and reconcile it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "helmrelease" -d 'Create or update a HelmRelease and reconcile it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "hr" -d 'Create or update a HelmRelease and reconcile it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "source" -d 'Create or update sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "secret" -d 'Create or update Secrets for sources and decryption'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "alert-provider" -d 'Create or update a Provider of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "alert" -d 'Create or update an Alert (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "receiver" -d 'Create or update a Receiver of webhooks and print its path'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source secret alert-provider alert receiver help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l source -d 'Source of the manifests: `[GitRepository/|OCIRepository/]<name>[.<namespace>]`' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l path -d 'Path to the directory with the manifests, relative to the source root' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l prune -d 'Delete objects that were applied before and are gone from the source' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l interval -d 'How often the Kustomization is reconciled' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l retry-interval -d 'How long to wait before retrying after a failure (default: the interval)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l depends-on -d 'Kustomizations that must be ready first: `<name>` or `<namespace>/<name>` (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l target-namespace -d 'Namespace set on every namespaced object' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l service-account -d 'Service account impersonated for every apply, prune and health check' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l wait -d 'Wait for every applied object to be healthy after each apply' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l health-check -d 'Workloads whose health gates readiness: `<kind>/<name>.<namespace>` (Deployment, StatefulSet, DaemonSet or HelmRelease; repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l health-check-timeout -d 'How long health checks may take (spec.timeout, with --wait or --health-check)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l decryption-provider -d 'Decrypt SOPS-encrypted files of the source with this provider (only `sops`)' -r -f -a "sops\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l decryption-secret -d 'Secret with the age keys (`*.agekey` entries) to decrypt with, in the Kustomization\'s namespace (see `create secret sops`); requires --decryption-provider' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l export -d 'Print the manifest as YAML instead of applying it' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l label -d 'Labels to set, `key=value` (repeat the flag or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from kustomization" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l source -d 'Source of the manifests: `[GitRepository/|OCIRepository/]<name>[.<namespace>]`' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l path -d 'Path to the directory with the manifests, relative to the source root' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l prune -d 'Delete objects that were applied before and are gone from the source' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l interval -d 'How often the Kustomization is reconciled' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l retry-interval -d 'How long to wait before retrying after a failure (default: the interval)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l depends-on -d 'Kustomizations that must be ready first: `<name>` or `<namespace>/<name>` (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l target-namespace -d 'Namespace set on every namespaced object' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l service-account -d 'Service account impersonated for every apply, prune and health check' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l wait -d 'Wait for every applied object to be healthy after each apply' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l health-check -d 'Workloads whose health gates readiness: `<kind>/<name>.<namespace>` (Deployment, StatefulSet, DaemonSet or HelmRelease; repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l health-check-timeout -d 'How long health checks may take (spec.timeout, with --wait or --health-check)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l decryption-provider -d 'Decrypt SOPS-encrypted files of the source with this provider (only `sops`)' -r -f -a "sops\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l decryption-secret -d 'Secret with the age keys (`*.agekey` entries) to decrypt with, in the Kustomization\'s namespace (see `create secret sops`); requires --decryption-provider' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l export -d 'Print the manifest as YAML instead of applying it' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l label -d 'Labels to set, `key=value` (repeat the flag or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l chart-ref -d 'The object holding the chart: `OCIRepository/<name>[.<namespace>]` or `HelmChart/<name>[.<namespace>]`' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l values -d 'YAML files of values merged in order into spec.values (repeat or separate with commas)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l interval -d 'How often the release is reconciled' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l release-name -d 'Name of the release (default: `[<target namespace>-]<name>`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l target-namespace -d 'Namespace the release\'s objects go to' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l create-target-namespace -d 'Create the target namespace when it does not exist (spec.install.createNamespace)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l storage-namespace -d 'Namespace of the release records (Helm\'s Secrets)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l depends-on -d 'HelmReleases that must be ready first: `<name>` or `<namespace>/<name>` (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l service-account -d 'Service account impersonated for the whole Helm action (records and objects)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l values-from -d 'ConfigMaps or Secrets whose `values.yaml` key holds values, merged in order before spec.values: `Secret/<name>` or `ConfigMap/<name>` (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l crds -d 'What to do with the chart\'s CRDs on install and upgrade (spec.install.crds and spec.upgrade.crds)' -r -f -a "Skip\t'Neither install nor upgrade CRDs'
Create\t'Create new CRDs, never update existing ones'
CreateReplace\t'Create new CRDs and replace existing ones'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l export -d 'Print the manifest as YAML instead of applying it' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l label -d 'Labels to set, `key=value` (repeat the flag or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from helmrelease" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l chart-ref -d 'The object holding the chart: `OCIRepository/<name>[.<namespace>]` or `HelmChart/<name>[.<namespace>]`' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l values -d 'YAML files of values merged in order into spec.values (repeat or separate with commas)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l interval -d 'How often the release is reconciled' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l release-name -d 'Name of the release (default: `[<target namespace>-]<name>`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l target-namespace -d 'Namespace the release\'s objects go to' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l create-target-namespace -d 'Create the target namespace when it does not exist (spec.install.createNamespace)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l storage-namespace -d 'Namespace of the release records (Helm\'s Secrets)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l depends-on -d 'HelmReleases that must be ready first: `<name>` or `<namespace>/<name>` (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l service-account -d 'Service account impersonated for the whole Helm action (records and objects)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l values-from -d 'ConfigMaps or Secrets whose `values.yaml` key holds values, merged in order before spec.values: `Secret/<name>` or `ConfigMap/<name>` (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l crds -d 'What to do with the chart\'s CRDs on install and upgrade (spec.install.crds and spec.upgrade.crds)' -r -f -a "Skip\t'Neither install nor upgrade CRDs'
Create\t'Create new CRDs, never update existing ones'
CreateReplace\t'Create new CRDs and replace existing ones'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l export -d 'Print the manifest as YAML instead of applying it' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l label -d 'Labels to set, `key=value` (repeat the flag or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -f -a "git" -d 'Create or update a GitRepository and fetch it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -f -a "oci" -d 'Create or update an OCIRepository and pull it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -f -a "helm" -d 'Create or update a HelmRepository and fetch its index'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -f -a "chart" -d 'Create or update a HelmChart and build it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from source" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "git" -d 'Create or update a Secret for Git access (deploy key and known_hosts, or HTTPS credentials)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "sops" -d 'Create or update a Secret of age keys for SOPS decryption (spec.decryption)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "oci" -d 'Create or update a dockerconfigjson Secret for OCI registry access'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "helm" -d 'Create or update a Secret for HelmRepository access (credentials, TLS)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l type -d 'Type of the provider (slack, discord, msteams, generic, generic-hmac, github, …)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l channel -d 'Channel to post to' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l username -d 'Bot user name' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l address -d 'Webhook address, or the repository URL of commit-status providers' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l secret-ref -d 'Secret with the address, token or headers' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l export -d 'Print the manifest as YAML instead of applying it' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l label -d 'Labels to set, `key=value` (repeat the flag or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert-provider" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -l provider-ref -d 'Name of the Provider' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -l event-severity -d 'Lowest severity sent: info or error' -r -f -a "info\t''
error\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -l event-source -d 'Objects whose events are sent: Kind/name[.namespace] or Kind/* (repeatable)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -l export -d 'Print the manifest as YAML instead of applying it' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -l label -d 'Labels to set, `key=value` (repeat the flag or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from alert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l type -d 'Type of the webhook (generic, generic-hmac, github, gitlab, bitbucket, harbor, …)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l event -d 'Event types accepted (repeatable); all when none' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l resource -d 'Objects to reconcile: Kind/name[.namespace] or Kind/* (repeatable)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l secret-ref -d 'Secret holding the token (key: token)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l export -d 'Print the manifest as YAML instead of applying it' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l label -d 'Labels to set, `key=value` (repeat the flag or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from receiver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "kustomization" -d 'Create or update a Kustomization and reconcile it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "helmrelease" -d 'Create or update a HelmRelease and reconcile it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "source" -d 'Create or update sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "secret" -d 'Create or update Secrets for sources and decryption'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "alert-provider" -d 'Create or update a Provider of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "alert" -d 'Create or update an Alert (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "receiver" -d 'Create or update a Receiver of webhooks and print its path'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "ks" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "hr" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from kustomization" -s s -l silent -d 'Do not ask for confirmation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from kustomization" -l keep-objects -d 'Kustomizations: leave the objects in the inventory in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from kustomization" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from kustomization" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from kustomization" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from kustomization" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from kustomization" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from kustomization" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from ks" -s s -l silent -d 'Do not ask for confirmation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from ks" -l keep-objects -d 'Kustomizations: leave the objects in the inventory in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from helmrelease" -s s -l silent -d 'Do not ask for confirmation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from helmrelease" -l keep-objects -d 'Kustomizations: leave the objects in the inventory in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from helmrelease" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from helmrelease" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from helmrelease" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from helmrelease" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from helmrelease" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from helmrelease" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from hr" -s s -l silent -d 'Do not ask for confirmation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from hr" -l keep-objects -d 'Kustomizations: leave the objects in the inventory in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -f -a "git" -d 'GitRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -f -a "oci" -d 'OCIRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -f -a "helm" -d 'HelmRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -f -a "chart" -d 'HelmCharts (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from source" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert" -s s -l silent -d 'Do not ask for confirmation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert" -l keep-objects -d 'Kustomizations: leave the objects in the inventory in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert-provider" -s s -l silent -d 'Do not ask for confirmation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert-provider" -l keep-objects -d 'Kustomizations: leave the objects in the inventory in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert-provider" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert-provider" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert-provider" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert-provider" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert-provider" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from alert-provider" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from receiver" -s s -l silent -d 'Do not ask for confirmation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from receiver" -l keep-objects -d 'Kustomizations: leave the objects in the inventory in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from receiver" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from receiver" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from receiver" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from receiver" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from receiver" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from receiver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from help" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from help" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from help" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from help" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from help" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand delete; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -l path -d 'The directory the fleet starts from (default: the flux-system sync\'s, found as bootstrap lays it out: <path>/flux-system/gotk-sync.yaml)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -l base -d 'Compare the working tree with this Git revision (a branch, tag, commit or origin/main), read from the repository\'s object database: no cluster needed' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -l cluster -d 'Compare the working tree\'s fleet with the live cluster instead (read-only: GET, LIST and server-side dry-run; substituteFrom read from the cluster), with what each Kustomization\'s inventory would prune' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -l local-sources -d 'Sources built from a directory of this repository: Kind/namespace/name=DIR (comma-separated or repeated)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -l sops-age-key-file -d 'age key file to decrypt SOPS-encrypted files with (Kustomizations with spec.decryption); SOPS_AGE_KEY may hold keys too. Without a key, encrypted values are compared masked' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -s o -l output -d 'Output format' -r -f -a "text\t'`► Kind/ns/name created|drifted|skipped|deleted` lines with unified diffs'
json\t'The change set as one JSON document (for pull-request bots)'
markdown\t'A summary table and collapsed diffs, for a pull-request comment'
github\t'GitHub workflow annotations (`::notice`, `::warning`, `::error` lines)'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -f -a "kustomization" -d 'Show what applying a local directory as a Kustomization would change'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -f -a "ks" -d 'Show what applying a local directory as a Kustomization would change'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -f -a "helmrelease" -d 'Show what an upgrade of a HelmRelease would change in the cluster'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -f -a "hr" -d 'Show what an upgrade of a HelmRelease would change in the cluster'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -f -a "artifact" -d 'Compare a local directory with a Flux OCI artifact (exit 1 on differences)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and not __fish_seen_subcommand_from kustomization ks helmrelease hr artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l path -d 'Local directory to build (stands for the Kustomization\'s spec.path)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l kustomization-file -d 'Read the Kustomization from this YAML file instead of the cluster' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l strict-substitute -d 'Fail when a variable used in the manifests is not set and has no default' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l ignore-paths -d 'Paths to leave out of a generated kustomization, in .gitignore format, relative to --path (comma-separated or repeated)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l sops-age-key-file -d 'age key file (AGE-SECRET-KEY-1… lines) to decrypt SOPS-encrypted manifests and secretGenerator sources with; the SOPS_AGE_KEY variable may hold keys too. Without a key, encrypted values are shown as **SOPS**' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l allow-remote-bases -d 'Fetch remote Git bases named in resources and components (off by default: they are errors naming the URL)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l ignore-not-found -d 'With --kustomization-file: a Kustomization missing from the cluster is treated as new' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l progress-bar -d 'Show a progress bar on stderr (default: when stderr is a terminal)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -s o -l output -d 'Output format' -r -f -a "text\t'`► Kind/ns/name created|drifted|skipped|deleted` lines with unified diffs'
json\t'The change set as one JSON document (for pull-request bots)'
markdown\t'A summary table and collapsed diffs, for a pull-request comment'
github\t'GitHub workflow annotations (`::notice`, `::warning`, `::error` lines)'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from kustomization" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l path -d 'Local directory to build (stands for the Kustomization\'s spec.path)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l kustomization-file -d 'Read the Kustomization from this YAML file instead of the cluster' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l strict-substitute -d 'Fail when a variable used in the manifests is not set and has no default' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l ignore-paths -d 'Paths to leave out of a generated kustomization, in .gitignore format, relative to --path (comma-separated or repeated)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l sops-age-key-file -d 'age key file (AGE-SECRET-KEY-1… lines) to decrypt SOPS-encrypted manifests and secretGenerator sources with; the SOPS_AGE_KEY variable may hold keys too. Without a key, encrypted values are shown as **SOPS**' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l allow-remote-bases -d 'Fetch remote Git bases named in resources and components (off by default: they are errors naming the URL)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l ignore-not-found -d 'With --kustomization-file: a Kustomization missing from the cluster is treated as new' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l progress-bar -d 'Show a progress bar on stderr (default: when stderr is a terminal)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -s o -l output -d 'Output format' -r -f -a "text\t'`► Kind/ns/name created|drifted|skipped|deleted` lines with unified diffs'
json\t'The change set as one JSON document (for pull-request bots)'
markdown\t'A summary table and collapsed diffs, for a pull-request comment'
github\t'GitHub workflow annotations (`::notice`, `::warning`, `::error` lines)'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -l helmrelease-file -d 'Read the HelmRelease from this YAML file instead of the cluster' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -l chart -d 'Render this chart (a directory or a .tgz archive) instead of the source\'s artifact' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -l values -d 'YAML files of values merged in order over spec.values (repeat or separate with commas)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -l progress-bar -d 'Show a progress bar on stderr (default: when stderr is a terminal)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -s o -l output -d 'Output format' -r -f -a "text\t'`► Kind/ns/name created|drifted|skipped|deleted` lines with unified diffs'
json\t'The change set as one JSON document (for pull-request bots)'
markdown\t'A summary table and collapsed diffs, for a pull-request comment'
github\t'GitHub workflow annotations (`::notice`, `::warning`, `::error` lines)'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from helmrelease" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -l helmrelease-file -d 'Read the HelmRelease from this YAML file instead of the cluster' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -l chart -d 'Render this chart (a directory or a .tgz archive) instead of the source\'s artifact' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -l values -d 'YAML files of values merged in order over spec.values (repeat or separate with commas)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -l progress-bar -d 'Show a progress bar on stderr (default: when stderr is a terminal)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -s o -l output -d 'Output format' -r -f -a "text\t'`► Kind/ns/name created|drifted|skipped|deleted` lines with unified diffs'
json\t'The change set as one JSON document (for pull-request bots)'
markdown\t'A summary table and collapsed diffs, for a pull-request comment'
github\t'GitHub workflow annotations (`::notice`, `::warning`, `::error` lines)'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l path -d 'The local directory or file' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l ignore-paths -d 'Paths to leave out, in gitignore syntax (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials, `<username>:<password>` (or a token alone)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l provider -d 'Credentials provider (only `generic` is supported)' -r -f -a "generic\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l insecure-registry -d 'Talk to the registry over plain HTTP' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from help" -f -a "kustomization" -d 'Show what applying a local directory as a Kustomization would change'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from help" -f -a "helmrelease" -d 'Show what an upgrade of a HelmRelease would change in the cluster'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Compare a local directory with a Flux OCI artifact (exit 1 on differences)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand diff; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -s A -l all-namespaces -d 'Events from every namespace (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -s w -l watch -d 'Print events as they happen, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -l for -d 'Only events about a kind or one object: KIND or KIND/NAME (Kustomization/apps, ks/apps)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -l types -d 'Only events of these types (comma-separated: Normal, Warning)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand events" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "ks" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "hr" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from kustomization" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from kustomization" -l with-credentials -d 'Also print the Secrets the objects reference (their data is base64, not encrypted)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from kustomization" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from kustomization" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from kustomization" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from kustomization" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from kustomization" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from kustomization" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from ks" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from ks" -l with-credentials -d 'Also print the Secrets the objects reference (their data is base64, not encrypted)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from helmrelease" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from helmrelease" -l with-credentials -d 'Also print the Secrets the objects reference (their data is base64, not encrypted)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from helmrelease" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from helmrelease" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from helmrelease" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from helmrelease" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from helmrelease" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from helmrelease" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from hr" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from hr" -l with-credentials -d 'Also print the Secrets the objects reference (their data is base64, not encrypted)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -f -a "git" -d 'GitRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -f -a "oci" -d 'OCIRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -f -a "helm" -d 'HelmRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -f -a "chart" -d 'HelmCharts (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from source" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert" -l with-credentials -d 'Also print the Secrets the objects reference (their data is base64, not encrypted)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert-provider" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert-provider" -l with-credentials -d 'Also print the Secrets the objects reference (their data is base64, not encrypted)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert-provider" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert-provider" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert-provider" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert-provider" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert-provider" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from alert-provider" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from receiver" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from receiver" -l with-credentials -d 'Also print the Secrets the objects reference (their data is base64, not encrypted)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from receiver" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from receiver" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from receiver" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from receiver" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from receiver" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from receiver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "kustomizations" -d 'Kustomizations and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "ks" -d 'Kustomizations and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "helmreleases" -d 'HelmReleases and their status (helm.toolkit.fluxcd.io/v2)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "hr" -d 'HelmReleases and their status (helm.toolkit.fluxcd.io/v2)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "sources" -d 'Sources and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "alerts" -d 'Alerts (notification.toolkit.fluxcd.io/v1beta3)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "alert-providers" -d 'Providers of alerts (notification.toolkit.fluxcd.io/v1beta3)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "receivers" -d 'Receivers of webhooks and their status (notification.toolkit.fluxcd.io/v1)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "all" -d 'Every Flux object and its status, kind by kind'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and not __fish_seen_subcommand_from kustomizations ks helmreleases hr sources alerts alert-providers receivers all help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -l show-source -d 'Add a SOURCE column (Kind/namespace/name of the source)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from kustomizations" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -l show-source -d 'Add a SOURCE column (Kind/namespace/name of the source)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from helmreleases" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -f -a "git" -d 'GitRepositories and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -f -a "oci" -d 'OCIRepositories and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -f -a "helm" -d 'HelmRepositories and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -f -a "chart" -d 'HelmCharts and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -f -a "all" -d 'Every source and its status (OCIRepository, Bucket, GitRepository, HelmRepository, HelmChart)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from sources" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alerts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from alert-providers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from receivers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -s A -l all-namespaces -d 'List the objects across all namespaces (adds a NAMESPACE column)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -l no-header -d 'Do not print the header line' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -s w -l watch -d 'After listing, print a row whenever an object changes, until --timeout' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -l status-selector -d 'Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case (ready=false also matches objects not reconciled yet)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -s l -l label-selector -d 'Only objects whose labels match the selector (app=web,tier!=db)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
wide\t'Aligned columns with more details (source, path, URL, reference, interval)'
yaml\t'The objects as a YAML List'
json\t'The objects as a JSON List'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from all" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "kustomizations" -d 'Kustomizations and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "helmreleases" -d 'HelmReleases and their status (helm.toolkit.fluxcd.io/v2)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "sources" -d 'Sources and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "alerts" -d 'Alerts (notification.toolkit.fluxcd.io/v1beta3)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "alert-providers" -d 'Providers of alerts (notification.toolkit.fluxcd.io/v1beta3)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "receivers" -d 'Receivers of webhooks and their status (notification.toolkit.fluxcd.io/v1)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "all" -d 'Every Flux object and its status, kind by kind'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and not __fish_seen_subcommand_from template help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and not __fish_seen_subcommand_from template help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and not __fish_seen_subcommand_from template help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and not __fish_seen_subcommand_from template help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and not __fish_seen_subcommand_from template help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and not __fish_seen_subcommand_from template help" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and not __fish_seen_subcommand_from template help" -f -a "template" -d 'Render a chart locally, exactly as `helm template` (Helm 4) prints it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and not __fish_seen_subcommand_from template help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -s f -l values -d 'Values files (repeatable, comma-separated; `-` reads standard input)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l set -d 'Set values (`a.b=c,d[0]=e`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l set-string -d 'Set values as strings' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l set-file -d 'Set values from files (`key=path`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l set-json -d 'Set JSON values (`key={"a":1}`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l set-literal -d 'Set a literal string value (everything after the first `=`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -s s -l show-only -d 'Only show manifests rendered from these templates (globs, repeatable)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -s a -l api-versions -d 'Extra API versions for .Capabilities.APIVersions (repeatable, comma-separated)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l kube-version -d 'Kubernetes version for .Capabilities.KubeVersion' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l name-template -d 'Template for the release name' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l output-dir -d 'Write each template\'s output to files under this directory instead of stdout' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l include-crds -d 'Include the charts\' crds/ files in the output'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l skip-crds -d 'Do not install CRDs (no effect on the output, as in Helm)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l skip-tests -d 'Leave test hooks out of the output'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l no-hooks -d 'Leave hooks out of the output'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l is-upgrade -d 'Set .Release.IsUpgrade instead of .Release.IsInstall'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -s g -l generate-name -d 'Generate the release name (CHART-<unix time>)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -l release-name -d 'With --output-dir, write under DIR/NAME'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from template" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from help" -f -a "template" -d 'Render a chart locally, exactly as `helm template` (Helm 4) prints it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand helm; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and not __fish_seen_subcommand_from artifacts artifact help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and not __fish_seen_subcommand_from artifacts artifact help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and not __fish_seen_subcommand_from artifacts artifact help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and not __fish_seen_subcommand_from artifacts artifact help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and not __fish_seen_subcommand_from artifacts artifact help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and not __fish_seen_subcommand_from artifacts artifact help" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and not __fish_seen_subcommand_from artifacts artifact help" -f -a "artifacts" -d 'List the Flux OCI artifacts of a repository'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and not __fish_seen_subcommand_from artifacts artifact help" -f -a "artifact" -d 'List the Flux OCI artifacts of a repository'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and not __fish_seen_subcommand_from artifacts artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l filter-regex -d 'Only tags matching this regular expression' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l filter-semver -d 'Only tags that are versions in this semantic-version range' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s o -l output -d 'Output format' -r -f -a "table\t'Lines (push) or a table (list)'
json\t'JSON'
yaml\t'YAML'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l creds -d 'Registry credentials, `<username>:<password>` (or a token alone)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l provider -d 'Credentials provider (only `generic` is supported)' -r -f -a "generic\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l insecure-registry -d 'Talk to the registry over plain HTTP' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -l filter-regex -d 'Only tags matching this regular expression' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -l filter-semver -d 'Only tags that are versions in this semantic-version range' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format' -r -f -a "table\t'Lines (push) or a table (list)'
json\t'JSON'
yaml\t'YAML'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials, `<username>:<password>` (or a token alone)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -l provider -d 'Credentials provider (only `generic` is supported)' -r -f -a "generic\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -l insecure-registry -d 'Talk to the registry over plain HTTP' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "artifacts" -d 'List the Flux OCI artifacts of a repository'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -f -a "artifact" -d 'Pull a Flux OCI artifact and extract it into a directory'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Directory to extract into (created if missing)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials, `<username>:<password>` (or a token alone)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l provider -d 'Credentials provider (only `generic` is supported)' -r -f -a "generic\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l insecure-registry -d 'Talk to the registry over plain HTTP' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Pull a Flux OCI artifact and extract it into a directory'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand pull; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -f -a "artifact" -d 'Push a directory or file as a Flux OCI artifact'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l path -d 'The directory or file to pack' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l source -d 'Where the content comes from (a Git URL): org.opencontainers.image.source' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l revision -d 'The content\'s revision (main@sha1:<hex>): org.opencontainers.image.revision' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -s a -l annotations -d 'Extra manifest annotations, key=value (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l ignore-paths -d 'Paths to leave out, in gitignore syntax (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Print the pushed digest and URL as JSON or YAML on stdout' -r -f -a "table\t'Lines (push) or a table (list)'
json\t'JSON'
yaml\t'YAML'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials, `<username>:<password>` (or a token alone)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l provider -d 'Credentials provider (only `generic` is supported)' -r -f -a "generic\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l insecure-registry -d 'Talk to the registry over plain HTTP' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Push a directory or file as a Flux OCI artifact'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand push; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -f -a "artifact" -d 'Tag a Flux OCI artifact (no layer is transferred)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l tag -d 'Tags to add (repeat or separate with commas)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials, `<username>:<password>` (or a token alone)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l provider -d 'Credentials provider (only `generic` is supported)' -r -f -a "generic\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l insecure-registry -d 'Talk to the registry over plain HTTP' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Tag a Flux OCI artifact (no layer is transferred)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l export -d 'Print the manifests instead of applying them' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l registry -d 'Registry of the controller image (`<registry>/flux-rs:<version>`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -s v -l version -d 'Version (image tag) of the controller; a leading `v` is dropped' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l image-pull-secret -d 'Secret in the namespace used to pull the image' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l watch-all-namespaces -d 'Let the controller watch all namespaces (false: only its own)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l log-level -d 'Log level of the controller' -r -f -a "debug\t''
info\t''
error\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l wait -d 'Wait for the controller Deployment to be ready' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand kustomize" -l root -d 'Directory no file may be read from outside of (default: no such confinement)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand kustomize" -l load-restrictor -d '`LoadRestrictionsRootOnly` (kustomize\'s default) or `LoadRestrictionsNone`' -r -f -a "LoadRestrictionsRootOnly\t''
LoadRestrictionsNone\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand kustomize" -l allow-remote-bases -d 'Fetch remote Git bases (`https://host/org/repo//dir?ref=v1`, `github.com/org/repo/dir`, `git@host:org/repo//dir`) named in resources and components; off by default' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand kustomize" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand kustomize" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand kustomize" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand kustomize" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand kustomize" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand kustomize" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -f -a "kustomization" -d 'Reconcile a Kustomization (build, apply, prune, health)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -f -a "ks" -d 'Reconcile a Kustomization (build, apply, prune, health)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -f -a "helmrelease" -d 'Reconcile a HelmRelease (render, install or upgrade, wait)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -f -a "hr" -d 'Reconcile a HelmRelease (render, install or upgrade, wait)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -f -a "receiver" -d 'Reconcile a Receiver: compute its webhook path and write its status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source receiver help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -l with-source -d 'Reconcile the Kustomization\'s GitRepository first' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -l recursive -d 'In this process, then reconcile the Kustomizations it applied (created, changed, or not ready at their source\'s revision), in dependsOn order with their sources fetched, down the tree' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -l allow-remote-bases -d 'In this process: fetch remote Git bases named in resources and components (off by default: they fail the build, naming the URL; a controller decides with its own flag)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from kustomization" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -l with-source -d 'Reconcile the Kustomization\'s GitRepository first' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -l recursive -d 'In this process, then reconcile the Kustomizations it applied (created, changed, or not ready at their source\'s revision), in dependsOn order with their sources fetched, down the tree' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -l allow-remote-bases -d 'In this process: fetch remote Git bases named in resources and components (off by default: they fail the build, naming the URL; a controller decides with its own flag)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -l with-source -d 'Pull the chart\'s OCIRepository first' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -l force -d 'Force a one-off install or upgrade, even when the release is in sync'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -l reset -d 'Reset the failure counters: a release stalled after its retries is retried'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from helmrelease" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -l with-source -d 'Pull the chart\'s OCIRepository first' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -l force -d 'Force a one-off install or upgrade, even when the release is in sync'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -l reset -d 'Reset the failure counters: a release stalled after its retries is retried'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -f -a "git" -d 'Fetch a GitRepository and store its artifact'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -f -a "oci" -d 'Pull an OCIRepository and store its artifact'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -f -a "helm" -d 'Fetch a HelmRepository\'s index and store it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -f -a "chart" -d 'Build a HelmChart from its source and store it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from source" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from receiver" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from receiver" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from receiver" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from receiver" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from receiver" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from receiver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from help" -f -a "kustomization" -d 'Reconcile a Kustomization (build, apply, prune, health)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from help" -f -a "helmrelease" -d 'Reconcile a HelmRelease (render, install or upgrade, wait)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from help" -f -a "receiver" -d 'Reconcile a Receiver: compute its webhook path and write its status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand reconcile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "ks" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "hr" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -l wait -d 'Wait for the objects to be reconciled (default: only when one name is given)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from kustomization" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -l wait -d 'Wait for the objects to be reconciled (default: only when one name is given)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -l wait -d 'Wait for the objects to be reconciled (default: only when one name is given)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from helmrelease" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -l wait -d 'Wait for the objects to be reconciled (default: only when one name is given)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -f -a "git" -d 'GitRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -f -a "oci" -d 'OCIRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -f -a "helm" -d 'HelmRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -f -a "chart" -d 'HelmCharts (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from source" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -l wait -d 'Wait for the objects to be reconciled (default: only when one name is given)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -l wait -d 'Wait for the objects to be reconciled (default: only when one name is given)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from alert-provider" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -l wait -d 'Wait for the objects to be reconciled (default: only when one name is given)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -l local -d 'Reconcile in this process even when a controller runs in the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -l controller -d 'Ask the controller (annotate and wait) even when none seems to run' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from receiver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from help" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from help" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from help" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from help" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from help" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand resume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand stats" -s A -l all-namespaces -d 'Count objects in every namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand stats" -s l -l label-selector -d 'Only objects whose labels match the selector' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand stats" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns'
yaml\t'YAML'
json\t'JSON'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand stats" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand stats" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand stats" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand stats" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand stats" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "ks" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "hr" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and not __fish_seen_subcommand_from kustomization ks helmrelease hr source alert alert-provider receiver help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from kustomization" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from kustomization" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from kustomization" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from kustomization" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from kustomization" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from kustomization" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from kustomization" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from ks" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from helmrelease" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from helmrelease" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from helmrelease" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from helmrelease" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from helmrelease" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from helmrelease" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from helmrelease" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from hr" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -f -a "git" -d 'GitRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -f -a "oci" -d 'OCIRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -f -a "helm" -d 'HelmRepositories (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -f -a "chart" -d 'HelmCharts (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from source" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert-provider" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert-provider" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert-provider" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert-provider" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert-provider" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert-provider" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from alert-provider" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from receiver" -l all -d 'Every object of the kind in the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from receiver" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from receiver" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from receiver" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from receiver" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from receiver" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from receiver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from help" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from help" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from help" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from help" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from help" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from help" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand suspend; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand trace" -l api-version -d 'API version of the type (group/version), when the short name is ambiguous' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand trace" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand trace" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand trace" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand trace" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand trace" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand trace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "kustomization" -d 'The inventory tree of a Kustomization'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "ks" -d 'The inventory tree of a Kustomization'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "helmrelease" -d 'The objects of a HelmRelease\'s release as a tree'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "hr" -d 'The objects of a HelmRelease\'s release as a tree'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and not __fish_seen_subcommand_from kustomization ks helmrelease hr help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from kustomization" -l compact -d 'List Flux objects only (groups *.toolkit.fluxcd.io)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from kustomization" -s o -l output -d 'Output format (default: a text tree)' -r -f -a "json\t'JSON'
yaml\t'YAML'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from kustomization" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from kustomization" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from kustomization" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from kustomization" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from kustomization" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from kustomization" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from ks" -l compact -d 'List Flux objects only (groups *.toolkit.fluxcd.io)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from ks" -s o -l output -d 'Output format (default: a text tree)' -r -f -a "json\t'JSON'
yaml\t'YAML'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from ks" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from ks" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from ks" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from ks" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from ks" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from ks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from helmrelease" -l compact -d 'List Flux objects only (groups *.toolkit.fluxcd.io)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from helmrelease" -s o -l output -d 'Output format (default: a text tree)' -r -f -a "json\t'JSON'
yaml\t'YAML'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from helmrelease" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from helmrelease" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from helmrelease" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from helmrelease" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from helmrelease" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from helmrelease" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from hr" -l compact -d 'List Flux objects only (groups *.toolkit.fluxcd.io)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from hr" -s o -l output -d 'Output format (default: a text tree)' -r -f -a "json\t'JSON'
yaml\t'YAML'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from hr" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from hr" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from hr" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from hr" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from hr" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from hr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from help" -f -a "kustomization" -d 'The inventory tree of a Kustomization'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from help" -f -a "helmrelease" -d 'The objects of a HelmRelease\'s release as a tree'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand tree; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -l keep-namespace -d 'Keep the namespace' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -l dry-run -d 'Only list what would be deleted' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -s s -l silent -d 'Do not ask for confirmation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand version" -l client -d 'Print only the client version; do not contact the cluster' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand version" -s o -l output -d 'Output format' -r -f -a "yaml\t'YAML'
json\t'JSON'"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand version" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand version" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand version" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand version" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand version" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "bootstrap" -d 'Commit flux-rs to a Git repository, install it and make the cluster sync from it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "build" -d 'Build Flux objects locally (build kustomization)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "check" -d 'Check requirements and the installation\'s health'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "completion" -d 'Print shell completion scripts'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "controller" -d 'Run the controller that reconciles GitRepositories and Kustomizations'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "create" -d 'Create or update Flux objects and their Secrets, then reconcile them'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "delete" -d 'Delete a Flux object (and a Kustomization\'s applied objects when it prunes)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "diff" -d 'Show what a change would do: the whole fleet offline (--base), or one Kustomization against the cluster (exit 1 on changes)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "events" -d 'Print Kubernetes events about Flux objects'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "export" -d 'Print Flux objects as clean YAML manifests'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "get" -d 'Print the status of Flux objects'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "helm" -d 'Render Helm charts locally with the native engine (helm template)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "list" -d 'List Flux OCI artifacts (list artifacts)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "pull" -d 'Pull a Flux OCI artifact (pull artifact)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "push" -d 'Push a directory as a Flux OCI artifact (push artifact)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "tag" -d 'Tag a Flux OCI artifact (tag artifact)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "install" -d 'Install flux-rs\'s CRDs and controller into the cluster'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "kustomize" -d 'Build a kustomization directory (a drop-in for kubectl kustomize)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "reconcile" -d 'Reconcile Flux objects now (kustomization, source git)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "resume" -d 'Resume suspended Flux objects and wait for them to be reconciled'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "stats" -d 'Print per-kind counts of ready, failing and suspended Flux objects'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "suspend" -d 'Suspend the reconciliation of Flux objects'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "trace" -d 'Show which Kustomization and source manage an object'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "tree" -d 'Print the inventory of a Kustomization as a tree'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "uninstall" -d 'Remove flux-rs\'s components and CRDs from the cluster'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "version" -d 'Print the client, server and controller versions'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from bootstrap build check completion controller create delete diff events export get helm list pull push tag install kustomize reconcile resume stats suspend trace tree uninstall version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from bootstrap" -f -a "git" -d 'Bootstrap with any Git server (SSH, HTTPS or file://)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from bootstrap" -f -a "github" -d 'Bootstrap with a GitHub repository (created when missing, deploy key registered)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from build" -f -a "kustomization" -d 'Build a Kustomization from a local directory'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from build" -f -a "helmrelease" -d 'Render a HelmRelease and print the objects of its release'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "kustomization" -d 'Create or update a Kustomization and reconcile it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "helmrelease" -d 'Create or update a HelmRelease and reconcile it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "source" -d 'Create or update sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "secret" -d 'Create or update Secrets for sources and decryption'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "alert-provider" -d 'Create or update a Provider of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "alert" -d 'Create or update an Alert (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "receiver" -d 'Create or update a Receiver of webhooks and print its path'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from delete" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from delete" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from delete" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from delete" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from delete" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from delete" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from diff" -f -a "kustomization" -d 'Show what applying a local directory as a Kustomization would change'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from diff" -f -a "helmrelease" -d 'Show what an upgrade of a HelmRelease would change in the cluster'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from diff" -f -a "artifact" -d 'Compare a local directory with a Flux OCI artifact (exit 1 on differences)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from get" -f -a "kustomizations" -d 'Kustomizations and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from get" -f -a "helmreleases" -d 'HelmReleases and their status (helm.toolkit.fluxcd.io/v2)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from get" -f -a "sources" -d 'Sources and their status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from get" -f -a "alerts" -d 'Alerts (notification.toolkit.fluxcd.io/v1beta3)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from get" -f -a "alert-providers" -d 'Providers of alerts (notification.toolkit.fluxcd.io/v1beta3)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from get" -f -a "receivers" -d 'Receivers of webhooks and their status (notification.toolkit.fluxcd.io/v1)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from get" -f -a "all" -d 'Every Flux object and its status, kind by kind'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from helm" -f -a "template" -d 'Render a chart locally, exactly as `helm template` (Helm 4) prints it'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from list" -f -a "artifacts" -d 'List the Flux OCI artifacts of a repository'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from pull" -f -a "artifact" -d 'Pull a Flux OCI artifact and extract it into a directory'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from push" -f -a "artifact" -d 'Push a directory or file as a Flux OCI artifact'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "artifact" -d 'Tag a Flux OCI artifact (no layer is transferred)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from reconcile" -f -a "kustomization" -d 'Reconcile a Kustomization (build, apply, prune, health)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from reconcile" -f -a "helmrelease" -d 'Reconcile a HelmRelease (render, install or upgrade, wait)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from reconcile" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from reconcile" -f -a "receiver" -d 'Reconcile a Receiver: compute its webhook path and write its status'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from resume" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from resume" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from resume" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from resume" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from resume" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from resume" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from suspend" -f -a "kustomization" -d 'Kustomizations (kustomize.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from suspend" -f -a "helmrelease" -d 'HelmReleases (helm.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from suspend" -f -a "source" -d 'Sources (source.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from suspend" -f -a "alert" -d 'Alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from suspend" -f -a "alert-provider" -d 'Providers of alerts (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from suspend" -f -a "receiver" -d 'Receivers of webhooks (notification.toolkit.fluxcd.io)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from tree" -f -a "kustomization" -d 'The inventory tree of a Kustomization'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and __fish_seen_subcommand_from tree" -f -a "helmrelease" -d 'The objects of a HelmRelease\'s release as a tree'
