
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
            cand profile 'Manage saved client profiles (in profiles.toml in the config directory)'
            cand assertion 'Print a client assertion (a signed JWT for private_key_jwt)'
            cand token 'Request a token from the token endpoint, authenticated with a client assertion'
            cand introspect 'Introspect a token (RFC 7662), authenticated with a client assertion'
            cand revoke 'Revoke a token (RFC 7009), authenticated with a client assertion'
            cand request 'POST to any endpoint that authenticates clients (PAR, CIBA, device authorization, ...)'
            cand inspect 'Decode a client assertion and check it against RFC 7523, rfc7523bis, OIDC and FAPI 2.0'
            cand doctor 'Check a client end to end: metadata, method and algorithm, registration, keys, clock, a real token request'
            cand completions 'Print a shell completion script'
            cand agent 'Keep keystores unlocked in memory and sign for other pkjwt commands (like ssh-agent)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;keygen'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --alg 'Signing algorithm: ES256 (EC P-256) or RS256/PS256 (RSA)'
            cand --rsa-bits 'RSA key size for RS256 and PS256: 2048, 3072 or 4096'
            cand --kid 'Key ID [default: the RFC 7638 thumbprint of the public key]'
            cand --subject 'Certificate subject: a name (becomes CN=NAME) or a DN such as CN=app,O=Example [default: CN=<kid>]'
            cand --days 'Certificate validity in days'
            cand --iterations 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]'
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
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;keys;list'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --kid 'The key to remove'
            cand --iterations 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]'
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
        &'pkjwt;keys;cert'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
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
        &'pkjwt;keys;help'= {
            cand list 'List the keys: kid, algorithm, type and size, certificate, thumbprint'
            cand import 'Import a key from another PKCS#12 file or a PEM/DER private key'
            cand remove 'Remove a key from the keystore'
            cand cert 'Print a key''s certificate (PEM, or DER with --der)'
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
        &'pkjwt;keys;help;help'= {
        }
        &'pkjwt;jwks'= {
            cand -k 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --keystore 'The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --kid 'Only this key (repeat for more) [default: every key]'
            cand -o 'Write the JWKS to FILE (replaced atomically) instead of stdout'
            cand --out 'Write the JWKS to FILE (replaced atomically) instead of stdout'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --kid 'Register only these keys (repeat); the first signs [default: every key; with one key, that key]'
            cand --alg 'Signing algorithm to register [default: the signing key''s]'
            cand --jwks-uri 'Register this URL (where you host the JWKS) instead of inline keys'
            cand -p 'The profile to save the client as'
            cand --profile 'The profile to save the client as'
            cand --grant-type 'Grant type (repeat) [default: client_credentials]'
            cand --scope 'Space-separated scopes to register'
            cand --redirect-uri 'Redirect URI (repeat)'
            cand --client-name 'Human-readable client name'
            cand --contact 'Contact e-mail (repeat)'
            cand --metadata 'More RFC 7591 client metadata: a JSON object in FILE (- for stdin); the options above win'
            cand --initial-access-token-file 'Read an initial access token (Bearer) from the first line of FILE'
            cand --software-statement 'A software statement: a signed JWT, or a file holding one'
            cand --aud 'Assertion audience to save in the profile: issuer (default), token-endpoint, endpoint or a URL'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --update 'Update the profile''s registration instead (RFC 7592): register the keystore''s current keys (--kid selects; the first signs from now on)'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --force 'Replace an existing profile of that name'
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
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --no-discover 'Do not fetch the issuer''s metadata now'
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
            cand --clock-offset 'Seconds added to the local clock when minting'
            cand --scope 'The scope requested when a command gives none'
            cand --unset 'Remove a setting (the default applies again); repeat'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --no-typ 'No typ header'
            cand --no-client-id 'Do not send client_id beside the assertion'
            cand --client-id-param 'Send client_id beside the assertion'
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
        &'pkjwt;assertion'= {
            cand -p 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --profile 'Use this profile (made by `pkjwt register` or `pkjwt profile add`)'
            cand --issuer 'The authorization server''s issuer identifier [default: the profile''s]'
            cand --client-id 'The client_id [default: the profile''s]'
            cand -k 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --keystore 'The keystore with the client''s key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile''s]'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --grant-type 'The grant type'
            cand --scope 'Space-separated scopes [default: the profile''s; --scope '''' sends none]'
            cand --resource 'Resource indicator (RFC 8707; repeat)'
            cand --audience 'The audience parameter (token exchange, some servers'' client_credentials)'
            cand --code 'Authorization code (authorization_code grant)'
            cand --redirect-uri 'Redirect URI (authorization_code grant)'
            cand --code-verifier 'PKCE code verifier (authorization_code grant)'
            cand --refresh-token-file 'Read the refresh token (refresh_token grant) from the first line of FILE (- for stdin)'
            cand --param 'Any other form parameter: k=v (repeat)'
            cand --field 'Print only this member of the response (e.g. access_token)'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-typ 'Send no typ header, whatever the profile says'
            cand --nbf 'Add nbf = iat'
            cand --no-client-id 'Do not send client_id beside the assertion [default: the profile''s, else send it]'
            cand --client-id-param 'Send client_id beside the assertion, whatever the profile says'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-typ 'Send no typ header, whatever the profile says'
            cand --nbf 'Add nbf = iat'
            cand --no-client-id 'Do not send client_id beside the assertion [default: the profile''s, else send it]'
            cand --client-id-param 'Send client_id beside the assertion, whatever the profile says'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --timeout 'One deadline per request, in seconds: connect, headers and body together'
            cand --cacert 'Trust the CA certificates in FILE (PEM) as well as the system''s'
            cand --config-dir 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]'
            cand --color 'When to use colour on stderr'
            cand --password-stdin 'Read the keystore password from the first line of standard input'
            cand --no-typ 'Send no typ header, whatever the profile says'
            cand --nbf 'Add nbf = iat'
            cand --no-client-id 'Do not send client_id beside the assertion [default: the profile''s, else send it]'
            cand --client-id-param 'Send client_id beside the assertion, whatever the profile says'
            cand --insecure 'Do not verify the server''s TLS certificate (dangerous: for tests only)'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
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
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --kid 'The key to sign with [default: the profile''s, or the keystore''s only key]'
            cand --alg 'Signing algorithm [default: the profile''s, else the key''s]'
            cand --token-endpoint 'The token endpoint [default: the profile''s, else from the issuer''s metadata]'
            cand --aud 'Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL'
            cand --lifetime 'Assertion lifetime in seconds (exp - iat) [default: the profile''s, else 60]'
            cand --typ 'Set the JWT typ header [default: the profile''s, else none; given alone: client-authentication+jwt]'
            cand --x5t 'Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)'
            cand --claim 'Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])'
            cand --clock-offset 'Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile''s, else 0]'
            cand --scope 'Scope for the test token request [default: the profile''s; '''' sends none]'
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
            cand stop 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines), or show what it holds'
            cand status 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines), or show what it holds'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;agent;start'= {
            cand -k 'A keystore file to hold (repeat for more; they share one password)'
            cand --keystore 'A keystore file to hold (repeat for more; they share one password)'
            cand --password-file 'Read the keystore password from the first line of FILE'
            cand --pkcs11-module 'The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)'
            cand --ttl 'Forget the keys after this long: 90s, 15m, 8h, 1d [default: keep them until stopped]'
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
            cand stop 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines), or show what it holds'
            cand status 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines), or show what it holds'
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
        &'pkjwt;help'= {
            cand keygen 'Generate a key pair and self-signed certificate into a PKCS#12 keystore'
            cand keys 'Manage the keys in a keystore'
            cand jwks 'Print the public JWKS of the keystore''s keys'
            cand discover 'Fetch an authorization server''s metadata and show what matters for private_key_jwt'
            cand register 'Register a private_key_jwt client (RFC 7591) and save it as a profile'
            cand profile 'Manage saved client profiles (in profiles.toml in the config directory)'
            cand assertion 'Print a client assertion (a signed JWT for private_key_jwt)'
            cand token 'Request a token from the token endpoint, authenticated with a client assertion'
            cand introspect 'Introspect a token (RFC 7662), authenticated with a client assertion'
            cand revoke 'Revoke a token (RFC 7009), authenticated with a client assertion'
            cand request 'POST to any endpoint that authenticates clients (PAR, CIBA, device authorization, ...)'
            cand inspect 'Decode a client assertion and check it against RFC 7523, rfc7523bis, OIDC and FAPI 2.0'
            cand doctor 'Check a client end to end: metadata, method and algorithm, registration, keys, clock, a real token request'
            cand completions 'Print a shell completion script'
            cand agent 'Keep keystores unlocked in memory and sign for other pkjwt commands (like ssh-agent)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;help;keygen'= {
        }
        &'pkjwt;help;keys'= {
            cand list 'List the keys: kid, algorithm, type and size, certificate, thumbprint'
            cand import 'Import a key from another PKCS#12 file or a PEM/DER private key'
            cand remove 'Remove a key from the keystore'
            cand cert 'Print a key''s certificate (PEM, or DER with --der)'
        }
        &'pkjwt;help;keys;list'= {
        }
        &'pkjwt;help;keys;import'= {
        }
        &'pkjwt;help;keys;remove'= {
        }
        &'pkjwt;help;keys;cert'= {
        }
        &'pkjwt;help;jwks'= {
        }
        &'pkjwt;help;discover'= {
        }
        &'pkjwt;help;register'= {
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
        &'pkjwt;help;inspect'= {
        }
        &'pkjwt;help;doctor'= {
        }
        &'pkjwt;help;completions'= {
        }
        &'pkjwt;help;agent'= {
            cand start 'Unlock keystores and start the agent in the background; prints shell `export` lines'
            cand stop 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines), or show what it holds'
            cand status 'Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines), or show what it holds'
        }
        &'pkjwt;help;agent;start'= {
        }
        &'pkjwt;help;agent;stop'= {
        }
        &'pkjwt;help;agent;status'= {
        }
        &'pkjwt;help;help'= {
        }
    ]
    $completions[$command]
}
