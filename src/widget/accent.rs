//! The host's accent colour in the widget. The colour itself fills buttons
//! and marks (`--ac-accent`), with black or white text on it, whichever
//! reads better (`--ac-on-accent`). Text in the accent colour (links,
//! `--ac-accent-strong`) is the colour darkened (light mode) or lightened
//! (dark mode) until it reads on every surface with a contrast of at least
//! 4.5:1, so that no vendor's colour makes the portal illegible.

/// The surfaces accent text stands on in light mode.
const LIGHT_SURFACES: [u32; 5] = [0xffffff, 0xf4f6f5, 0xeef6f5, 0xdff3ef, 0xfef3f2];
/// The surfaces accent text stands on in dark mode.
const DARK_SURFACES: [u32; 4] = [0x151b1b, 0x0d1212, 0x12302d, 0x263130];
/// The least contrast accent text must have (WCAG AA for body text).
const LEAST_CONTRAST: f64 = 4.5;

/// The accent's custom properties, as `#rrggbb` values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// The host's colour, for fills.
    pub accent: String,
    /// Text on the fill.
    pub on_accent: String,
    /// Accent text in light mode.
    pub strong_light: String,
    /// Accent text in dark mode.
    pub strong_dark: String,
}

impl Palette {
    /// The palette of `accent`, a `#rrggbb` colour.
    pub fn of(accent: &str) -> Option<Palette> {
        let digits = accent
            .strip_prefix('#')
            .filter(|d| d.len() == 6 && d.bytes().all(|b| b.is_ascii_hexdigit()))?;
        let colour = u32::from_str_radix(digits, 16).ok()?;
        let on_accent = if contrast(colour, 0x111111) >= contrast(colour, 0xffffff) {
            0x111111
        } else {
            0xffffff
        };
        Some(Palette {
            accent: hex(colour),
            on_accent: hex(on_accent),
            strong_light: hex(readable(colour, 0x000000, &LIGHT_SURFACES)),
            strong_dark: hex(readable(colour, 0xffffff, &DARK_SURFACES)),
        })
    }
}

/// `colour` mixed towards `towards` in steps of 5 % until it reaches
/// [`LEAST_CONTRAST`] on every one of `surfaces`.
fn readable(colour: u32, towards: u32, surfaces: &[u32]) -> u32 {
    (0..=20)
        .map(|step| mix(colour, towards, f64::from(step) / 20.0))
        .find(|c| surfaces.iter().all(|s| contrast(*c, *s) >= LEAST_CONTRAST))
        .unwrap_or(towards)
}

fn mix(a: u32, b: u32, share_of_b: f64) -> u32 {
    let channel = |shift: u32| {
        let (x, y) = (
            f64::from((a >> shift) & 0xff),
            f64::from((b >> shift) & 0xff),
        );
        ((x + (y - x) * share_of_b).round() as u32) << shift
    };
    channel(16) | channel(8) | channel(0)
}

/// The WCAG contrast ratio of two colours.
pub fn contrast(a: u32, b: u32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(colour: u32) -> f64 {
    let linear = |shift: u32| {
        let v = f64::from((colour >> shift) & 0xff) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(16) + 0.7152 * linear(8) + 0.0722 * linear(0)
}

fn hex(colour: u32) -> String {
    format!("#{colour:06x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(hex: &str) -> u32 {
        u32::from_str_radix(&hex[1..], 16).unwrap()
    }

    #[test]
    fn a_light_accent_gets_dark_text_and_darker_links() {
        let palette = Palette::of("#00aa77").unwrap();
        assert_eq!(palette.accent, "#00aa77");
        assert_eq!(palette.on_accent, "#111111");
        assert!(contrast(value(&palette.on_accent), 0x00aa77) >= 4.5);
        let strong = value(&palette.strong_light);
        assert!(LIGHT_SURFACES.iter().all(|s| contrast(strong, *s) >= 4.5));
        let strong = value(&palette.strong_dark);
        assert!(DARK_SURFACES.iter().all(|s| contrast(strong, *s) >= 4.5));
    }

    #[test]
    fn a_dark_accent_gets_white_text_and_lighter_links_in_dark_mode() {
        let palette = Palette::of("#1e1b4b").unwrap();
        assert_eq!(palette.on_accent, "#ffffff");
        assert_eq!(palette.strong_light, "#1e1b4b");
        let strong = value(&palette.strong_dark);
        assert!(DARK_SURFACES.iter().all(|s| contrast(strong, *s) >= 4.5));
        assert_ne!(palette.strong_dark, "#ffffff");
    }

    #[test]
    fn only_six_digit_colours_are_read() {
        assert_eq!(Palette::of("0a7"), None);
        assert_eq!(Palette::of("#zzzzzz"), None);
        assert_eq!(Palette::of("#0a7"), None);
        assert_eq!(Palette::of("#+0a7a7"), None);
    }
}
