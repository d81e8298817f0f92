//! Service request numbers (售后服务编号): short, easy to read out on the
//! phone and to type, such as `AC-7K3F-92`. Six characters from an alphabet
//! without look-alikes (no `0 O 1 I L`, no `U`) give 31^6, about 887 million,
//! numbers; the database's unique constraint decides, and a collision just
//! draws again. A number is not a secret: it opens nothing by itself.

use rand::rngs::OsRng;
use rand::Rng;

/// The characters a number is made of.
pub const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The prefix every number starts with.
pub const PREFIX: &str = "AC-";

/// A new random number, `AC-XXXX-XX`.
pub fn new_number() -> String {
    let mut number = String::with_capacity(10);
    number.push_str(PREFIX);
    for index in 0..6 {
        if index == 4 {
            number.push('-');
        }
        number.push(char::from(ALPHABET[OsRng.gen_range(0..ALPHABET.len())]));
    }
    number
}

/// The number `text` stands for, as a customer may type it: any case,
/// surrounding spaces ignored. `None` when it cannot be a number.
pub fn normalize(text: &str) -> Option<String> {
    let number = text.trim().to_ascii_uppercase();
    let rest = number.strip_prefix(PREFIX)?;
    let (first, second) = rest.split_once('-')?;
    let fits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| ALPHABET.contains(&b));
    (fits(first, 4) && fits(second, 2)).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_unambiguous() {
        for _ in 0..500 {
            let number = new_number();
            assert_eq!(number.len(), 10, "{number}");
            assert_eq!(normalize(&number).as_deref(), Some(number.as_str()));
            assert!(
                !number[3..].contains(['0', 'O', '1', 'I', 'L', 'U']),
                "{number}"
            );
        }
    }

    #[test]
    fn typed_numbers_are_normalized() {
        assert_eq!(normalize(" ac-7k3f-92 ").as_deref(), Some("AC-7K3F-92"));
        for bad in [
            "AC-7K3F92",
            "AC-7K3F-9",
            "AC-0K3F-92",
            "XX-7K3F-92",
            "",
            "AC--",
        ] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }
}
