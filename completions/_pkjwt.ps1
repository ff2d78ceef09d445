
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
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;keygen' {
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm: ES256 (EC P-256) or RS256/PS256 (RSA)')
            [CompletionResult]::new('--rsa-bits', '--rsa-bits', [CompletionResultType]::ParameterName, 'RSA key size for RS256 and PS256: 2048, 3072 or 4096')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID [default: the RFC 7638 thumbprint of the public key]')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Certificate subject: a name (becomes CN=NAME) or a DN such as CN=app,O=Example [default: CN=<kid>]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Certificate validity in days')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
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
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;keys;list' {
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;keys;import' {
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The file to import: PKCS#12 (.p12/.pfx), PEM or PKCS#8 DER')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A certificate (PEM or DER) for the imported key')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID for the imported key [default: the source''s name for it, else the RFC 7638 thumbprint]')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm to record for the key [default: the source''s, else RS256 for RSA and ES256 for EC]')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject of the self-signed certificate made for a key without one [default: CN=<kid>]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Validity in days of a certificate made for a key without one')
            [CompletionResult]::new('--from-password-file', '--from-password-file', [CompletionResultType]::ParameterName, 'Read the password of the --from file from the first line of FILE')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--from-password-stdin', '--from-password-stdin', [CompletionResultType]::ParameterName, 'Read the password of the --from file from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;keys;remove' {
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key to remove')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file''s own count when higher]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'pkjwt;keys;cert' {
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The key whose certificate to print [default: the only key]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--der', '--der', [CompletionResultType]::ParameterName, 'DER instead of PEM')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pkjwt;keys;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: kid, algorithm, type and size, certificate, thumbprint')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a key from another PKCS#12 file or a PEM/DER private key')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a key from the keystore')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Print a key''s certificate (PEM, or DER with --der)')
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
        'pkjwt;keys;help;help' {
            break
        }
        'pkjwt;jwks' {
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--keystore', '--keystore', [CompletionResultType]::ParameterName, 'The PKCS#12 keystore file (.p12)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of FILE')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Only this key (repeat for more) [default: every key]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the JWKS to FILE (replaced atomically) instead of stdout')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the JWKS to FILE (replaced atomically) instead of stdout')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory for pkjwt''s configuration [default: the platform''s config dir, e.g. ~/.config/pkjwt]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the keystore password from the first line of standard input')
            [CompletionResult]::new('--x5c', '--x5c', [CompletionResultType]::ParameterName, 'Add each key''s certificate chain (x5c) and x5t#S256')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (stable field names)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
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
        'pkjwt;help' {
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a key pair and self-signed certificate into a PKCS#12 keystore')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Manage the keys in a keystore')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the public JWKS of the keystore''s keys')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pkjwt;help;keygen' {
            break
        }
        'pkjwt;help;keys' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: kid, algorithm, type and size, certificate, thumbprint')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a key from another PKCS#12 file or a PEM/DER private key')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a key from the keystore')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Print a key''s certificate (PEM, or DER with --der)')
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
        'pkjwt;help;jwks' {
            break
        }
        'pkjwt;help;completions' {
            break
        }
        'pkjwt;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
