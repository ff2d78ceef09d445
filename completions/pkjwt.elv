
use builtin;
use str;

set edit:completion:arg-completer[pkjwt] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'pkjwt'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'pkjwt'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand keygen 'Generate a key pair and self-signed certificate into a PKCS#12 keystore'
            cand keys 'Manage the keys in a keystore'
            cand jwks 'Print the public JWKS of the keystore''s keys'
            cand discover 'Fetch an authorization server''s metadata and show what matters for private_key_jwt'
            cand register 'Register a private_key_jwt client (RFC 7591) and save it as a profile'
            cand migrate 'Move an existing client off its client secret to private_key_jwt'
            cand profile 'Manage saved client profiles (in profiles.toml in the config directory)'
            cand presets 'The provider presets: what Entra ID, Okta, Auth0, Keycloak, PingOne, Google and Salesforce require'
            cand assertion 'Print a client assertion (a signed JWT for private_key_jwt), or a JWT bearer grant'
            cand token 'Request a token from the token endpoint, authenticated with a client assertion'
            cand introspect 'Introspect a token (RFC 7662), authenticated with a client assertion'
            cand revoke 'Revoke a token (RFC 7009), authenticated with a client assertion'
            cand request 'POST to any endpoint that authenticates clients (PAR, CIBA, device authorization, ...)'
            cand dpop 'Print a DPoP proof (RFC 9449) for one request to a resource server'
            cand rotate 'Rotate a registered client''s key without an outage'
            cand serve-jwks 'Serve the keystore''s public JWKS at /jwks.json (development and CI)'
            cand inspect 'Decode a client assertion and check it against RFC 7523, rfc7523bis, OIDC and FAPI 2.0'
            cand doctor 'Check a client end to end: metadata, method and algorithm, registration, keys, clock, a real token request'
            cand completions 'Print a shell completion script'
            cand agent 'Keep keystores unlocked in memory and sign for other pkjwt commands (like ssh-agent)'
            cand cache 'List or clear cached access tokens (`pkjwt token --cache`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;keygen'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --alg 'Signing algorithm: ES256 (EC P-256) or RS256/PS256 (RSA)'
            cand --rsa-bits 'RSA key size for RS256 and PS256: 2048, 3072 or 4096'
            cand --kid 'Key ID [default: the RFC 7638 thumbprint of the public key]'
            cand --subject 'Certificate subject: a name (becomes CN=NAME) or a DN such as CN=app,O=Example [default: CN=<kid>]'
            cand --days 'Certificate validity in days'
            cand --iterations 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --allow-weak-password 'Take a new keystore password under 8 characters (for tests)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;keys'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the keys: kid, algorithm, type and size, certificate, thumbprint'
            cand import 'Import a key from another PKCS#12 file or a PEM/DER private key'
            cand remove 'Remove a key from the keystore'
            cand cert 'Print a key''s certificate (PEM, or DER with --der)'
            cand check 'Check that no key''s certificate expires within a window (for CI)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;keys;list'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;keys;import'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --from 'The file to import: PKCS#12 (.p12/.pfx), PEM or PKCS#8 DER'
            cand --cert 'A certificate (PEM or DER) for the imported key'
            cand --kid 'Key ID for the imported key [default: the source''s name for it, else the RFC 7638 thumbprint]'
            cand --alg 'Algorithm to record for the key [default: the source''s, else RS256 for RSA and ES256 for EC]'
            cand --subject 'Subject of the self-signed certificate made for a key without one [default: CN=<kid>]'
            cand --days 'Validity in days of a certificate made for a key without one'
            cand --from-password-file 'Read the password of the --from file from the first line of FILE'
            cand --iterations 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --from-password-stdin 'Read the password of the --from file from standard input'
            cand --allow-weak-password 'Take a new keystore password under 8 characters (for tests)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;keys;remove'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'The key to remove'
            cand --iterations 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --allow-weak-password 'Take a new keystore password under 8 characters (for tests)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;keys;cert'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'The key whose certificate to print [default: the only key]'
            cand -o 'Write to FILE instead of stdout'
            cand --out 'Write to FILE instead of stdout'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --der 'DER instead of PEM'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;keys;check'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --expires-within 'The window: fail when a certificate expires within it'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --all 'Check retired keys too'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;keys;help'= {
            cand list 'List the keys: kid, algorithm, type and size, certificate, thumbprint'
            cand import 'Import a key from another PKCS#12 file or a PEM/DER private key'
            cand remove 'Remove a key from the keystore'
            cand cert 'Print a key''s certificate (PEM, or DER with --der)'
            cand check 'Check that no key''s certificate expires within a window (for CI)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;keys;help;list'= {
        }
        &'pkjwt;keys;help;import'= {
        }
        &'pkjwt;keys;help;remove'= {
        }
        &'pkjwt;keys;help;cert'= {
        }
        &'pkjwt;keys;help;check'= {
        }
        &'pkjwt;keys;help;help'= {
        }
        &'pkjwt;jwks'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'Only this key (repeat for more) [default: every active and next key]'
            cand -o 'Write the JWKS to FILE (replaced atomically) instead of stdout'
            cand --out 'Write the JWKS to FILE (replaced atomically) instead of stdout'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --include-retired 'Publish retired keys too (during their grace period, while tokens signed with them may still be checked)'
            cand --x5c 'Add each key''s certificate chain (x5c) and x5t#S256'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;discover'= {
            cand -k 'Check the keys of this keystore against what the server accepts'
            cand --keystore 'Check the keys of this keystore against what the server accepts'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;register'= {
            cand --issuer 'The issuer: its metadata gives the registration and token endpoints'
            cand --registration-endpoint 'The registration endpoint [default: from the issuer''s metadata]'
            cand -k 'The keystore with the client''s keys [with --update: the profile''s]'
            cand --keystore 'The keystore with the client''s keys [with --update: the profile''s]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'Register only these keys (repeat); the first signs [default: the active and next keys; the active one signs]'
            cand --alg 'Signing algorithm to register [default: the signing key''s]'
            cand --jwks-uri 'Register this URL (where you host the JWKS) instead of inline keys'
            cand -p 'The profile to save the client as'
            cand --profile 'The profile to save the client as'
            cand --grant-type 'Grant type (repeat) [default: client_credentials]'
            cand --scope 'Space-separated scopes to register'
            cand --redirect-uri 'Redirect URI (repeat)'
            cand --client-name 'Human-readable client name'
            cand --contact 'Contact e-mail (repeat)'
            cand --metadata 'More RFC 7591 client metadata: a JSON object in FILE (- for stdin); the options above win, and a null value removes the member from the request'
            cand --initial-access-token-file 'Read an initial access token (Bearer) from the first line of FILE'
            cand --software-statement 'A software statement: a signed JWT, or a file holding one'
            cand --aud 'Assertion audience to save in the profile: issuer (default), token-endpoint, endpoint or a URL'
            cand --auth 'How the client authenticates at the token endpoint: private_key_jwt, or mutual TLS (RFC 8705) with the keystore''s certificate'
            cand --tls-subject-dn 'tls_client_auth: the subject DN of the CA-issued certificate (RFC 8705 section 2.1.2)'
            cand --dpop-kid 'The key that signs DPoP proofs, saved in the profile [default: the signing key]'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --update 'Update the profile''s registration instead (RFC 7592): register the keystore''s current keys (--kid selects; the first signs from now on)'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --force 'Replace an existing profile of that name'
            cand --mtls-bound-tokens 'Ask for certificate-bound access tokens (RFC 8705 section 3); a private_key_jwt profile then presents the certificate with every request'
            cand --dpop-bound-tokens 'Ask for DPoP-bound access tokens (RFC 9449 section 5.2); the profile then sends proofs'
            cand --verify 'Then request a token (client_credentials); when refused, probe the token endpoint (at most 12 more requests, as `pkjwt doctor` does) and save the fix the server verifies'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;migrate'= {
            cand --issuer 'The issuer identifier'
            cand --client-id 'The client''s client_id'
            cand --registration-client-uri 'The RFC 7592 client configuration endpoint'
            cand --registration-access-token-file 'Read the RFC 7592 registration access token from the first line of FILE (- for stdin) [default, with --force: the profile''s, as a failed migration left it]'
            cand -k 'The keystore with the client''s new key'
            cand --keystore 'The keystore with the client''s new key'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'The key to register and sign with [default: the keystore''s only key]'
            cand --alg 'The signing algorithm [default: the key''s]'
            cand --jwks-uri 'Register this URL (where you host `pkjwt jwks` output) instead of inline keys'
            cand -p 'The profile to save the client as'
            cand --profile 'The profile to save the client as'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --force 'Replace an existing profile of that name'
            cand --no-verify 'Do not send the token request that checks the migration'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;profile'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'list'
            cand show 'Show one profile (the registration access token is redacted unless asked for)'
            cand remove 'Remove a profile (the registration at the server is not touched)'
            cand add 'Add a client registered out of band (in a portal such as Okta or Entra ID)'
            cand set 'Change how a profile''s assertions and requests look (what `doctor --fix` saves)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;profile;list'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;profile;show'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --show-secrets 'Show the registration access token too'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;profile;remove'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;profile;add'= {
            cand --issuer 'The issuer identifier'
            cand --client-id 'The client_id the server gave'
            cand -k 'The keystore with the client''s key'
            cand --keystore 'The keystore with the client''s key'
            cand --kid 'The key that signs [default: the keystore''s only key]'
            cand --alg 'The signing algorithm [default: the key''s]'
            cand --token-endpoint 'The token endpoint [default: from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint or a URL'
            cand --registration-client-uri 'The RFC 7592 client configuration endpoint, if the server gave one'
            cand --registration-access-token-file 'Read the RFC 7592 registration access token from the first line of FILE'
            cand --preset 'Follow a provider preset: its endpoints, settings and rules (pkjwt presets list)'
            cand --tenant 'The Entra ID tenant: its id (GUID) or domain name [with --preset entra]'
            cand --domain 'The provider''s host: Okta, Auth0 or Keycloak domain, PingOne auth host, Salesforce My Domain [with --preset]'
            cand --realm 'The Keycloak realm [with --preset keycloak]'
            cand --auth-server 'The Okta custom authorization server id, such as `default` [with --preset okta]'
            cand --environment 'The PingOne environment id [with --preset pingone]'
            cand --scope 'The scope requested by default (with a JWT bearer grant preset: the assertion''s scope claim)'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --no-discover 'Do not fetch the issuer''s metadata now (implied by --preset)'
            cand --force 'Replace an existing profile of that name'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;profile;set'= {
            cand --aud 'Assertion audience: issuer, token-endpoint, endpoint or a URL'
            cand --kid 'The key that signs'
            cand --alg 'The signing algorithm'
            cand --lifetime 'Assertion lifetime in seconds'
            cand --typ 'The typ header of assertions'
            cand --clock-offset 'Seconds added to the local clock when minting (-86400 to 86400)'
            cand --scope 'The scope requested when a command gives none'
            cand --dpop-kid 'The key that signs DPoP proofs, when not the client''s key'
            cand --introspection-endpoint 'The introspection endpoint (a server that lists it nowhere: Ory Hydra''s admin port)'
            cand --revocation-endpoint 'The revocation endpoint'
            cand --unset 'Remove a setting (the default applies again); repeat'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --no-typ 'No typ header'
            cand --no-client-id 'Do not send client_id beside the assertion'
            cand --client-id-param 'Send client_id beside the assertion'
            cand --dpop 'Send DPoP proofs (RFC 9449) with requests'
            cand --no-dpop 'No DPoP proofs'
            cand --mtls 'Present the certificate over TLS with private_key_jwt (certificate-bound tokens, RFC 8705)'
            cand --no-mtls 'Do not present the certificate'
            cand --cache 'Keep access tokens for reuse, as `pkjwt token --cache` does (see `pkjwt cache --help`)'
            cand --no-cache 'Do not keep access tokens'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;profile;help'= {
            cand list 'list'
            cand show 'Show one profile (the registration access token is redacted unless asked for)'
            cand remove 'Remove a profile (the registration at the server is not touched)'
            cand add 'Add a client registered out of band (in a portal such as Okta or Entra ID)'
            cand set 'Change how a profile''s assertions and requests look (what `doctor --fix` saves)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;profile;help;list'= {
        }
        &'pkjwt;profile;help;show'= {
        }
        &'pkjwt;profile;help;remove'= {
        }
        &'pkjwt;profile;help;add'= {
        }
        &'pkjwt;profile;help;set'= {
        }
        &'pkjwt;profile;help;help'= {
        }
        &'pkjwt;presets'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'list'
            cand show 'Show a preset: its endpoints, settings, key registration, rules and sources'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;presets;list'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;presets;show'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;presets;help'= {
            cand list 'list'
            cand show 'Show a preset: its endpoints, settings, key registration, rules and sources'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;presets;help;list'= {
        }
        &'pkjwt;presets;help;show'= {
        }
        &'pkjwt;presets;help;help'= {
        }
        &'pkjwt;assertion'= {
            cand -p 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --profile 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --issuer 'The authorization server''s issuer identifier [default: the profile''s]'
            cand --client-id 'The client_id [default: the profile''s]'
            cand -k 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --keystore 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only active key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --subject 'The grant''s sub: the user or service it is for'
            cand --grant-iss 'The grant''s iss [default: the client_id]'
            cand --scope 'A scope claim in the grant (as `token --scope-in-grant` sends it)'
            cand --count 'Mint N assertions, one per line'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-typ 'Send no typ header, whatever the profile says'
            cand --nbf 'Add nbf = iat'
            cand --no-client-id 'Do not send client_id beside the assertion [default: the profile''s, else send it]'
            cand --client-id-param 'Send client_id beside the assertion, whatever the profile says'
            cand --grant 'Print a JWT bearer grant (RFC 7523 section 2.1) instead of a client assertion'
            cand --decode 'Show the header and claims instead of the JWT'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;token'= {
            cand -p 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --profile 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --issuer 'The authorization server''s issuer identifier [default: the profile''s]'
            cand --client-id 'The client_id [default: the profile''s]'
            cand -k 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --keystore 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only active key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --grant-type 'The grant type (jwt-bearer is short for urn:ietf:params:oauth:grant-type:jwt-bearer)'
            cand --subject 'The JWT bearer grant''s sub (RFC 7523 section 2.1): the user or service the token is for'
            cand --grant-iss 'The JWT bearer grant''s iss [default: the client_id]'
            cand --dpop-kid 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]'
            cand --scope 'Space-separated scopes [default: the profile''s, for client_credentials and jwt-bearer; --scope '''' sends none]'
            cand --resource 'Resource indicator (RFC 8707; repeat)'
            cand --audience 'The audience parameter (token exchange, some servers'' client_credentials)'
            cand --code 'Authorization code (authorization_code grant)'
            cand --redirect-uri 'Redirect URI (authorization_code grant)'
            cand --code-verifier 'PKCE code verifier (authorization_code grant)'
            cand --refresh-token-file 'Read the refresh token (refresh_token grant) from the first line of FILE (- for stdin)'
            cand --param 'Any other form parameter: k=v (repeat)'
            cand --subject-token-file 'Token exchange: read the subject token from the first line of FILE (- for stdin)'
            cand --subject-token-type 'Token exchange: the subject token''s type [default: urn:ietf:params:oauth:token-type:access_token]'
            cand --actor-token-file 'Token exchange: read the actor token from the first line of FILE (- for stdin)'
            cand --actor-token-type 'Token exchange: the actor token''s type'
            cand --requested-token-type 'Token exchange: the type of token asked for (requested_token_type)'
            cand --client-assertion-file 'Send this ready-made client assertion (first line of FILE, - for stdin) instead of minting one: a CI provider''s OIDC token for federated client authentication; checked as `inspect` would, with warnings on stderr, and sent anyway'
            cand --field 'Print only this member of the response (e.g. access_token)'
            cand --format 'How to print the token: text, json, header (`Authorization: Bearer ...` for curl -H @-), env (PKJWT_ACCESS_TOKEN=... lines), exec-credential (a kubectl ExecCredential; turns --cache on)'
            cand --min-ttl 'The time a cached token must have left: 90s, 5m, ... [default: 60 s or a tenth of its lifetime, whichever is larger]'
            cand --cache-dir 'The token cache directory [default: the platform''s cache dir, e.g. ~/.cache/pkjwt/tokens]'
            cand --retry 'Retry network failures, 429 and 5xx this many times (at most 10)'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-typ 'Send no typ header, whatever the profile says'
            cand --nbf 'Add nbf = iat'
            cand --no-client-id 'Do not send client_id beside the assertion [default: the profile''s, else send it]'
            cand --client-id-param 'Send client_id beside the assertion, whatever the profile says'
            cand --scope-in-grant 'Put the scope in the JWT bearer grant''s claims instead of the form (Google service accounts)'
            cand --no-client-auth 'Send the JWT bearer grant without client authentication (the grant is the credential)'
            cand --dpop 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]'
            cand --no-dpop 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
            cand --mtls 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]'
            cand --no-mtls 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
            cand --cache 'Reuse a cached token while it has more than --min-ttl left; cache a new one [default: the profile''s `cache`]'
            cand --no-cache 'Neither read nor write the cache, whatever --cache, the profile or PKJWT_TOKEN_CACHE says'
            cand --cache-refresh-token 'Keep the refresh token in the cache too (it is dropped otherwise)'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;introspect'= {
            cand --token-type-hint 'token_type_hint: access_token or refresh_token'
            cand -p 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --profile 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --issuer 'The authorization server''s issuer identifier [default: the profile''s]'
            cand --client-id 'The client_id [default: the profile''s]'
            cand -k 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --keystore 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only active key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --dpop-kid 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --introspection-endpoint 'The introspection endpoint [default: the profile''s, else the issuer''s metadata] (Ory Hydra serves it on its admin port and lists it nowhere)'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-typ 'Send no typ header, whatever the profile says'
            cand --nbf 'Add nbf = iat'
            cand --no-client-id 'Do not send client_id beside the assertion [default: the profile''s, else send it]'
            cand --client-id-param 'Send client_id beside the assertion, whatever the profile says'
            cand --dpop 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]'
            cand --no-dpop 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
            cand --mtls 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]'
            cand --no-mtls 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;revoke'= {
            cand --token-type-hint 'token_type_hint: access_token or refresh_token'
            cand -p 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --profile 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --issuer 'The authorization server''s issuer identifier [default: the profile''s]'
            cand --client-id 'The client_id [default: the profile''s]'
            cand -k 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --keystore 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only active key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --dpop-kid 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --revocation-endpoint 'The revocation endpoint [default: the profile''s, else the issuer''s metadata]'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-typ 'Send no typ header, whatever the profile says'
            cand --nbf 'Add nbf = iat'
            cand --no-client-id 'Do not send client_id beside the assertion [default: the profile''s, else send it]'
            cand --client-id-param 'Send client_id beside the assertion, whatever the profile says'
            cand --dpop 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]'
            cand --no-dpop 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
            cand --mtls 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]'
            cand --no-mtls 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;request'= {
            cand -p 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --profile 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --issuer 'The authorization server''s issuer identifier [default: the profile''s]'
            cand --client-id 'The client_id [default: the profile''s]'
            cand -k 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --keystore 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only active key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --dpop-kid 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-typ 'Send no typ header, whatever the profile says'
            cand --nbf 'Add nbf = iat'
            cand --no-client-id 'Do not send client_id beside the assertion [default: the profile''s, else send it]'
            cand --client-id-param 'Send client_id beside the assertion, whatever the profile says'
            cand --dpop 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]'
            cand --no-dpop 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
            cand --mtls 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]'
            cand --no-mtls 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;dpop'= {
            cand -p 'Use this profile''s keystore, key and clock offset'
            cand --profile 'Use this profile''s keystore, key and clock offset'
            cand -k 'The keystore with the proof key [default: the profile''s]'
            cand --keystore 'The keystore with the proof key [default: the profile''s]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --dpop-kid 'The key that signs the proof [default: the profile''s dpop_kid, else its key, else the keystore''s only key]'
            cand --method 'The HTTP method of the request'
            cand --url 'The URL of the request (query and fragment are left out of htu)'
            cand --access-token-file 'Bind the proof to this access token (ath): the first line of FILE, - for stdin'
            cand --nonce 'The nonce the server sent in its DPoP-Nonce header'
            cand --clock-offset 'Seconds to add to the local clock for iat [default: the profile''s, else 0]'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;rotate'= {
            cand -p 'The profile of the registered client'
            cand --profile 'The profile of the registered client'
            cand --stage 'Run one stage only [default: the whole cycle, from where it stopped]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --alg 'Algorithm of the next key [default: the active key''s]'
            cand --rsa-bits 'RSA key size of the next key [default: the active key''s, else 3072]'
            cand --kid 'Key ID of the next key [default: its RFC 7638 thumbprint]'
            cand --days 'Certificate validity of the next key, in days'
            cand --jwks-out 'For a jwks_uri client: write the published JWKS to FILE after each change (the file your web server serves) [default: none; `pkjwt serve-jwks` serves the keystore itself]'
            cand --cache-window 'How long the server may cache the client''s jwks_uri: promote waits this long after the next key was published [default: the jwks_uri''s Cache-Control max-age (or Expires), at least 60 s; 5m when it says nothing]'
            cand --wait 'The longest promote waits for the cache window and retries the next key; when the server does not accept it by then, promote stops unchanged'
            cand --grace 'How long a retired key is kept (and published with --include-retired) before remove deletes it'
            cand --scope 'Scope of the token requests that verify each step [default: the profile''s]'
            cand --iterations 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-verify 'Do not request tokens to verify the steps'
            cand --allow-weak-password 'Take a new keystore password under 8 characters (for tests)'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;serve-jwks'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --listen 'Address and port to listen on (port 0: any free port)'
            cand --max-age 'Cache-Control max-age, in seconds'
            cand --tls-cert 'HTTPS with this certificate chain (PEM), with --tls-key'
            cand --tls-key 'The private key (PEM: PKCS#8, PKCS#1 or SEC1) of --tls-cert'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --include-retired 'Serve retired keys too (during their grace period)'
            cand --x5c 'Add each key''s certificate chain (x5c) and x5t#S256'
            cand --tls 'HTTPS with the signing key''s own (self-signed) certificate from the keystore'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;inspect'= {
            cand --jwks 'Verify with this JWKS: a file or an https URL'
            cand -k 'Verify with the keys of this keystore (and check x5t against their certificates)'
            cand --keystore 'Verify with the keys of this keystore (and check x5t against their certificates)'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand -p 'Check against a profile: its issuer, client_id, endpoints and registered keys'
            cand --profile 'Check against a profile: its issuer, client_id, endpoints and registered keys'
            cand --issuer 'The server''s issuer identifier (the expected audience; its metadata is fetched)'
            cand --client-id 'The expected client_id'
            cand --token-endpoint 'The server''s token endpoint [default: from its metadata]'
            cand --endpoint 'The endpoint the assertion was sent to'
            cand --max-lifetime 'The most lifetime (exp - iat) the server allows, in seconds'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --strict 'Treat the server as FAPI 2.0 / rfc7523bis strict (aud must be the issuer)'
            cand --offline 'Fetch nothing: no metadata, no registration, no remote JWKS'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;doctor'= {
            cand -p 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --profile 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --issuer 'The authorization server''s issuer identifier [default: the profile''s]'
            cand --client-id 'The client_id [default: the profile''s]'
            cand -k 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --keystore 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only active key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --scope 'Scope for the test token request [default: the profile''s; '''' sends none]'
            cand --dpop-kid 'The keystore key that signs DPoP proofs [default: the client''s key, when the server takes its algorithm]'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-typ 'Send no typ header, whatever the profile says'
            cand --nbf 'Add nbf = iat'
            cand --no-client-id 'Do not send client_id beside the assertion [default: the profile''s, else send it]'
            cand --client-id-param 'Send client_id beside the assertion, whatever the profile says'
            cand --no-token 'Skip the real token request (and probing)'
            cand --no-probe 'Do not probe the token endpoint when the token request is refused'
            cand --fix 'Save a fix the server verified into the profile, then confirm it with one more token request'
            cand --dpop 'Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile''s choice]'
            cand --no-dpop 'No DPoP proof, whatever the profile or PKJWT_DPOP says'
            cand --mtls 'Present the key''s certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile''s choice]'
            cand --no-mtls 'No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;completions'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pkjwt;agent'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand start 'Unlock keystores and start the agent in the background; prints shell `export` lines'
            cand stop 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines)'
            cand status 'Show the agent''s pid, the keystores and kids it holds, and when it forgets them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;agent;start'= {
            cand -k 'A keystore file to hold (repeat for more; they share one password)'
            cand --keystore 'A keystore file to hold (repeat for more; they share one password)'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI''s module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one'
            cand --ttl 'Forget the keys after this long: 90s, 15m, 8h, 1d, 2w [default: keep them until stopped]'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;agent;stop'= {
            cand --sock 'The agent''s socket'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;agent;status'= {
            cand --sock 'The agent''s socket'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;agent;help'= {
            cand start 'Unlock keystores and start the agent in the background; prints shell `export` lines'
            cand stop 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines)'
            cand status 'Show the agent''s pid, the keystores and kids it holds, and when it forgets them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;agent;help;start'= {
        }
        &'pkjwt;agent;help;stop'= {
        }
        &'pkjwt;agent;help;status'= {
        }
        &'pkjwt;agent;help;help'= {
        }
        &'pkjwt;cache'= {
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List cached tokens: profile, client, scope, expiry (no token values)'
            cand clear 'Remove cached tokens: all of them, or one profile''s'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;cache;list'= {
            cand --cache-dir 'The token cache directory [default: the platform''s cache dir, e.g. ~/.cache/pkjwt/tokens]'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;cache;clear'= {
            cand -p 'Only this profile''s tokens'
            cand --profile 'Only this profile''s tokens'
            cand --cache-dir 'The token cache directory [default: the platform''s cache dir, e.g. ~/.cache/pkjwt/tokens]'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --json 'Print results as JSON on stdout (stable field names)'
            cand -v 'Say more on stderr (repeat for more)'
            cand --verbose 'Say more on stderr (repeat for more)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'pkjwt;cache;help'= {
            cand list 'List cached tokens: profile, client, scope, expiry (no token values)'
            cand clear 'Remove cached tokens: all of them, or one profile''s'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;cache;help;list'= {
        }
        &'pkjwt;cache;help;clear'= {
        }
        &'pkjwt;cache;help;help'= {
        }
        &'pkjwt;help'= {
            cand keygen 'Generate a key pair and self-signed certificate into a PKCS#12 keystore'
            cand keys 'Manage the keys in a keystore'
            cand jwks 'Print the public JWKS of the keystore''s keys'
            cand discover 'Fetch an authorization server''s metadata and show what matters for private_key_jwt'
            cand register 'Register a private_key_jwt client (RFC 7591) and save it as a profile'
            cand migrate 'Move an existing client off its client secret to private_key_jwt'
            cand profile 'Manage saved client profiles (in profiles.toml in the config directory)'
            cand presets 'The provider presets: what Entra ID, Okta, Auth0, Keycloak, PingOne, Google and Salesforce require'
            cand assertion 'Print a client assertion (a signed JWT for private_key_jwt), or a JWT bearer grant'
            cand token 'Request a token from the token endpoint, authenticated with a client assertion'
            cand introspect 'Introspect a token (RFC 7662), authenticated with a client assertion'
            cand revoke 'Revoke a token (RFC 7009), authenticated with a client assertion'
            cand request 'POST to any endpoint that authenticates clients (PAR, CIBA, device authorization, ...)'
            cand dpop 'Print a DPoP proof (RFC 9449) for one request to a resource server'
            cand rotate 'Rotate a registered client''s key without an outage'
            cand serve-jwks 'Serve the keystore''s public JWKS at /jwks.json (development and CI)'
            cand inspect 'Decode a client assertion and check it against RFC 7523, rfc7523bis, OIDC and FAPI 2.0'
            cand doctor 'Check a client end to end: metadata, method and algorithm, registration, keys, clock, a real token request'
            cand completions 'Print a shell completion script'
            cand agent 'Keep keystores unlocked in memory and sign for other pkjwt commands (like ssh-agent)'
            cand cache 'List or clear cached access tokens (`pkjwt token --cache`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;help;keygen'= {
        }
        &'pkjwt;help;keys'= {
            cand list 'List the keys: kid, algorithm, type and size, certificate, thumbprint'
            cand import 'Import a key from another PKCS#12 file or a PEM/DER private key'
            cand remove 'Remove a key from the keystore'
            cand cert 'Print a key''s certificate (PEM, or DER with --der)'
            cand check 'Check that no key''s certificate expires within a window (for CI)'
        }
        &'pkjwt;help;keys;list'= {
        }
        &'pkjwt;help;keys;import'= {
        }
        &'pkjwt;help;keys;remove'= {
        }
        &'pkjwt;help;keys;cert'= {
        }
        &'pkjwt;help;keys;check'= {
        }
        &'pkjwt;help;jwks'= {
        }
        &'pkjwt;help;discover'= {
        }
        &'pkjwt;help;register'= {
        }
        &'pkjwt;help;migrate'= {
        }
        &'pkjwt;help;profile'= {
            cand list 'list'
            cand show 'Show one profile (the registration access token is redacted unless asked for)'
            cand remove 'Remove a profile (the registration at the server is not touched)'
            cand add 'Add a client registered out of band (in a portal such as Okta or Entra ID)'
            cand set 'Change how a profile''s assertions and requests look (what `doctor --fix` saves)'
        }
        &'pkjwt;help;profile;list'= {
        }
        &'pkjwt;help;profile;show'= {
        }
        &'pkjwt;help;profile;remove'= {
        }
        &'pkjwt;help;profile;add'= {
        }
        &'pkjwt;help;profile;set'= {
        }
        &'pkjwt;help;presets'= {
            cand list 'list'
            cand show 'Show a preset: its endpoints, settings, key registration, rules and sources'
        }
        &'pkjwt;help;presets;list'= {
        }
        &'pkjwt;help;presets;show'= {
        }
        &'pkjwt;help;assertion'= {
        }
        &'pkjwt;help;token'= {
        }
        &'pkjwt;help;introspect'= {
        }
        &'pkjwt;help;revoke'= {
        }
        &'pkjwt;help;request'= {
        }
        &'pkjwt;help;dpop'= {
        }
        &'pkjwt;help;rotate'= {
        }
        &'pkjwt;help;serve-jwks'= {
        }
        &'pkjwt;help;inspect'= {
        }
        &'pkjwt;help;doctor'= {
        }
        &'pkjwt;help;completions'= {
        }
        &'pkjwt;help;agent'= {
            cand start 'Unlock keystores and start the agent in the background; prints shell `export` lines'
            cand stop 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines)'
            cand status 'Show the agent''s pid, the keystores and kids it holds, and when it forgets them'
        }
        &'pkjwt;help;agent;start'= {
        }
        &'pkjwt;help;agent;stop'= {
        }
        &'pkjwt;help;agent;status'= {
        }
        &'pkjwt;help;cache'= {
            cand list 'List cached tokens: profile, client, scope, expiry (no token values)'
            cand clear 'Remove cached tokens: all of them, or one profile''s'
        }
        &'pkjwt;help;cache;list'= {
        }
        &'pkjwt;help;cache;clear'= {
        }
        &'pkjwt;help;help'= {
        }
    ]
    $completions[$command]
}
