//! Runs a test command while echoing its output, and counts the passed and
//! failed tests it reports (cargo test, wasm-bindgen-test and Playwright).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::Result;

/// How many tests passed and failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Runs `command`, echoing its standard output line by line, and returns the
/// tests it counted. A command that fails without reporting a failed test
/// (a build error, a crash) counts as one failure.
pub fn run_counting(command: &mut Command) -> Result<Counts> {
    let mut child = command.stdout(Stdio::piped()).spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut counts = Counts::default();
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        println!("{line}");
        counts += parse_line(&line);
    }
    let status = child.wait()?;
    if !status.success() && counts.failed == 0 {
        counts.failed = 1;
    }
    Ok(counts)
}

/// The counts one line of test output reports, if any.
pub fn parse_line(line: &str) -> Counts {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result: ") {
        // cargo test and wasm-bindgen-test: "ok. 3 passed; 1 failed; ...".
        return Counts {
            passed: number_before(rest, " passed"),
            failed: number_before(rest, " failed"),
        };
    }
    // Playwright's summary: "3 passed (2.1s)", "1 failed", "1 flaky".
    let mut words = line.split_whitespace();
    if let (Some(n), Some(word)) = (words.next(), words.next()) {
        if let Ok(n) = n.parse::<u64>() {
            match word {
                "passed" => {
                    return Counts {
                        passed: n,
                        failed: 0,
                    }
                }
                "failed" | "flaky" => {
                    return Counts {
                        passed: 0,
                        failed: n,
                    }
                }
                _ => {}
            }
        }
    }
    Counts::default()
}

fn number_before(text: &str, marker: &str) -> u64 {
    text.find(marker)
        .and_then(|end| {
            let start = text[..end]
                .rfind(|c: char| !c.is_ascii_digit())
                .map_or(0, |i| i + 1);
            text[start..end].parse().ok()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_test_summaries() {
        let counts = parse_line(
            "test result: FAILED. 12 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out",
        );
        assert_eq!(
            counts,
            Counts {
                passed: 12,
                failed: 3
            }
        );
    }

    #[test]
    fn reads_playwright_summaries() {
        assert_eq!(
            parse_line("  5 passed (3.2s)"),
            Counts {
                passed: 5,
                failed: 0
            }
        );
        assert_eq!(
            parse_line("  2 failed"),
            Counts {
                passed: 0,
                failed: 2
            }
        );
        assert_eq!(parse_line("  1 skipped"), Counts::default());
    }

    #[test]
    fn ignores_other_lines() {
        assert_eq!(parse_line("running 3 tests"), Counts::default());
        assert_eq!(
            parse_line("test adapter::tests::x ... ok"),
            Counts::default()
        );
    }
}
