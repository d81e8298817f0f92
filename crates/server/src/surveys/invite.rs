//! The survey link of a resolution mail: `{public_url}/survey#token=TOKEN`.
//! The token rides in the fragment, which browsers never send to a server
//! (nor write to its logs), and it is a survey token, never the request's
//! access key: a forwarded mail opens the survey and nothing more.

use aftercare_core::ServiceCatalog;
use time::OffsetDateTime;

use crate::auth::secret::Pepper;
use crate::auth::survey_token;

/// What a mail needs to carry a survey link.
#[derive(Debug, Clone, Copy)]
pub struct SurveyInvite<'a> {
    pub pepper: &'a Pepper,
    /// The portal's address as customers reach it, such as
    /// `https://service.example.com` (`[server] public_url`).
    pub public_url: &'a str,
    /// When the link is made; it works for
    /// [`survey_token::LIFETIME`] from then.
    pub now: OffsetDateTime,
}

impl<'a> SurveyInvite<'a> {
    /// An invite, if `catalog` has a survey to invite to.
    pub fn when_surveyed(
        catalog: &ServiceCatalog,
        pepper: &'a Pepper,
        public_url: &'a str,
        now: OffsetDateTime,
    ) -> Option<Self> {
        catalog.survey.as_ref().map(|_| SurveyInvite {
            pepper,
            public_url,
            now,
        })
    }

    /// The link to the survey of request `number`.
    pub fn link(&self, number: &str) -> String {
        let token = survey_token::issue(self.pepper, number, self.now);
        format!(
            "{}/survey#token={token}",
            self.public_url.trim_end_matches('/')
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_carries_a_token_in_its_fragment_only() {
        let pepper = Pepper::random();
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let invite = SurveyInvite {
            pepper: &pepper,
            public_url: "https://service.example.com/",
            now,
        };
        let link = invite.link("AC-7K3F-92");
        let token = link
            .strip_prefix("https://service.example.com/survey#token=")
            .unwrap_or_else(|| panic!("{link}"));
        assert_eq!(
            survey_token::verify(&pepper, token, now).unwrap(),
            "AC-7K3F-92"
        );
    }
}
