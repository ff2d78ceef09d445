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
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "discover" -d 'Fetch an authorization server\'s metadata and show what matters for private_key_jwt'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "register" -d 'Register a private_key_jwt client (RFC 7591) and save it as a profile'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "migrate" -d 'Move an existing client off its client secret to private_key_jwt'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "profile" -d 'Manage saved client profiles (in profiles.toml in the config directory)'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "presets" -d 'The provider presets: what Entra ID, Okta, Auth0, Keycloak, PingOne, Google and Salesforce require'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "assertion" -d 'Print a client assertion (a signed JWT for private_key_jwt), or a JWT bearer grant'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "token" -d 'Request a token from the token endpoint, authenticated with a client assertion'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "introspect" -d 'Introspect a token (RFC 7662), authenticated with a client assertion'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "revoke" -d 'Revoke a token (RFC 7009), authenticated with a client assertion'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "request" -d 'POST to any endpoint that authenticates clients (PAR, CIBA, device authorization, ...)'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "login" -d 'Log in as a user with the authorization code flow and get tokens'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "dpop" -d 'Print a DPoP proof (RFC 9449) for one request to a resource server'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "rotate" -d 'Rotate a registered client\'s key without an outage'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "serve-jwks" -d 'Serve the keystore\'s public JWKS at /jwks.json (development and CI)'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "inspect" -d 'Decode a client assertion and check it against RFC 7523, rfc7523bis, OIDC and FAPI 2.0'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "doctor" -d 'Check a client end to end: metadata, method and algorithm, registration, keys, clock, a real token request'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "audit" -d 'Check which broken client assertions the server accepts (RFC 7523, rfc7523bis, RFC 8725)'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "agent" -d 'Keep keystores unlocked in memory and sign for other pkjwt commands (like ssh-agent)'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "cache" -d 'List or clear cached access tokens (`pkjwt token --cache`)'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "call" -d 'Call a resource server with a token: Bearer, or DPoP with a fresh proof per request'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "git-credential" -d 'A git credential helper that answers with the client\'s access token'
complete -c pkjwt -n "__fish_pkjwt_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -s k -l keystore -d 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l alg -d 'Signing algorithm: ES256 (EC P-256) or RS256/PS256 (RSA)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l rsa-bits -d 'RSA key size for RS256 and PS256: 2048, 3072 or 4096' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l kid -d 'Key ID [default: the RFC 7638 thumbprint of the public key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l subject -d 'Certificate subject: a name (becomes CN=NAME) or a DN such as CN=app,O=Example [default: CN=<kid>]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l days -d 'Certificate validity in days' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l iterations -d 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file\'s own count when higher]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -l allow-weak-password -d 'Take a new keystore password under 8 characters (for tests)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -f -a "list" -d 'List the keys: kid, algorithm, type and size, certificate, thumbprint'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -f -a "import" -d 'Import a key from another PKCS#12 file or a PEM/DER private key'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -f -a "remove" -d 'Remove a key from the keystore'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -f -a "cert" -d 'Print a key\'s certificate (PEM, or DER with --der)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -f -a "check" -d 'Check that no key\'s certificate expires within a window (for CI)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and not __fish_seen_subcommand_from list import remove cert check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -s k -l keystore -d 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -s k -l keystore -d 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l from -d 'The file to import: PKCS#12 (.p12/.pfx), PEM or PKCS#8 DER' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l cert -d 'A certificate (PEM or DER) for the imported key' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l kid -d 'Key ID for the imported key [default: the source\'s name for it, else the RFC 7638 thumbprint]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l alg -d 'Algorithm to record for the key [default: the source\'s, else RS256 for RSA and ES256 for EC]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l subject -d 'Subject of the self-signed certificate made for a key without one [default: CN=<kid>]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l days -d 'Validity in days of a certificate made for a key without one' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l from-password-file -d 'Read the password of the --from file from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l iterations -d 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file\'s own count when higher]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l from-password-stdin -d 'Read the password of the --from file from standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -l allow-weak-password -d 'Take a new keystore password under 8 characters (for tests)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -s k -l keystore -d 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l kid -d 'The key to remove' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l iterations -d 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file\'s own count when higher]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -l allow-weak-password -d 'Take a new keystore password under 8 characters (for tests)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s k -l keystore -d 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l kid -d 'The key whose certificate to print [default: the only key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s o -l out -d 'Write to FILE instead of stdout' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -l der -d 'DER instead of PEM'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -s k -l keystore -d 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -l expires-within -d 'The window: fail when a certificate expires within it' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -l all -d 'Check retired keys too'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "list"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "import"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "remove"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "cert"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "check"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s k -l keystore -d 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l kid -d 'Only this key (repeat for more) [default: every active and next key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s o -l out -d 'Write the JWKS to FILE (replaced atomically) instead of stdout' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l include-retired -d 'Publish retired keys too (during their grace period, while tokens signed with them may still be checked)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -l x5c -d 'Add each key\'s certificate chain (x5c) and x5t#S256'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand jwks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -s k -l keystore -d 'Check the keys of this keystore against what the server accepts' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand discover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l issuer -d 'The issuer: its metadata gives the registration and token endpoints' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l registration-endpoint -d 'The registration endpoint [default: from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -s k -l keystore -d 'The keystore with the client\'s keys [with --update: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l kid -d 'Register only these keys (repeat); the first signs [default: the active and next keys; the active one signs]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l alg -d 'Signing algorithm to register [default: the signing key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l jwks-uri -d 'Register this URL (where you host the JWKS) instead of inline keys' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -s p -l profile -d 'The profile to save the client as' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l grant-type -d 'Grant type (repeat) [default: client_credentials]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l scope -d 'Space-separated scopes to register' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l redirect-uri -d 'Redirect URI (repeat) [default with --grant-type authorization_code: a loopback http://127.0.0.1:PORT/callback on a port free now, which the profile keeps for `pkjwt login`]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l client-name -d 'Human-readable client name' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l contact -d 'Contact e-mail (repeat)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l metadata -d 'More RFC 7591 client metadata: a JSON object in FILE (- for stdin); the options above win, and a null value removes the member from the request' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l initial-access-token-file -d 'Read an initial access token (Bearer) from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l software-statement -d 'A software statement: a signed JWT, or a file holding one' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l aud -d 'Assertion audience to save in the profile: issuer (default), token-endpoint, endpoint or a URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l auth -d 'How the client authenticates at the token endpoint: private_key_jwt, or mutual TLS (RFC 8705) with the keystore\'s certificate' -r -f -a "private_key_jwt\t''
self_signed_tls_client_auth\t''
tls_client_auth\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l tls-subject-dn -d 'tls_client_auth: the subject DN of the CA-issued certificate (RFC 8705 section 2.1.2)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l dpop-kid -d 'The key that signs DPoP proofs, saved in the profile [default: the signing key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l update -d 'Update the profile\'s registration instead (RFC 7592): register the keystore\'s current keys (--kid selects; the first signs from now on)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l force -d 'Replace an existing profile of that name'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l mtls-bound-tokens -d 'Ask for certificate-bound access tokens (RFC 8705 section 3); a private_key_jwt profile then presents the certificate with every request'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l dpop-bound-tokens -d 'Ask for DPoP-bound access tokens (RFC 9449 section 5.2); the profile then sends proofs'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l verify -d 'Then request a token (client_credentials); when refused, probe the token endpoint (at most 12 more requests, as `pkjwt doctor` does) and save the fix the server verifies'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand register" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l issuer -d 'The issuer identifier' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l client-id -d 'The client\'s client_id' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l registration-client-uri -d 'The RFC 7592 client configuration endpoint' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l registration-access-token-file -d 'Read the RFC 7592 registration access token from the first line of FILE (- for stdin) [default, with --force: the profile\'s, as a failed migration left it]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -s k -l keystore -d 'The keystore with the client\'s new key' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l kid -d 'The key to register and sign with [default: the keystore\'s only key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l alg -d 'The signing algorithm [default: the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l jwks-uri -d 'Register this URL (where you host `pkjwt jwks` output) instead of inline keys' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -s p -l profile -d 'The profile to save the client as' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l force -d 'Replace an existing profile of that name'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l no-verify -d 'Do not send the token request that checks the migration'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -f -a "list"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -f -a "show" -d 'Show one profile (the registration access token is redacted unless asked for)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -f -a "remove" -d 'Remove a profile (the registration at the server is not touched)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -f -a "add" -d 'Add a client registered out of band (in a portal such as Okta or Entra ID)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -f -a "set" -d 'Change how a profile\'s assertions and requests look (what `doctor --fix` saves)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and not __fish_seen_subcommand_from list show remove add set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from list" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from show" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from show" -l show-secrets -d 'Show the registration access token too'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from remove" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from remove" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l issuer -d 'The issuer identifier' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-id -d 'The client_id the server gave' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -s k -l keystore -d 'The keystore with the client\'s key' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l kid -d 'The key that signs [default: the keystore\'s only key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l alg -d 'The signing algorithm [default: the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l token-endpoint -d 'The token endpoint [default: from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint or a URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l registration-client-uri -d 'The RFC 7592 client configuration endpoint, if the server gave one' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l registration-access-token-file -d 'Read the RFC 7592 registration access token from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-uri -d 'The redirect URI registered for the client (in the server\'s console), which `pkjwt login` uses' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l preset -d 'Follow a provider preset: its endpoints, settings and rules (pkjwt presets list)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l tenant -d 'The Entra ID tenant: its id (GUID) or domain name [with --preset entra]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l domain -d 'The provider\'s host: Okta, Auth0 or Keycloak domain, PingOne auth host, Salesforce My Domain [with --preset]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l realm -d 'The Keycloak realm [with --preset keycloak]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l auth-server -d 'The Okta custom authorization server id, such as `default` [with --preset okta]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l environment -d 'The PingOne environment id [with --preset pingone]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l scope -d 'The scope requested by default (with a JWT bearer grant preset: the assertion\'s scope claim)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l no-discover -d 'Do not fetch the issuer\'s metadata now (implied by --preset)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l force -d 'Replace an existing profile of that name'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l aud -d 'Assertion audience: issuer, token-endpoint, endpoint or a URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l kid -d 'The key that signs' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l alg -d 'The signing algorithm' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l lifetime -d 'Assertion lifetime in seconds' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l typ -d 'The typ header of assertions' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l clock-offset -d 'Seconds added to the local clock when minting (-86400 to 86400)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l scope -d 'The scope requested when a command gives none' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l dpop-kid -d 'The key that signs DPoP proofs, when not the client\'s key' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l introspection-endpoint -d 'The introspection endpoint (a server that lists it nowhere: Ory Hydra\'s admin port)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l revocation-endpoint -d 'The revocation endpoint' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l redirect-uri -d 'The redirect URI `pkjwt login` uses (http://127.0.0.1:PORT/callback, as registered)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l unset -d 'Remove a setting (the default applies again); repeat' -r -f -a "aud\t''
kid\t''
alg\t''
lifetime\t''
typ\t''
client-id-param\t''
clock-offset\t''
scope\t''
dpop\t''
dpop-kid\t''
mtls\t''
cache\t''
registration-mismatch\t'The mark `register` leaves on a profile whose registration is not what was asked (once the registration is fixed at the server)'
introspection-endpoint\t''
revocation-endpoint\t''
redirect-uri\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l no-typ -d 'No typ header'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l no-client-id -d 'Do not send client_id beside the assertion'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l client-id-param -d 'Send client_id beside the assertion'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l dpop -d 'Send DPoP proofs (RFC 9449) with requests'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l no-dpop -d 'No DPoP proofs'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l mtls -d 'Present the certificate over TLS with private_key_jwt (certificate-bound tokens, RFC 8705)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l no-mtls -d 'Do not present the certificate'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l cache -d 'Keep access tokens for reuse, as `pkjwt token --cache` does (see `pkjwt cache --help`)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -l no-cache -d 'Do not keep access tokens'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "remove"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "add"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "set"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and not __fish_seen_subcommand_from list show help" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and not __fish_seen_subcommand_from list show help" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and not __fish_seen_subcommand_from list show help" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and not __fish_seen_subcommand_from list show help" -f -a "list"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show a preset: its endpoints, settings, key registration, rules and sources'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from list" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from show" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from help" -f -a "list"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from help" -f -a "show"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand presets; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l subject -d 'The grant\'s sub: the user or service it is for' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l grant-iss -d 'The grant\'s iss [default: the client_id]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l scope -d 'A scope claim in the grant (as `token --scope-in-grant` sends it)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l count -d 'Mint N assertions, one per line' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l grant -d 'Print a JWT bearer grant (RFC 7523 section 2.1) instead of a client assertion'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l decode -d 'Show the header and claims instead of the JWT'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand assertion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l grant-type -d 'The grant type (jwt-bearer is short for urn:ietf:params:oauth:grant-type:jwt-bearer)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l subject -d 'The JWT bearer grant\'s sub (RFC 7523 section 2.1): the user or service the token is for' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l grant-iss -d 'The JWT bearer grant\'s iss [default: the client_id]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l dpop-kid -d 'The keystore key that signs DPoP proofs [default: the client\'s key, when the server takes its algorithm]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l scope -d 'Space-separated scopes [default: the profile\'s, for client_credentials and jwt-bearer; --scope \'\' sends none]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l resource -d 'Resource indicator (RFC 8707; repeat)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l audience -d 'The audience parameter (token exchange, some servers\' client_credentials)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l code -d 'Authorization code (authorization_code grant)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l redirect-uri -d 'Redirect URI (authorization_code grant)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l code-verifier -d 'PKCE code verifier (authorization_code grant)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l refresh-token-file -d 'Read the refresh token (refresh_token grant) from the first line of FILE (- for stdin)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l param -d 'Any other form parameter: k=v (repeat)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l subject-token-file -d 'Token exchange: read the subject token from the first line of FILE (- for stdin)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l subject-token-type -d 'Token exchange: the subject token\'s type [default: urn:ietf:params:oauth:token-type:access_token]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l actor-token-file -d 'Token exchange: read the actor token from the first line of FILE (- for stdin)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l actor-token-type -d 'Token exchange: the actor token\'s type' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l requested-token-type -d 'Token exchange: the type of token asked for (requested_token_type)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l client-assertion-file -d 'Send this ready-made client assertion (first line of FILE, - for stdin) instead of minting one: a CI provider\'s OIDC token for federated client authentication; checked as `inspect` would, with warnings on stderr, and sent anyway' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l field -d 'Print only this member of the response (e.g. access_token)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l format -d 'How to print the token: text, json, header (`Authorization: Bearer ...` for curl -H @-), env (PKJWT_ACCESS_TOKEN=... lines), exec-credential (a kubectl ExecCredential; turns --cache on)' -r -f -a "text\t'A summary for people (the default; --json prints the response)'
json\t'The token response as JSON'
header\t'`Authorization: Bearer TOKEN`, for `curl -H @-`'
env\t'PKJWT_ACCESS_TOKEN=..., PKJWT_TOKEN_TYPE=..., PKJWT_TOKEN_EXPIRES_AT=... lines'
exec-credential\t'A Kubernetes client.authentication.k8s.io/v1 ExecCredential (turns --cache on)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l min-ttl -d 'The time a cached token must have left: 90s, 5m, ... [default: 60 s or a tenth of its lifetime, whichever is larger]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l cache-dir -d 'The token cache directory [default: the platform\'s cache dir, e.g. ~/.cache/pkjwt/tokens]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l retry -d 'Retry network failures, 429 and 5xx this many times (at most 10)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l scope-in-grant -d 'Put the scope in the JWT bearer grant\'s claims instead of the form (Google service accounts)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l no-client-auth -d 'Send the JWT bearer grant without client authentication (the grant is the credential)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l dpop -d 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l no-dpop -d 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l mtls -d 'Present the key\'s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l no-mtls -d 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l cache -d 'Reuse a cached token while it has more than --min-ttl left; cache a new one [default: the profile\'s `cache`]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l no-cache -d 'Neither read nor write the cache, whatever --cache, the profile or PKJWT_TOKEN_CACHE says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l cache-refresh-token -d 'Keep the refresh token in the cache too (it is dropped otherwise)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l token-type-hint -d 'token_type_hint: access_token or refresh_token' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l dpop-kid -d 'The keystore key that signs DPoP proofs [default: the client\'s key, when the server takes its algorithm]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l introspection-endpoint -d 'The introspection endpoint [default: the profile\'s, else the issuer\'s metadata] (Ory Hydra serves it on its admin port and lists it nowhere)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l dpop -d 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l no-dpop -d 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l mtls -d 'Present the key\'s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l no-mtls -d 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand introspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l token-type-hint -d 'token_type_hint: access_token or refresh_token' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l dpop-kid -d 'The keystore key that signs DPoP proofs [default: the client\'s key, when the server takes its algorithm]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l revocation-endpoint -d 'The revocation endpoint [default: the profile\'s, else the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l dpop -d 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l no-dpop -d 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l mtls -d 'Present the key\'s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l no-mtls -d 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l dpop-kid -d 'The keystore key that signs DPoP proofs [default: the client\'s key, when the server takes its algorithm]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l dpop -d 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l no-dpop -d 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l mtls -d 'Present the key\'s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l no-mtls -d 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand request" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l dpop-kid -d 'The keystore key that signs DPoP proofs [default: the client\'s key, when the server takes its algorithm]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l scope -d 'Space-separated scopes [default: openid and the profile\'s scope]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l port -d 'Listen on this loopback port instead of the redirect URI\'s (0: any free port; the server must accept the resulting redirect URI)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l redirect-uri -d 'The redirect URI [default: the profile\'s, else http://127.0.0.1:0/callback, any free port]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l timeout -d 'How long to wait for the browser (or the device approval), in seconds' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l save-refresh-token -d 'Write the refresh token to FILE (mode 0600, replaced atomically). Anyone who reads it gets new access tokens as you, until the token expires or is revoked, and with the client\'s key not even needed where the server does not bind refresh tokens: keep it like a password. Never written unless asked' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l field -d 'Print only this member of the token response (e.g. access_token)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l request-timeout -d 'One deadline per HTTP request, in seconds' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l dpop -d 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l no-dpop -d 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l mtls -d 'Present the key\'s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l no-mtls -d 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l no-par -d 'Do not push the authorization request (PAR) where the server offers it; refused where it requires PAR'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l request-object -d 'Send the authorization request as a request object (RFC 9101) signed with the client\'s key'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l device -d 'Use the device authorization grant (RFC 8628): a code to type on another device'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l no-browser -d 'Do not open a browser: print the URL on stderr, alone on its line, and also take the redirected URL pasted on stdin'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l show-id-token -d 'Print the validated ID token\'s claims (on stderr; in the "id_token_claims" member with --json)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -s p -l profile -d 'Use this profile\'s keystore, key and clock offset' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -s k -l keystore -d 'The keystore with the proof key [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l dpop-kid -d 'The key that signs the proof [default: the profile\'s dpop_kid, else its key, else the keystore\'s only key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l method -d 'The HTTP method of the request' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l url -d 'The URL of the request (query and fragment are left out of htu)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l access-token-file -d 'Bind the proof to this access token (ath): the first line of FILE, - for stdin' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l nonce -d 'The nonce the server sent in its DPoP-Nonce header' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l clock-offset -d 'Seconds to add to the local clock for iat [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand dpop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -s p -l profile -d 'The profile of the registered client' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l stage -d 'Run one stage only [default: the whole cycle, from where it stopped]' -r -f -a "next\t'Generate the next key and publish it (it does not sign yet)'
promote\t'Make the next key the signing key, once the server can see it'
retire\t'Retire the old key and publish the keys without it'
remove\t'Delete retired keys past the grace period'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l alg -d 'Algorithm of the next key [default: the active key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l rsa-bits -d 'RSA key size of the next key [default: the active key\'s, else 3072]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l kid -d 'Key ID of the next key [default: its RFC 7638 thumbprint]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l days -d 'Certificate validity of the next key, in days' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l jwks-out -d 'For a jwks_uri client: write the published JWKS to FILE after each change (the file your web server serves) [default: none; `pkjwt serve-jwks` serves the keystore itself]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l cache-window -d 'How long the server may cache the client\'s jwks_uri: promote waits this long after the next key was published [default: the jwks_uri\'s Cache-Control max-age (or Expires), at least 60 s; 5m when it says nothing]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l wait -d 'The longest promote waits for the cache window and retries the next key; when the server does not accept it by then, promote stops unchanged' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l grace -d 'How long a retired key is kept (and published with --include-retired) before remove deletes it' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l scope -d 'Scope of the token requests that verify each step [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l iterations -d 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file\'s own count when higher]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l no-verify -d 'Do not request tokens to verify the steps'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l allow-weak-password -d 'Take a new keystore password under 8 characters (for tests)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -s k -l keystore -d 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l listen -d 'Address and port to listen on (port 0: any free port)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l max-age -d 'Cache-Control max-age, in seconds' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l tls-cert -d 'HTTPS with this certificate chain (PEM), with --tls-key' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l tls-key -d 'The private key (PEM: PKCS#8, PKCS#1 or SEC1) of --tls-cert' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l include-retired -d 'Serve retired keys too (during their grace period)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l x5c -d 'Add each key\'s certificate chain (x5c) and x5t#S256'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -l tls -d 'HTTPS with the signing key\'s own (self-signed) certificate from the keystore'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand serve-jwks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l jwks -d 'Verify with this JWKS: a file or an https URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -s k -l keystore -d 'Verify with the keys of this keystore (and check x5t against their certificates)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -s p -l profile -d 'Check against a profile: its issuer, client_id, endpoints and registered keys' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l issuer -d 'The server\'s issuer identifier (the expected audience; its metadata is fetched)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l client-id -d 'The expected client_id' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l token-endpoint -d 'The server\'s token endpoint [default: from its metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l endpoint -d 'The endpoint the assertion was sent to' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l max-lifetime -d 'The most lifetime (exp - iat) the server allows, in seconds' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l strict -d 'Treat the server as FAPI 2.0 / rfc7523bis strict (aud must be the issuer)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l offline -d 'Fetch nothing: no metadata, no registration, no remote JWKS'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l scope -d 'Scope for the test token request [default: the profile\'s; \'\' sends none]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l dpop-kid -d 'The keystore key that signs DPoP proofs [default: the client\'s key, when the server takes its algorithm]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l no-token -d 'Skip the real token request (and probing)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l no-probe -d 'Do not probe the token endpoint when the token request is refused'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l fix -d 'Save a fix the server verified into the profile, then confirm it with one more token request'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l dpop -d 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l no-dpop -d 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l mtls -d 'Present the key\'s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l no-mtls -d 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l rules -d 'The rules that say what a correct server does where specifications differ' -r -f -a "rfc7523\t'RFC 7523 alone: aud arrays and the token endpoint allowed, jti optional'
rfc7523bis\t'draft-ietf-oauth-rfc7523bis (the issuer as the sole aud) and OIDC Core\'s jti'
fapi2\t'FAPI 2.0 Security Profile (the issuer as the only aud)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l cases -d 'Only these cases (comma-separated ids; see --list) [default: all]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l junit -d 'Also write the report as JUnit XML to FILE (one testcase per case)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l fail-on -d 'Exit 9 when a case of this severity or above was wrongly accepted' -r -f -a "critical\t''
high\t''
medium\t''
low\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l delay -d 'Seconds to wait between two requests (0 to 60; fractions allowed)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l initial-access-token-file -d 'With --register: read an initial access token (Bearer) from the first line of FILE [else PKJWT_INITIAL_ACCESS_TOKEN]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l scope -d 'Scope of the token requests [default: the profile\'s; \'\' sends none]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l dpop-kid -d 'The keystore key that signs DPoP proofs [default: the client\'s key, when the server takes its algorithm]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l list -d 'List the cases (id, severity, rule, what it changes) and send nothing'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -s y -l yes -d 'Audit a server that is not on this machine without asking'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l register -d 'Register a throwaway client (RFC 7591) at --issuer for the key of --keystore, audit it, and delete it (RFC 7592)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l dpop -d 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l no-dpop -d 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l mtls -d 'Present the key\'s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l no-mtls -d 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -f -a "start" -d 'Unlock keystores and start the agent in the background; prints shell `export` lines'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -f -a "stop" -d 'Which agent `stop` and `status` talk to'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -f -a "status" -d 'Which agent `stop` and `status` talk to'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and not __fish_seen_subcommand_from start stop status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -s k -l keystore -d 'A keystore file to hold (repeat for more; they share one password)' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -l ttl -d 'Forget the keys after this long: 90s, 15m, 8h, 1d, 2w [default: keep them until stopped]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from stop" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from stop" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from stop" -l sock -d 'The agent\'s socket' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from stop" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from status" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from status" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from status" -l sock -d 'The agent\'s socket' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from status" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "start"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the agent\'s pid, the keystores and kids it holds, and when it forgets them'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -f -a "list" -d 'List cached tokens: profile, client, scope, expiry (no token values)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -f -a "clear" -d 'Remove cached tokens: all of them, or one profile\'s'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from list" -l cache-dir -d 'The token cache directory [default: the platform\'s cache dir, e.g. ~/.cache/pkjwt/tokens]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from list" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from clear" -s p -l profile -d 'Only this profile\'s tokens (not taken from PKJWT_PROFILE: a plain `cache clear` clears all)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from clear" -l cache-dir -d 'The token cache directory [default: the platform\'s cache dir, e.g. ~/.cache/pkjwt/tokens]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from clear" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from clear" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from clear" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "list" -d 'List cached tokens: profile, client, scope, expiry (no token values)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove cached tokens: all of them, or one profile\'s'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s X -l request -d 'The method [default: GET, or POST with a body]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s H -l header -d 'A request header, `Name: value` (repeat)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s d -l data -d 'The body: DATA, @FILE or @- (stdin), sent as read' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l json-body -d 'A JSON body (DATA, @FILE or @-), with Content-Type and Accept application/json (curl\'s --json; pkjwt\'s --json is its own output switch)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s o -l output -d 'Write the body to FILE (mode 0600) instead of stdout' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l scope -d 'Scopes of the token [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l resource -d 'Resource indicator of the token (RFC 8707; repeat)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l audience -d 'The audience parameter of the token request' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l dpop-kid -d 'The keystore key that signs DPoP proofs [default: the client\'s key, when the server takes its algorithm]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l min-ttl -d 'The time a cached token must have left: 90s, 5m, ... [default: 60 s or a tenth of its lifetime, whichever is larger]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l cache-dir -d 'The token cache directory [default: the platform\'s cache dir, e.g. ~/.cache/pkjwt/tokens]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s i -l include -d 'Print the response\'s status line and headers before the body'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l fail -d 'Exit 22 on an HTTP status of 400 or more, without printing the body'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l dpop -d 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l no-dpop -d 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l mtls -d 'Present the key\'s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile\'s choice]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l no-mtls -d 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l cache -d 'Reuse a cached token while it has more than --min-ttl left; cache a new one [default: the profile\'s `cache`]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l no-cache -d 'Neither read nor write the cache, whatever --cache, the profile or PKJWT_TOKEN_CACHE says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l cache-refresh-token -d 'Keep the refresh token in the cache too (it is dropped otherwise)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand call" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l config-dir -d 'Directory for pkjwt\'s configuration [default: the platform\'s config dir, e.g. ~/.config/pkjwt]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l username -d 'The username git sends [default: the client_id]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l scope -d 'Scopes of the token [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l resource -d 'Resource indicator of the token (RFC 8707; repeat)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l audience -d 'The audience parameter of the token request' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -s p -l profile -d 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l issuer -d 'The authorization server\'s issuer identifier [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l client-id -d 'The client_id [default: the profile\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -s k -l keystore -d 'The keystore with the client\'s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile\'s]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l password-file -d 'Read the keystore password from the first line of FILE' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l pkcs11-module -d 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI\'s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l kid -d 'The key to sign with [default: the profile\'s, or the keystore\'s only active key]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l alg -d 'Signing algorithm [default: the profile\'s, else the key\'s]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l token-endpoint -d 'The token endpoint [default: the profile\'s, else from the issuer\'s metadata]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l aud -d 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l lifetime -d 'Assertion lifetime in seconds (exp - iat) [default: the profile\'s, else 60]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l typ -d 'Set the JWT typ header [default: the profile\'s, else none; given alone: client-authentication+jwt]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l x5t -d 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)' -r -f -a "s256\t'x5t#S256: SHA-256 of the certificate'
sha1\t'x5t: SHA-1 of the certificate (Microsoft Entra ID)'"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l claim -d 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l clock-offset -d 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile\'s, else 0]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l min-ttl -d 'The time a cached token must have left: 90s, 5m, ... [default: 60 s or a tenth of its lifetime, whichever is larger]' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l cache-dir -d 'The token cache directory [default: the platform\'s cache dir, e.g. ~/.cache/pkjwt/tokens]' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l timeout -d 'One deadline per request, in seconds: connect, headers and body together' -r
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l cacert -d 'Trust the CA certificates in FILE (PEM) as well as the system\'s' -r -F
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l json -d 'Print results as JSON on stdout (stable field names)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -s v -l verbose -d 'Say more on stderr (repeat for more)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -s q -l quiet -d 'Print only results and errors'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l password-stdin -d 'Read the keystore password from the first line of standard input'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l no-typ -d 'Send no typ header, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l nbf -d 'Add nbf = iat'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l no-client-id -d 'Do not send client_id beside the assertion [default: the profile\'s, else send it]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l client-id-param -d 'Send client_id beside the assertion, whatever the profile says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l cache -d 'Reuse a cached token while it has more than --min-ttl left; cache a new one [default: the profile\'s `cache`]'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l no-cache -d 'Neither read nor write the cache, whatever --cache, the profile or PKJWT_TOKEN_CACHE says'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l cache-refresh-token -d 'Keep the refresh token in the cache too (it is dropped otherwise)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -l insecure -d 'Do not verify the server\'s TLS certificate (dangerous: for tests only)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand git-credential" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "keygen"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "keys" -d 'Manage the keys in a keystore'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "jwks"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "discover"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "register"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "migrate"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "profile" -d 'Manage saved client profiles (in profiles.toml in the config directory)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "presets" -d 'The provider presets: what Entra ID, Okta, Auth0, Keycloak, PingOne, Google and Salesforce require'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "assertion"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "token"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "introspect"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "revoke"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "request"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "login"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "dpop"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "rotate"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "serve-jwks"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "inspect"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "doctor"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "audit"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "completions"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "agent" -d 'Keep keystores unlocked in memory and sign for other pkjwt commands (like ssh-agent)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "cache" -d 'List or clear cached access tokens (`pkjwt token --cache`)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "call"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "git-credential"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and not __fish_seen_subcommand_from keygen keys jwks discover register migrate profile presets assertion token introspect revoke request login dpop rotate serve-jwks inspect doctor audit completions agent cache call git-credential help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "list"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "import"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "remove"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "cert"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "check"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "remove"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "add"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "set"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from presets" -f -a "list"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from presets" -f -a "show"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "start"
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "stop" -d 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "status" -d 'Show the agent\'s pid, the keystores and kids it holds, and when it forgets them'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "list" -d 'List cached tokens: profile, client, scope, expiry (no token values)'
complete -c pkjwt -n "__fish_pkjwt_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Remove cached tokens: all of them, or one profile\'s'
