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
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "check" -d 'Check requirements and the installation\'s health'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "completion" -d 'Print shell completion scripts'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "install" -d 'Install flux-rs\'s CRDs and controller into the cluster'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "uninstall" -d 'Remove flux-rs\'s components and CRDs from the cluster'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "version" -d 'Print the client, server and controller versions'
complete -c flux-rs -n "__fish_flux_rs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l pre -d 'Only check the prerequisites of an installation' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand check" -s h -l help -d 'Print help'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -l context -d 'Kubeconfig context to use' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -s n -l namespace -d 'Namespace of the Flux objects (and where Flux is installed)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -l timeout -d 'Timeout of the whole operation (Go duration: 30s, 5m, 1h)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -l verbose -d 'Print more detail (debug logs of the library on stderr)' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l export -d 'Print the manifests instead of applying them' -r -f -a "true\t''
false\t''"
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l registry -d 'Registry of the controller image (`<registry>/flux-rs:<version>`)' -r
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -l version -d 'Version (image tag) of the controller' -r
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
complete -c flux-rs -n "__fish_flux_rs_using_subcommand install" -s h -l help -d 'Print help'
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
complete -c flux-rs -n "__fish_flux_rs_using_subcommand uninstall" -s h -l help -d 'Print help'
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
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from check completion install uninstall version help" -f -a "check" -d 'Check requirements and the installation\'s health'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from check completion install uninstall version help" -f -a "completion" -d 'Print shell completion scripts'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from check completion install uninstall version help" -f -a "install" -d 'Install flux-rs\'s CRDs and controller into the cluster'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from check completion install uninstall version help" -f -a "uninstall" -d 'Remove flux-rs\'s components and CRDs from the cluster'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from check completion install uninstall version help" -f -a "version" -d 'Print the client, server and controller versions'
complete -c flux-rs -n "__fish_flux_rs_using_subcommand help; and not __fish_seen_subcommand_from check completion install uninstall version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
