
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
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pkjwt;keygen'= {
            cand -k 'The PKCS#12 keystore file (.p12)'
            cand --keystore 'The PKCS#12 keystore file (.p12)'
            cand --password-file 'Read the keystore password from the first line of FILE'
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
            cand -k 'The PKCS#12 keystore file (.p12)'
            cand --keystore 'The PKCS#12 keystore file (.p12)'
            cand --password-file 'Read the keystore password from the first line of FILE'
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
            cand -k 'The PKCS#12 keystore file (.p12)'
            cand --keystore 'The PKCS#12 keystore file (.p12)'
            cand --password-file 'Read the keystore password from the first line of FILE'
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
            cand -k 'The PKCS#12 keystore file (.p12)'
            cand --keystore 'The PKCS#12 keystore file (.p12)'
            cand --password-file 'Read the keystore password from the first line of FILE'
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
            cand -k 'The PKCS#12 keystore file (.p12)'
            cand --keystore 'The PKCS#12 keystore file (.p12)'
            cand --password-file 'Read the keystore password from the first line of FILE'
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
            cand -k 'The PKCS#12 keystore file (.p12)'
            cand --keystore 'The PKCS#12 keystore file (.p12)'
            cand --password-file 'Read the keystore password from the first line of FILE'
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
        &'pkjwt;help'= {
            cand keygen 'Generate a key pair and self-signed certificate into a PKCS#12 keystore'
            cand keys 'Manage the keys in a keystore'
            cand jwks 'Print the public JWKS of the keystore''s keys'
            cand completions 'Print a shell completion script'
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
        &'pkjwt;help;completions'= {
        }
        &'pkjwt;help;help'= {
        }
    ]
    $completions[$command]
}
