# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pkjwt_global_optspecs
    string join \n json v/verbose q/quiet config-dir= color= h/help V/version
end

function __fish_pkjwt_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pkjwt_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pkjwt_using_subcommand
    set -l cmd (__fish_pkjwt_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pkjwt -n "__fish_pkjwt_needs_command" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_needs_command" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_needs_command" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -s V -l version -d 'Print version'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "keygen" -d 'Generate a key pair and self-signed certificate into a PKCS#12 keystore'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "keys" -d 'Manage the keys in a keystore'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "jwks" -d 'Print the public JWKS of the keystore\'s keys'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -s k -l keystore -d 'The PKCS#12 keystore file (.p12)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l alg -d 'Signing algorithm: ES256 (EC P-256) or RS256/PS256 (RSA)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l rsa-bits -d 'RSA key size for RS256 and PS256: 2048, 3072 or 4096' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l kid -d 'Key ID [default: the RFC 7638 thumbprint of the public key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l subject -d 'Certificate subject: a name (becomes CN=NAME) or a DN such as CN=app,O=Example [default: CN=<kid>]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l days -d 'Certificate validity in days' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l iterations -d 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file\'s own count when higher]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -f -a "list" -d 'List the keys: kid, algorithm, type and size, certificate, thumbprint'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -f -a "import" -d 'Import a key from another PKCS#12 file or a PEM/DER private key'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -f -a "remove" -d 'Remove a key from the keystore'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -f -a "cert" -d 'Print a key\'s certificate (PEM, or DER with --der)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -s k -l keystore -d 'The PKCS#12 keystore file (.p12)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -s k -l keystore -d 'The PKCS#12 keystore file (.p12)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l from -d 'The file to import: PKCS#12 (.p12/.pfx), PEM or PKCS#8 DER' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l cert -d 'A certificate (PEM or DER) for the imported key' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l kid -d 'Key ID for the imported key [default: the source\'s name for it, else the RFC 7638 thumbprint]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l alg -d 'Algorithm to record for the key [default: the source\'s, else RS256 for RSA and ES256 for EC]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l subject -d 'Subject of the self-signed certificate made for a key without one [default: CN=<kid>]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l days -d 'Validity in days of a certificate made for a key without one' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l from-password-file -d 'Read the password of the --from file from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l iterations -d 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file\'s own count when higher]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l from-password-stdin -d 'Read the password of the --from file from standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -s k -l keystore -d 'The PKCS#12 keystore file (.p12)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l kid -d 'The key to remove' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l iterations -d 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file\'s own count when higher]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s k -l keystore -d 'The PKCS#12 keystore file (.p12)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l kid -d 'The key whose certificate to print [default: the only key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s o -l out -d 'Write to FILE instead of stdout' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l der -d 'DER instead of PEM'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the keys: kid, algorithm, type and size, certificate, thumbprint'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a key from another PKCS#12 file or a PEM/DER private key'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a key from the keystore'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "cert" -d 'Print a key\'s certificate (PEM, or DER with --der)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s k -l keystore -d 'The PKCS#12 keystore file (.p12)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l kid -d 'Only this key (repeat for more) [default: every key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s o -l out -d 'Write the JWKS to FILE (replaced atomically) instead of stdout' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l x5c -d 'Add each key\'s certificate chain (x5c) and x5t#S256'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks completions help" -f -a "keygen" -d 'Generate a key pair and self-signed certificate into a PKCS#12 keystore'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks completions help" -f -a "keys" -d 'Manage the keys in a keystore'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks completions help" -f -a "jwks" -d 'Print the public JWKS of the keystore\'s keys'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "list" -d 'List the keys: kid, algorithm, type and size, certificate, thumbprint'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "import" -d 'Import a key from another PKCS#12 file or a PEM/DER private key'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "remove" -d 'Remove a key from the keystore'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "cert" -d 'Print a key\'s certificate (PEM, or DER with --der)'
