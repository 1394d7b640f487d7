//! Passphrases on the command line: asked on the terminal without echo, or
//! read one per line from standard input with `--passphrase-stdin` (a
//! script signs in, then gives a new passphrase, in that order). Never
//! taken as an argument, where other users and the shell's history see it.

use std::io::BufRead;

use super::Failure;
use crate::i18n::Say;

pub struct Secrets {
    from_stdin: bool,
}

impl Secrets {
    pub fn new(from_stdin: bool) -> Secrets {
        Secrets { from_stdin }
    }

    /// Whether passphrases come from standard input (`--passphrase-stdin`),
    /// one line each, rather than typed on the terminal.
    pub fn reads_stdin(&self) -> bool {
        self.from_stdin
    }

    /// The next passphrase: the next line of standard input (without its
    /// line end), or typed at `prompt` without echo.
    pub fn read(&self, prompt: &str) -> Result<String, Failure> {
        let line = if self.from_stdin {
            let mut line = String::new();
            match std::io::stdin().lock().read_line(&mut line) {
                Ok(0) | Err(_) => return Err(Failure::Refused(Say::NoPassphrase)),
                Ok(_) => line,
            }
        } else {
            rpassword::prompt_password(prompt).map_err(|_| Failure::Refused(Say::NoPassphrase))?
        };
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
