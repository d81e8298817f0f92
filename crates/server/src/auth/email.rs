//! Email addresses as customers are known by them: trimmed, lower-cased, and
//! checked to be something a mail relay will accept, so that `Ana@Example.com`
//! and `ana@example.com ` are the same customer.

/// The longest address SMTP allows (RFC 5321's path limit less the brackets).
pub const MAX_LEN: usize = 254;

/// The address in the form it is stored in, or why it is not one.
pub fn normalize(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err("an email address is required");
    }
    if email.len() > MAX_LEN {
        return Err("the email address is too long");
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("an email address has no spaces");
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err("an email address has an @");
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if local.is_empty() || !domain_ok {
        return Err("the email address is incomplete");
    }
    // The relay must accept it too, or the code could never be sent.
    if email.parse::<lettre::Address>().is_err() {
        return Err("the email address is not valid");
    }
    Ok(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        assert_eq!(
            normalize("  Ana.Li@Example.COM ").unwrap(),
            "ana.li@example.com"
        );
        assert_eq!(normalize("王@例子.中国").unwrap(), "王@例子.中国");
    }

    #[test]
    fn things_that_are_not_addresses_are_refused() {
        for bad in [
            "",
            "   ",
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "ana@.example.com",
            "ana@example..com",
            "ana li@example.com",
            "ana@example.com\r\nBcc: x@y.z",
            "a<b>@example.com",
        ] {
            assert!(normalize(bad).is_err(), "accepted {bad:?}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(normalize(&long).is_err());
    }
}
