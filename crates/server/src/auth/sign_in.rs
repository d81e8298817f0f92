//! The sign-in flows, each one transaction: sending a code, redeeming it,
//! signing in with a vendor's embed token, and making a staff token. They
//! return what the caller must deliver (a code to mail, a token to hand
//! over); the database keeps only hashes.

use aftercare_core::Locale;
use serde::Serialize;

use super::jwt::EmbedClaims;
use super::secret::{new_code, new_token, token_hash, Pepper};
use super::{StaffRole, CODE_LIFETIME, SESSION_LIFETIME};
use crate::clock::Clock;
use crate::db::customers::{self, Customer};
use crate::db::sign_in_codes::{self, NewCode};
use crate::db::staff::{self, Change, Staff};
use crate::db::{sessions, Db};

/// A code that was stored and must now be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCode {
    pub code: String,
    /// The language to write the mail in.
    pub locale: Locale,
}

/// What a successful sign-in hands the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedIn {
    /// The bearer token; shown once, stored only as a hash.
    pub token: String,
    pub expires_at: String,
    pub customer: Customer,
}

/// Stores a new code for `email` (retiring older ones) and returns it. The
/// mail's language is `requested`, else the known customer's, else
/// `fallback`. Known and unknown addresses are treated alike: an unknown one
/// becomes a customer when its code is redeemed.
pub async fn issue_code(
    db: &Db,
    pepper: &Pepper,
    clock: &Clock,
    email: &str,
    requested: Option<Locale>,
    fallback: Locale,
) -> Result<IssuedCode, sqlx::Error> {
    let mut tx = db.begin_immediate().await?;
    let known = customers::find_by_email(&mut tx, email).await?;
    let locale = requested
        .or_else(|| known.and_then(|c| Locale::from_tag(&c.locale)))
        .unwrap_or(fallback);
    let code = new_code();
    let new = NewCode {
        email,
        code_hash: &pepper.code_hash(email, &code),
        locale: locale.tag(),
        created_at: &clock.stamp(),
        expires_at: &clock.stamp_in(CODE_LIFETIME),
    };
    sign_in_codes::replace(&mut tx, &new).await?;
    tx.commit().await?;
    Ok(IssuedCode { code, locale })
}

/// Spends a try of `email`'s live code on `code`; on a match, signs the
/// customer in (making them if they are new). `None` means the code was
/// wrong, expired, used up or never sent; the try counts in every case.
pub async fn redeem_code(
    db: &Db,
    pepper: &Pepper,
    clock: &Clock,
    email: &str,
    code: &str,
) -> Result<Option<SignedIn>, sqlx::Error> {
    let now = clock.stamp();
    let mut tx = db.begin_immediate().await?;
    let hash = pepper.code_hash(email, code);
    let Some(locale) = sign_in_codes::try_code(&mut tx, email, &hash, &now).await? else {
        tx.commit().await?;
        return Ok(None);
    };
    let customer = customers::find_or_create(&mut tx, email, "", &locale, &now).await?;
    let signed_in = start_session(&mut tx, clock, customer).await?;
    tx.commit().await?;
    Ok(Some(signed_in))
}

/// Signs in the customer an embed token vouches for, by its (normalized)
/// `email`; a new customer gets the token's name and `locale`.
pub async fn sign_in_embedded(
    db: &Db,
    clock: &Clock,
    claims: &EmbedClaims,
    email: &str,
    locale: Locale,
) -> Result<SignedIn, sqlx::Error> {
    let now = clock.stamp();
    let mut tx = db.begin_immediate().await?;
    let name = claims.name.trim();
    let customer = customers::find_or_create(&mut tx, email, name, locale.tag(), &now).await?;
    let signed_in = start_session(&mut tx, clock, customer).await?;
    tx.commit().await?;
    Ok(signed_in)
}

async fn start_session(
    tx: &mut sqlx::AnyConnection,
    clock: &Clock,
    customer: Customer,
) -> Result<SignedIn, sqlx::Error> {
    let token = new_token();
    let expires_at = clock.stamp_in(SESSION_LIFETIME);
    sessions::insert(
        tx,
        &token_hash(&token),
        false,
        &customer.id,
        &clock.stamp(),
        &expires_at,
    )
    .await?;
    Ok(SignedIn {
        token,
        expires_at,
        customer,
    })
}

/// A new bearer token for the staff member `name`, who is made (or given
/// `role`) first if needed.
pub async fn staff_token(
    db: &Db,
    clock: &Clock,
    name: &str,
    role: Option<StaffRole>,
) -> Result<(String, Staff, Change), sqlx::Error> {
    let now = clock.stamp();
    let mut tx = db.begin_immediate().await?;
    let (member, change) = staff::ensure(&mut tx, name, role, &now).await?;
    let token = new_token();
    let expires_at = clock.stamp_in(SESSION_LIFETIME);
    sessions::insert(
        &mut tx,
        &token_hash(&token),
        true,
        &member.id,
        &now,
        &expires_at,
    )
    .await?;
    tx.commit().await?;
    Ok((token, member, change))
}
