
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pkjwt' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pkjwt'
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
        'pkjwt' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a key pair and self-signed certificate into a PKCS#12 keystore')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Manage the keys in a keystore')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the public JWKS of the keystore''s keys')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Fetch an authorization server''s metadata and show what matters for private_key_jwt')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Register a private_key_jwt client (RFC 7591) and save it as a profile')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move an existing client off its client secret to private_key_jwt')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage saved client profiles (in profiles.toml in the config directory)')
            [CompletionResult]::new('presets', 'presets', [CompletionResultType]::ParameterValue, 'The provider presets: what Entra ID, Okta, Auth0, Keycloak, PingOne, Google and Salesforce require')
            [CompletionResult]::new('assertion', 'assertion', [CompletionResultType]::ParameterValue, 'Print a client assertion (a signed JWT for private_key_jwt), or a JWT bearer grant')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Request a token from the token endpoint, authenticated with a client assertion')
            [CompletionResult]::new('introspect', 'introspect', [CompletionResultType]::ParameterValue, 'Introspect a token (RFC 7662), authenticated with a client assertion')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token (RFC 7009), authenticated with a client assertion')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'POST to any endpoint that authenticates clients (PAR, CIBA, device authorization, ...)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in as a user with the authorization code flow and get tokens')
            [CompletionResult]::new('dpop', 'dpop', [CompletionResultType]::ParameterValue, 'Print a DPoP proof (RFC 9449) for one request to a resource server')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a registered client''s key without an outage')
            [CompletionResult]::new('serve-jwks', 'serve-jwks', [CompletionResultType]::ParameterValue, 'Serve the keystore''s public JWKS at /jwks.json (development and CI)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode a client assertion and check it against RFC 7523, rfc7523bis, OIDC and FAPI 2.0')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check a client end to end: metadata, method and algorithm, registration, keys, clock, a real token request')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Check which broken client assertions the server accepts (RFC 7523, rfc7523bis, RFC 8725)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Keep keystores unlocked in memory and sign for other pkjwt commands (like ssh-agent)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'List or clear cached access tokens (`pkjwt token --cache`)')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'Call a resource server with a token: Bearer, or DPoP with a fresh proof per request')
            [CompletionResult]::new('git-credential', 'git-credential', [CompletionResultType]::ParameterValue, 'A git credential helper that answers with the client''s access token')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;keygen' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm: ES256 (EC P-256) or RS256/PS256 (RSA)')
            [CompletionResult]::new('--rsa-bits', '--rsa-bits', [CompletionResultType]::ParameterName, 'RSA key size for RS256 and PS256: 2048, 3072 or 4096')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID [default: the RFC 7638 thumbprint of the public key]')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Certificate subject: a name (becomes CN=NAME) or a DN such as CN=app,O=Example [default: CN=<kid>]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Certificate validity in days')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--allow-weak-password', '--allow-weak-password', [CompletionResultType]::ParameterName, 'Take a new keystore password under 8 characters (for tests)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;keys' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: kid, algorithm, type and size, certificate, thumbprint')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a key from another PKCS#12 file or a PEM/DER private key')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a key from the keystore')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Print a key''s certificate (PEM, or DER with --der)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that no key''s certificate expires within a window (for CI)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;keys;list' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;keys;import' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The file to import: PKCS#12 (.p12/.pfx), PEM or PKCS#8 DER')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A certificate (PEM or DER) for the imported key')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID for the imported key [default: the source''s name for it, else the RFC 7638 thumbprint]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm to record for the key [default: the source''s, else RS256 for RSA and ES256 for EC]')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject of the self-signed certificate made for a key without one [default: CN=<kid>]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Validity in days of a certificate made for a key without one')
            [CompletionResult]::new('--from-password-file', '--from-password-file', [CompletionResultType]::ParameterName, 'Read the password of the --from file from the first line of FILE')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--from-password-stdin', '--from-password-stdin', [CompletionResultType]::ParameterName, 'Read the password of the --from file from standard input')
            [CompletionResult]::new('--allow-weak-password', '--allow-weak-password', [CompletionResultType]::ParameterName, 'Take a new keystore password under 8 characters (for tests)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;keys;remove' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to remove')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--allow-weak-password', '--allow-weak-password', [CompletionResultType]::ParameterName, 'Take a new keystore password under 8 characters (for tests)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;keys;cert' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key whose certificate to print [default: the only key]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--der', '--der', [CompletionResultType]::ParameterName, 'DER instead of PEM')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;keys;check' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--expires-within', '--expires-within', [CompletionResultType]::ParameterName, 'The window: fail when a certificate expires within it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Check retired keys too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;keys;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'import')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'remove')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'cert')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'check')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;keys;help;list' {
            break
        }
        'pkjwt;keys;help;import' {
            break
        }
        'pkjwt;keys;help;remove' {
            break
        }
        'pkjwt;keys;help;cert' {
            break
        }
        'pkjwt;keys;help;check' {
            break
        }
        'pkjwt;keys;help;help' {
            break
        }
        'pkjwt;jwks' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Only this key (repeat for more) [default: every active and next key]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the JWKS to FILE (replaced atomically) instead of stdout')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the JWKS to FILE (replaced atomically) instead of stdout')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--include-retired', '--include-retired', [CompletionResultType]::ParameterName, 'Publish retired keys too (during their grace period, while tokens signed with them may still be checked)')
            [CompletionResult]::new('--x5c', '--x5c', [CompletionResultType]::ParameterName, 'Add each key''s certificate chain (x5c) and x5t#S256')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;discover' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Check the keys of this keystore against what the server accepts')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'Check the keys of this keystore against what the server accepts')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;register' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The issuer: its metadata gives the registration and token endpoints')
            [CompletionResult]::new('--registration-endpoint', '--registration-endpoint', [CompletionResultType]::ParameterName, 'The registration endpoint [default: from the issuer''s metadata]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s keys [with --update: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s keys [with --update: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Register only these keys (repeat); the first signs [default: the active and next keys; the active one signs]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm to register [default: the signing key''s]')
            [CompletionResult]::new('--jwks-uri', '--jwks-uri', [CompletionResultType]::ParameterName, 'Register this URL (where you host the JWKS) instead of inline keys')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The profile to save the client as')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The profile to save the client as')
            [CompletionResult]::new('--grant-type', '--grant-type', [CompletionResultType]::ParameterName, 'Grant type (repeat) [default: client_credentials]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Space-separated scopes to register')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'Redirect URI (repeat) [default with --grant-type authorization_code: a loopback http://127.0.0.1:PORT/callback on a port free now, which the profile keeps for `pkjwt login`]')
            [CompletionResult]::new('--client-name', '--client-name', [CompletionResultType]::ParameterName, 'Human-readable client name')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Contact e-mail (repeat)')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'More RFC 7591 client metadata: a JSON object in FILE (- for stdin); the options above win, and a null value removes the member from the request')
            [CompletionResult]::new('--initial-access-token-file', '--initial-access-token-file', [CompletionResultType]::ParameterName, 'Read an initial access token (Bearer) from the first line of FILE')
            [CompletionResult]::new('--software-statement', '--software-statement', [CompletionResultType]::ParameterName, 'A software statement: a signed JWT, or a file holding one')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience to save in the profile: issuer (default), token-endpoint, endpoint or a URL')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How the client authenticates at the token endpoint: private_key_jwt, or mutual TLS (RFC 8705) with the keystore''s certificate')
            [CompletionResult]::new('--tls-subject-dn', '--tls-subject-dn', [CompletionResultType]::ParameterName, 'tls_client_auth: the subject DN of the CA-issued certificate (RFC 8705 section 2.1.2)')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The key that signs DPoP proofs, saved in the profile [default: the signing key]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--update', '--update', [CompletionResultType]::ParameterName, 'Update the profile''s registration instead (RFC 7592): register the keystore''s current keys (--kid selects; the first signs from now on)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing profile of that name')
            [CompletionResult]::new('--mtls-bound-tokens', '--mtls-bound-tokens', [CompletionResultType]::ParameterName, 'Ask for certificate-bound access tokens (RFC 8705 section 3); a private_key_jwt profile then presents the certificate with every request')
            [CompletionResult]::new('--dpop-bound-tokens', '--dpop-bound-tokens', [CompletionResultType]::ParameterName, 'Ask for DPoP-bound access tokens (RFC 9449 section 5.2); the profile then sends proofs')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Then request a token (client_credentials); when refused, probe the token endpoint (at most 12 more requests, as `pkjwt doctor` does) and save the fix the server verifies')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;migrate' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The issuer identifier')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client''s client_id')
            [CompletionResult]::new('--registration-client-uri', '--registration-client-uri', [CompletionResultType]::ParameterName, 'The RFC 7592 client configuration endpoint')
            [CompletionResult]::new('--registration-access-token-file', '--registration-access-token-file', [CompletionResultType]::ParameterName, 'Read the RFC 7592 registration access token from the first line of FILE (- for stdin) [default, with --force: the profile''s, as a failed migration left it]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s new key')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s new key')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to register and sign with [default: the keystore''s only key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'The signing algorithm [default: the key''s]')
            [CompletionResult]::new('--jwks-uri', '--jwks-uri', [CompletionResultType]::ParameterName, 'Register this URL (where you host `pkjwt jwks` output) instead of inline keys')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The profile to save the client as')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The profile to save the client as')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing profile of that name')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not send the token request that checks the migration')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;profile' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile (the registration access token is redacted unless asked for)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile (the registration at the server is not touched)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a client registered out of band (in a portal such as Okta or Entra ID)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change how a profile''s assertions and requests look (what `doctor --fix` saves)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;profile;list' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;profile;show' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show the registration access token too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;profile;remove' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;profile;add' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The issuer identifier')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id the server gave')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key that signs [default: the keystore''s only key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'The signing algorithm [default: the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint or a URL')
            [CompletionResult]::new('--registration-client-uri', '--registration-client-uri', [CompletionResultType]::ParameterName, 'The RFC 7592 client configuration endpoint, if the server gave one')
            [CompletionResult]::new('--registration-access-token-file', '--registration-access-token-file', [CompletionResultType]::ParameterName, 'Read the RFC 7592 registration access token from the first line of FILE')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'The redirect URI registered for the client (in the server''s console), which `pkjwt login` uses')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Follow a provider preset: its endpoints, settings and rules (pkjwt presets list)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The Entra ID tenant: its id (GUID) or domain name [with --preset entra]')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'The provider''s host: Okta, Auth0 or Keycloak domain, PingOne auth host, Salesforce My Domain [with --preset]')
            [CompletionResult]::new('--realm', '--realm', [CompletionResultType]::ParameterName, 'The Keycloak realm [with --preset keycloak]')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'The Okta custom authorization server id, such as `default` [with --preset okta]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'The PingOne environment id [with --preset pingone]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'The scope requested by default (with a JWT bearer grant preset: the assertion''s scope claim)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--no-discover', '--no-discover', [CompletionResultType]::ParameterName, 'Do not fetch the issuer''s metadata now (implied by --preset)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing profile of that name')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;profile;set' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer, token-endpoint, endpoint or a URL')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key that signs')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'The signing algorithm')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'The typ header of assertions')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds added to the local clock when minting (-86400 to 86400)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'The scope requested when a command gives none')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The key that signs DPoP proofs, when not the client''s key')
            [CompletionResult]::new('--introspection-endpoint', '--introspection-endpoint', [CompletionResultType]::ParameterName, 'The introspection endpoint (a server that lists it nowhere: Ory Hydra''s admin port)')
            [CompletionResult]::new('--revocation-endpoint', '--revocation-endpoint', [CompletionResultType]::ParameterName, 'The revocation endpoint')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'The redirect URI `pkjwt login` uses (http://127.0.0.1:PORT/callback, as registered)')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Remove a setting (the default applies again); repeat')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'No typ header')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion')
            [CompletionResult]::new('--dpop', '--dpop', [CompletionResultType]::ParameterName, 'Send DPoP proofs (RFC 9449) with requests')
            [CompletionResult]::new('--no-dpop', '--no-dpop', [CompletionResultType]::ParameterName, 'No DPoP proofs')
            [CompletionResult]::new('--mtls', '--mtls', [CompletionResultType]::ParameterName, 'Present the certificate over TLS with private_key_jwt (certificate-bound tokens, RFC 8705)')
            [CompletionResult]::new('--no-mtls', '--no-mtls', [CompletionResultType]::ParameterName, 'Do not present the certificate')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Keep access tokens for reuse, as `pkjwt token --cache` does (see `pkjwt cache --help`)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not keep access tokens')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;profile;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'show')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'remove')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'add')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'set')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;profile;help;list' {
            break
        }
        'pkjwt;profile;help;show' {
            break
        }
        'pkjwt;profile;help;remove' {
            break
        }
        'pkjwt;profile;help;add' {
            break
        }
        'pkjwt;profile;help;set' {
            break
        }
        'pkjwt;profile;help;help' {
            break
        }
        'pkjwt;presets' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a preset: its endpoints, settings, key registration, rules and sources')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;presets;list' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;presets;show' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;presets;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'show')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;presets;help;list' {
            break
        }
        'pkjwt;presets;help;show' {
            break
        }
        'pkjwt;presets;help;help' {
            break
        }
        'pkjwt;assertion' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'The grant''s sub: the user or service it is for')
            [CompletionResult]::new('--grant-iss', '--grant-iss', [CompletionResultType]::ParameterName, 'The grant''s iss [default: the client_id]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'A scope claim in the grant (as `token --scope-in-grant` sends it)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Mint N assertions, one per line')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'Print a JWT bearer grant (RFC 7523 section 2.1) instead of a client assertion')
            [CompletionResult]::new('--decode', '--decode', [CompletionResultType]::ParameterName, 'Show the header and claims instead of the JWT')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;token' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--grant-type', '--grant-type', [CompletionResultType]::ParameterName, 'The grant type (jwt-bearer is short for urn:ietf:params:oauth:grant-type:jwt-bearer)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s sub (RFC 7523 section 2.1): the user or service the token is for')
            [CompletionResult]::new('--grant-iss', '--grant-iss', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s iss [default: the client_id]')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Space-separated scopes [default: the profile''s, for client_credentials and jwt-bearer; --scope '''' sends none]')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator (RFC 8707; repeat)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'The audience parameter (token exchange, some servers'' client_credentials)')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Authorization code (authorization_code grant)')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'Redirect URI (authorization_code grant)')
            [CompletionResult]::new('--code-verifier', '--code-verifier', [CompletionResultType]::ParameterName, 'PKCE code verifier (authorization_code grant)')
            [CompletionResult]::new('--refresh-token-file', '--refresh-token-file', [CompletionResultType]::ParameterName, 'Read the refresh token (refresh_token grant) from the first line of FILE (- for stdin)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Any other form parameter: k=v (repeat)')
            [CompletionResult]::new('--subject-token-file', '--subject-token-file', [CompletionResultType]::ParameterName, 'Token exchange: read the subject token from the first line of FILE (- for stdin)')
            [CompletionResult]::new('--subject-token-type', '--subject-token-type', [CompletionResultType]::ParameterName, 'Token exchange: the subject token''s type [default: urn:ietf:params:oauth:token-type:access_token]')
            [CompletionResult]::new('--actor-token-file', '--actor-token-file', [CompletionResultType]::ParameterName, 'Token exchange: read the actor token from the first line of FILE (- for stdin)')
            [CompletionResult]::new('--actor-token-type', '--actor-token-type', [CompletionResultType]::ParameterName, 'Token exchange: the actor token''s type')
            [CompletionResult]::new('--requested-token-type', '--requested-token-type', [CompletionResultType]::ParameterName, 'Token exchange: the type of token asked for (requested_token_type)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'Send this ready-made client assertion (first line of FILE, - for stdin) instead of minting one: a CI provider''s OIDC token for federated client authentication; checked as `inspect` would, with warnings on stderr, and sent anyway')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only this member of the response (e.g. access_token)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print the token: text, json, header (`Authorization: Bearer ...` for curl -H @-), env (PKJWT_ACCESS_TOKEN=... lines), exec-credential (a kubectl ExecCredential; turns --cache on)')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'The time a cached token must have left: 90s, 5m, ... [default: 60 s or a tenth of its lifetime, whichever is larger]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'The token cache directory [default: the platform''s cache dir, e.g. ~/.cache/pkjwt/tokens]')
            [CompletionResult]::new('--retry', '--retry', [CompletionResultType]::ParameterName, 'Retry network failures, 429 and 5xx this many times (at most 10)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--scope-in-grant', '--scope-in-grant', [CompletionResultType]::ParameterName, 'Put the scope in the JWT bearer grant''s claims instead of the form (Google service accounts)')
            [CompletionResult]::new('--no-client-auth', '--no-client-auth', [CompletionResultType]::ParameterName, 'Send the JWT bearer grant without client authentication (the grant is the credential)')
            [CompletionResult]::new('--dpop', '--dpop', [CompletionResultType]::ParameterName, 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]')
            [CompletionResult]::new('--no-dpop', '--no-dpop', [CompletionResultType]::ParameterName, 'No DPoP proof, whatever the profile or PKJWT_DPOP says')
            [CompletionResult]::new('--mtls', '--mtls', [CompletionResultType]::ParameterName, 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]')
            [CompletionResult]::new('--no-mtls', '--no-mtls', [CompletionResultType]::ParameterName, 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Reuse a cached token while it has more than --min-ttl left; cache a new one [default: the profile''s `cache`]')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache, whatever --cache, the profile or PKJWT_TOKEN_CACHE says')
            [CompletionResult]::new('--cache-refresh-token', '--cache-refresh-token', [CompletionResultType]::ParameterName, 'Keep the refresh token in the cache too (it is dropped otherwise)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;introspect' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--token-type-hint', '--token-type-hint', [CompletionResultType]::ParameterName, 'token_type_hint: access_token or refresh_token')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--introspection-endpoint', '--introspection-endpoint', [CompletionResultType]::ParameterName, 'The introspection endpoint [default: the profile''s, else the issuer''s metadata] (Ory Hydra serves it on its admin port and lists it nowhere)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--dpop', '--dpop', [CompletionResultType]::ParameterName, 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]')
            [CompletionResult]::new('--no-dpop', '--no-dpop', [CompletionResultType]::ParameterName, 'No DPoP proof, whatever the profile or PKJWT_DPOP says')
            [CompletionResult]::new('--mtls', '--mtls', [CompletionResultType]::ParameterName, 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]')
            [CompletionResult]::new('--no-mtls', '--no-mtls', [CompletionResultType]::ParameterName, 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;revoke' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--token-type-hint', '--token-type-hint', [CompletionResultType]::ParameterName, 'token_type_hint: access_token or refresh_token')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--revocation-endpoint', '--revocation-endpoint', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: the profile''s, else the issuer''s metadata]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--dpop', '--dpop', [CompletionResultType]::ParameterName, 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]')
            [CompletionResult]::new('--no-dpop', '--no-dpop', [CompletionResultType]::ParameterName, 'No DPoP proof, whatever the profile or PKJWT_DPOP says')
            [CompletionResult]::new('--mtls', '--mtls', [CompletionResultType]::ParameterName, 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]')
            [CompletionResult]::new('--no-mtls', '--no-mtls', [CompletionResultType]::ParameterName, 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;request' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--dpop', '--dpop', [CompletionResultType]::ParameterName, 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]')
            [CompletionResult]::new('--no-dpop', '--no-dpop', [CompletionResultType]::ParameterName, 'No DPoP proof, whatever the profile or PKJWT_DPOP says')
            [CompletionResult]::new('--mtls', '--mtls', [CompletionResultType]::ParameterName, 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]')
            [CompletionResult]::new('--no-mtls', '--no-mtls', [CompletionResultType]::ParameterName, 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;login' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Space-separated scopes [default: openid and the profile''s scope]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Listen on this loopback port instead of the redirect URI''s (0: any free port; the server must accept the resulting redirect URI)')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'The redirect URI [default: the profile''s, else http://127.0.0.1:0/callback, any free port]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the browser (or the device approval), in seconds')
            [CompletionResult]::new('--save-refresh-token', '--save-refresh-token', [CompletionResultType]::ParameterName, 'Write the refresh token to FILE (mode 0600, replaced atomically). Anyone who reads it gets new access tokens as you, until the token expires or is revoked, and with the client''s key not even needed where the server does not bind refresh tokens: keep it like a password. Never written unless asked')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only this member of the token response (e.g. access_token)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'One deadline per HTTP request, in seconds')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--dpop', '--dpop', [CompletionResultType]::ParameterName, 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]')
            [CompletionResult]::new('--no-dpop', '--no-dpop', [CompletionResultType]::ParameterName, 'No DPoP proof, whatever the profile or PKJWT_DPOP says')
            [CompletionResult]::new('--mtls', '--mtls', [CompletionResultType]::ParameterName, 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]')
            [CompletionResult]::new('--no-mtls', '--no-mtls', [CompletionResultType]::ParameterName, 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says')
            [CompletionResult]::new('--no-par', '--no-par', [CompletionResultType]::ParameterName, 'Do not push the authorization request (PAR) where the server offers it; refused where it requires PAR')
            [CompletionResult]::new('--request-object', '--request-object', [CompletionResultType]::ParameterName, 'Send the authorization request as a request object (RFC 9101) signed with the client''s key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Use the device authorization grant (RFC 8628): a code to type on another device')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser: print the URL on stderr, alone on its line, and also take the redirected URL pasted on stdin')
            [CompletionResult]::new('--show-id-token', '--show-id-token', [CompletionResultType]::ParameterName, 'Print the validated ID token''s claims (on stderr; in the "id_token_claims" member with --json)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;dpop' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile''s keystore, key and clock offset')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile''s keystore, key and clock offset')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the proof key [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the proof key [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The key that signs the proof [default: the profile''s dpop_kid, else its key, else the keystore''s only key]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The HTTP method of the request')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The URL of the request (query and fragment are left out of htu)')
            [CompletionResult]::new('--access-token-file', '--access-token-file', [CompletionResultType]::ParameterName, 'Bind the proof to this access token (ath): the first line of FILE, - for stdin')
            [CompletionResult]::new('--nonce', '--nonce', [CompletionResultType]::ParameterName, 'The nonce the server sent in its DPoP-Nonce header')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock for iat [default: the profile''s, else 0]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;rotate' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The profile of the registered client')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The profile of the registered client')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Run one stage only [default: the whole cycle, from where it stopped]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm of the next key [default: the active key''s]')
            [CompletionResult]::new('--rsa-bits', '--rsa-bits', [CompletionResultType]::ParameterName, 'RSA key size of the next key [default: the active key''s, else 3072]')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID of the next key [default: its RFC 7638 thumbprint]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Certificate validity of the next key, in days')
            [CompletionResult]::new('--jwks-out', '--jwks-out', [CompletionResultType]::ParameterName, 'For a jwks_uri client: write the published JWKS to FILE after each change (the file your web server serves) [default: none; `pkjwt serve-jwks` serves the keystore itself]')
            [CompletionResult]::new('--cache-window', '--cache-window', [CompletionResultType]::ParameterName, 'How long the server may cache the client''s jwks_uri: promote waits this long after the next key was published [default: the jwks_uri''s Cache-Control max-age (or Expires), at least 60 s; 5m when it says nothing]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'The longest promote waits for the cache window and retries the next key; when the server does not accept it by then, promote stops unchanged')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long a retired key is kept (and published with --include-retired) before remove deletes it')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope of the token requests that verify each step [default: the profile''s]')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not request tokens to verify the steps')
            [CompletionResult]::new('--allow-weak-password', '--allow-weak-password', [CompletionResultType]::ParameterName, 'Take a new keystore password under 8 characters (for tests)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;serve-jwks' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on (port 0: any free port)')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Cache-Control max-age, in seconds')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'HTTPS with this certificate chain (PEM), with --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The private key (PEM: PKCS#8, PKCS#1 or SEC1) of --tls-cert')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--include-retired', '--include-retired', [CompletionResultType]::ParameterName, 'Serve retired keys too (during their grace period)')
            [CompletionResult]::new('--x5c', '--x5c', [CompletionResultType]::ParameterName, 'Add each key''s certificate chain (x5c) and x5t#S256')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'HTTPS with the signing key''s own (self-signed) certificate from the keystore')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;inspect' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'Verify with this JWKS: a file or an https URL')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Verify with the keys of this keystore (and check x5t against their certificates)')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'Verify with the keys of this keystore (and check x5t against their certificates)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Check against a profile: its issuer, client_id, endpoints and registered keys')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Check against a profile: its issuer, client_id, endpoints and registered keys')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The server''s issuer identifier (the expected audience; its metadata is fetched)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The expected client_id')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The server''s token endpoint [default: from its metadata]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'The endpoint the assertion was sent to')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'The most lifetime (exp - iat) the server allows, in seconds')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat the server as FAPI 2.0 / rfc7523bis strict (aud must be the issuer)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Fetch nothing: no metadata, no registration, no remote JWKS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;doctor' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope for the test token request [default: the profile''s; '''' sends none]')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--no-token', '--no-token', [CompletionResultType]::ParameterName, 'Skip the real token request (and probing)')
            [CompletionResult]::new('--no-probe', '--no-probe', [CompletionResultType]::ParameterName, 'Do not probe the token endpoint when the token request is refused')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Save a fix the server verified into the profile, then confirm it with one more token request')
            [CompletionResult]::new('--dpop', '--dpop', [CompletionResultType]::ParameterName, 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]')
            [CompletionResult]::new('--no-dpop', '--no-dpop', [CompletionResultType]::ParameterName, 'No DPoP proof, whatever the profile or PKJWT_DPOP says')
            [CompletionResult]::new('--mtls', '--mtls', [CompletionResultType]::ParameterName, 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]')
            [CompletionResult]::new('--no-mtls', '--no-mtls', [CompletionResultType]::ParameterName, 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;audit' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'The rules that say what a correct server does where specifications differ')
            [CompletionResult]::new('--cases', '--cases', [CompletionResultType]::ParameterName, 'Only these cases (comma-separated ids; see --list) [default: all]')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the report as JUnit XML to FILE (one testcase per case)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 9 when a case of this severity or above was wrongly accepted')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Seconds to wait between two requests (0 to 60; fractions allowed)')
            [CompletionResult]::new('--initial-access-token-file', '--initial-access-token-file', [CompletionResultType]::ParameterName, 'With --register: read an initial access token (Bearer) from the first line of FILE [else PKJWT_INITIAL_ACCESS_TOKEN]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope of the token requests [default: the profile''s; '''' sends none]')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the cases (id, severity, rule, what it changes) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Audit a server that is not on this machine without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Audit a server that is not on this machine without asking')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, 'Register a throwaway client (RFC 7591) at --issuer for the key of --keystore, audit it, and delete it (RFC 7592)')
            [CompletionResult]::new('--dpop', '--dpop', [CompletionResultType]::ParameterName, 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]')
            [CompletionResult]::new('--no-dpop', '--no-dpop', [CompletionResultType]::ParameterName, 'No DPoP proof, whatever the profile or PKJWT_DPOP says')
            [CompletionResult]::new('--mtls', '--mtls', [CompletionResultType]::ParameterName, 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]')
            [CompletionResult]::new('--no-mtls', '--no-mtls', [CompletionResultType]::ParameterName, 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;completions' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;agent' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Unlock keystores and start the agent in the background; prints shell `export` lines')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Which agent `stop` and `status` talk to')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which agent `stop` and `status` talk to')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;agent;start' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'A keystore file to hold (repeat for more; they share one password)')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'A keystore file to hold (repeat for more; they share one password)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Forget the keys after this long: 90s, 15m, 8h, 1d, 2w [default: keep them until stopped]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;agent;stop' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--sock', '--sock', [CompletionResultType]::ParameterName, 'The agent''s socket')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;agent;status' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--sock', '--sock', [CompletionResultType]::ParameterName, 'The agent''s socket')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;agent;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'start')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the agent''s pid, the keystores and kids it holds, and when it forgets them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;agent;help;start' {
            break
        }
        'pkjwt;agent;help;stop' {
            break
        }
        'pkjwt;agent;help;status' {
            break
        }
        'pkjwt;agent;help;help' {
            break
        }
        'pkjwt;cache' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List cached tokens: profile, client, scope, expiry (no token values)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove cached tokens: all of them, or one profile''s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;cache;list' {
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'The token cache directory [default: the platform''s cache dir, e.g. ~/.cache/pkjwt/tokens]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;cache;clear' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only this profile''s tokens (not taken from PKJWT_PROFILE: a plain `cache clear` clears all)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Only this profile''s tokens (not taken from PKJWT_PROFILE: a plain `cache clear` clears all)')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'The token cache directory [default: the platform''s cache dir, e.g. ~/.cache/pkjwt/tokens]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;cache;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List cached tokens: profile, client, scope, expiry (no token values)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove cached tokens: all of them, or one profile''s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;cache;help;list' {
            break
        }
        'pkjwt;cache;help;clear' {
            break
        }
        'pkjwt;cache;help;help' {
            break
        }
        'pkjwt;call' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'The method [default: GET, or POST with a body]')
            [CompletionResult]::new('--request', '--request', [CompletionResultType]::ParameterName, 'The method [default: GET, or POST with a body]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header, `Name: value` (repeat)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header, `Name: value` (repeat)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The body: DATA, @FILE or @- (stdin), sent as read')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The body: DATA, @FILE or @- (stdin), sent as read')
            [CompletionResult]::new('--json-body', '--json-body', [CompletionResultType]::ParameterName, 'A JSON body (DATA, @FILE or @-), with Content-Type and Accept application/json (curl''s --json; pkjwt''s --json is its own output switch)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the body to FILE (mode 0600) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the body to FILE (mode 0600) instead of stdout')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes of the token [default: the profile''s]')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator of the token (RFC 8707; repeat)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'The audience parameter of the token request')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--dpop-kid', '--dpop-kid', [CompletionResultType]::ParameterName, 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'The time a cached token must have left: 90s, 5m, ... [default: 60 s or a tenth of its lifetime, whichever is larger]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'The token cache directory [default: the platform''s cache dir, e.g. ~/.cache/pkjwt/tokens]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the response''s status line and headers before the body')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the response''s status line and headers before the body')
            [CompletionResult]::new('--fail', '--fail', [CompletionResultType]::ParameterName, 'Exit 22 on an HTTP status of 400 or more, without printing the body')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--dpop', '--dpop', [CompletionResultType]::ParameterName, 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]')
            [CompletionResult]::new('--no-dpop', '--no-dpop', [CompletionResultType]::ParameterName, 'No DPoP proof, whatever the profile or PKJWT_DPOP says')
            [CompletionResult]::new('--mtls', '--mtls', [CompletionResultType]::ParameterName, 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]')
            [CompletionResult]::new('--no-mtls', '--no-mtls', [CompletionResultType]::ParameterName, 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Reuse a cached token while it has more than --min-ttl left; cache a new one [default: the profile''s `cache`]')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache, whatever --cache, the profile or PKJWT_TOKEN_CACHE says')
            [CompletionResult]::new('--cache-refresh-token', '--cache-refresh-token', [CompletionResultType]::ParameterName, 'Keep the refresh token in the cache too (it is dropped otherwise)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;git-credential' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'The username git sends [default: the client_id]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes of the token [default: the profile''s]')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator of the token (RFC 8707; repeat)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'The audience parameter of the token request')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The authorization server''s issuer identifier [default: the profile''s]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client_id [default: the profile''s]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to sign with [default: the profile''s, or the keystore''s only active key]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm [default: the profile''s, else the key''s]')
            [CompletionResult]::new('--token-endpoint', '--token-endpoint', [CompletionResultType]::ParameterName, 'The token endpoint [default: the profile''s, else from the issuer''s metadata]')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]')
            [CompletionResult]::new('--x5t', '--x5t', [CompletionResultType]::ParameterName, 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'The time a cached token must have left: 90s, 5m, ... [default: 60 s or a tenth of its lifetime, whichever is larger]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'The token cache directory [default: the platform''s cache dir, e.g. ~/.cache/pkjwt/tokens]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'One deadline per request, in seconds: connect, headers and body together')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in FILE (PEM) as well as the system''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--no-typ', '--no-typ', [CompletionResultType]::ParameterName, 'Send no typ header, whatever the profile says')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Add nbf = iat')
            [CompletionResult]::new('--no-client-id', '--no-client-id', [CompletionResultType]::ParameterName, 'Do not send client_id beside the assertion [default: the profile''s, else send it]')
            [CompletionResult]::new('--client-id-param', '--client-id-param', [CompletionResultType]::ParameterName, 'Send client_id beside the assertion, whatever the profile says')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Reuse a cached token while it has more than --min-ttl left; cache a new one [default: the profile''s `cache`]')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache, whatever --cache, the profile or PKJWT_TOKEN_CACHE says')
            [CompletionResult]::new('--cache-refresh-token', '--cache-refresh-token', [CompletionResultType]::ParameterName, 'Keep the refresh token in the cache too (it is dropped otherwise)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (dangerous: for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;help' {
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'keygen')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Manage the keys in a keystore')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'jwks')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'discover')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'register')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'migrate')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage saved client profiles (in profiles.toml in the config directory)')
            [CompletionResult]::new('presets', 'presets', [CompletionResultType]::ParameterValue, 'The provider presets: what Entra ID, Okta, Auth0, Keycloak, PingOne, Google and Salesforce require')
            [CompletionResult]::new('assertion', 'assertion', [CompletionResultType]::ParameterValue, 'assertion')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'token')
            [CompletionResult]::new('introspect', 'introspect', [CompletionResultType]::ParameterValue, 'introspect')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'revoke')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'request')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'login')
            [CompletionResult]::new('dpop', 'dpop', [CompletionResultType]::ParameterValue, 'dpop')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'rotate')
            [CompletionResult]::new('serve-jwks', 'serve-jwks', [CompletionResultType]::ParameterValue, 'serve-jwks')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'inspect')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'doctor')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'audit')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'completions')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Keep keystores unlocked in memory and sign for other pkjwt commands (like ssh-agent)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'List or clear cached access tokens (`pkjwt token --cache`)')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'call')
            [CompletionResult]::new('git-credential', 'git-credential', [CompletionResultType]::ParameterValue, 'git-credential')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;help;keygen' {
            break
        }
        'pkjwt;help;keys' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'import')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'remove')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'cert')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'check')
            break
        }
        'pkjwt;help;keys;list' {
            break
        }
        'pkjwt;help;keys;import' {
            break
        }
        'pkjwt;help;keys;remove' {
            break
        }
        'pkjwt;help;keys;cert' {
            break
        }
        'pkjwt;help;keys;check' {
            break
        }
        'pkjwt;help;jwks' {
            break
        }
        'pkjwt;help;discover' {
            break
        }
        'pkjwt;help;register' {
            break
        }
        'pkjwt;help;migrate' {
            break
        }
        'pkjwt;help;profile' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'show')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'remove')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'add')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'set')
            break
        }
        'pkjwt;help;profile;list' {
            break
        }
        'pkjwt;help;profile;show' {
            break
        }
        'pkjwt;help;profile;remove' {
            break
        }
        'pkjwt;help;profile;add' {
            break
        }
        'pkjwt;help;profile;set' {
            break
        }
        'pkjwt;help;presets' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'show')
            break
        }
        'pkjwt;help;presets;list' {
            break
        }
        'pkjwt;help;presets;show' {
            break
        }
        'pkjwt;help;assertion' {
            break
        }
        'pkjwt;help;token' {
            break
        }
        'pkjwt;help;introspect' {
            break
        }
        'pkjwt;help;revoke' {
            break
        }
        'pkjwt;help;request' {
            break
        }
        'pkjwt;help;login' {
            break
        }
        'pkjwt;help;dpop' {
            break
        }
        'pkjwt;help;rotate' {
            break
        }
        'pkjwt;help;serve-jwks' {
            break
        }
        'pkjwt;help;inspect' {
            break
        }
        'pkjwt;help;doctor' {
            break
        }
        'pkjwt;help;audit' {
            break
        }
        'pkjwt;help;completions' {
            break
        }
        'pkjwt;help;agent' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'start')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the agent''s pid, the keystores and kids it holds, and when it forgets them')
            break
        }
        'pkjwt;help;agent;start' {
            break
        }
        'pkjwt;help;agent;stop' {
            break
        }
        'pkjwt;help;agent;status' {
            break
        }
        'pkjwt;help;cache' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List cached tokens: profile, client, scope, expiry (no token values)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove cached tokens: all of them, or one profile''s')
            break
        }
        'pkjwt;help;cache;list' {
            break
        }
        'pkjwt;help;cache;clear' {
            break
        }
        'pkjwt;help;call' {
            break
        }
        'pkjwt;help;git-credential' {
            break
        }
        'pkjwt;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
