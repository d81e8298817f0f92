//! The customer's registered products (客户档案): what they send to register
//! one, the rules it must keep, and what the backend keeps of it — with its
//! warranty status (from [`crate::warranty`]) and its service history.

use serde::{Deserialize, Serialize};

use crate::catalog::ServiceCatalog;
use crate::forms::{codes, FieldError};
use crate::lifecycle::RequestStatus;
use crate::time::{Date, Timestamp};
use crate::warranty::WarrantyStatus;

/// The stable `code`s of product errors beyond the form codes.
pub mod product_codes {
    /// A model the catalog does not list.
    pub const UNKNOWN_MODEL: &str = "unknown_model";
    /// A purchase date after today.
    pub const IN_THE_FUTURE: &str = "in_the_future";
    /// The customer already registered this model and serial number.
    pub const ALREADY_REGISTERED: &str = "already_registered";
}

/// The longest serial number accepted.
pub const SERIAL_MAX_CHARS: usize = 64;

/// What a customer sends to register a product (`POST /products`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewProduct {
    /// A model from the catalog, such as `BW-500`.
    pub model: String,
    /// The serial number on the nameplate.
    pub serial_number: String,
    /// The day it was bought.
    pub purchase_date: Date,
    /// The id of an uploaded file proving the purchase (a receipt or
    /// invoice), if the customer has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_of_purchase: Option<String>,
}

impl NewProduct {
    /// Every rule the registration breaks, at `/model`, `/serial_number`
    /// and `/purchase_date`: a model the catalog does not list, an empty
    /// or malformed serial number (letters, digits, `-`, `/`, `.` and
    /// spaces, at most [`SERIAL_MAX_CHARS`]), a purchase after `today`.
    pub fn check(&self, catalog: &ServiceCatalog, today: Date) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.model.trim().is_empty() {
            errors.push(error("model", codes::REQUIRED, "choose the model"));
        } else if catalog.product(&self.model).is_none() {
            errors.push(error(
                "model",
                product_codes::UNKNOWN_MODEL,
                "the catalog has no such model",
            ));
        }
        let serial = self.serial_number.trim();
        if serial.is_empty() {
            errors.push(error(
                "serial_number",
                codes::REQUIRED,
                "type the serial number",
            ));
        } else if serial.chars().count() > SERIAL_MAX_CHARS {
            errors.push(error(
                "serial_number",
                codes::TOO_LONG,
                "at most 64 characters",
            ));
        } else if !serial
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | ' '))
        {
            errors.push(error(
                "serial_number",
                codes::INVALID_SERIAL,
                "letters, digits, '-', '/' and '.' only",
            ));
        }
        if self.purchase_date > today {
            errors.push(error(
                "purchase_date",
                product_codes::IN_THE_FUTURE,
                "the purchase date is after today",
            ));
        }
        errors
    }

    /// The same registration as the backend stores it: the model as the
    /// catalog spells it and the serial number trimmed and upper-cased.
    pub fn normalized(&self, catalog: &ServiceCatalog) -> NewProduct {
        NewProduct {
            model: catalog
                .product(&self.model)
                .map(|p| p.model.clone())
                .unwrap_or_else(|| self.model.trim().to_string()),
            serial_number: self.serial_number.trim().to_uppercase(),
            purchase_date: self.purchase_date,
            proof_of_purchase: self.proof_of_purchase.clone(),
        }
    }
}

fn error(field: &str, code: &str, detail: &str) -> FieldError {
    FieldError {
        pointer: format!("/{field}"),
        code: code.to_string(),
        detail: detail.to_string(),
    }
}

/// A service request about a registered product, as its history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceVisit {
    pub number: String,
    #[serde(rename = "type")]
    pub request_type: String,
    pub status: RequestStatus,
    pub created_at: String,
    pub updated_at: String,
}

/// A registered product, as `GET /products` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredProduct {
    pub id: String,
    pub model: String,
    pub serial_number: String,
    pub purchase_date: Date,
    /// The id of the proof of purchase, if one was attached.
    #[serde(default)]
    pub proof_of_purchase: Option<String>,
    pub registered_at: Timestamp,
    /// The warranty on the backend's today; the portal recomputes it with
    /// the device's date (see [`ServiceCatalog::warranty`]). `None` when
    /// the catalog no longer lists the model.
    #[serde(default)]
    pub warranty: Option<WarrantyStatus>,
    /// The customer's requests naming this serial number, newest first.
    #[serde(default)]
    pub history: Vec<ServiceVisit>,
}

/// The answer to `GET /products`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductList {
    pub items: Vec<RegisteredProduct>,
}

#[cfg(test)]
mod tests;
