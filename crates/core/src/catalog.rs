//! The service catalog the backend publishes with the portal configuration
//! (`GET /api/v1/portal`): which kinds of request a customer can open and the
//! form of each, the severities and their service-level targets, what may be
//! uploaded, the department's business hours, and the product models it
//! services with their warranties. None of it is built into the portal;
//! [`ServiceCatalog::check`] says whether a catalog is usable.

use serde::{Deserialize, Serialize};

use crate::calendar::BusinessCalendar;
use crate::forms::{FieldDef, FieldKind};
use crate::portal::LocalizedText;
use crate::survey::SurveyDefinition;
use crate::time::Date;
use crate::warranty::{warranty_status, WarrantyStatus};

/// Everything the portal needs to offer service requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceCatalog {
    /// The kinds of request, in the order the portal offers them.
    pub request_types: Vec<RequestTypeDef>,
    /// Most severe first is customary, but `level` decides.
    pub severities: Vec<SeverityDef>,
    /// What attachments may be.
    pub uploads: UploadLimits,
    /// Shown beside every request form.
    pub privacy_notice: LocalizedText,
    /// The business hours that targets marked `business_hours_only` count.
    #[serde(default)]
    pub business_hours: Option<BusinessCalendar>,
    /// Whether service-level clocks stop while the department waits on the
    /// customer.
    #[serde(default)]
    pub pause_while_waiting: bool,
    /// The product models the department services, each with its warranty,
    /// so that a form's product, serial number and purchase date can show
    /// whether the product is still covered.
    #[serde(default)]
    pub products: Vec<ProductModel>,
    /// The satisfaction survey offered once a request is resolved; none
    /// when the department does not survey.
    #[serde(default)]
    pub survey: Option<SurveyDefinition>,
}

/// A product model and the length of its warranty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductModel {
    /// The model number on the nameplate, such as `BW-500`; customers may
    /// type it in any case.
    pub model: String,
    /// The product's name, as the customer reads it.
    pub name: LocalizedText,
    /// How long the warranty runs from the purchase date; 0 is no cover.
    pub warranty_months: u32,
}

/// A kind of request (fault report, return, complaint ...) and its form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestTypeDef {
    /// The stable key requests carry, such as `fault_report`.
    pub key: String,
    /// The type's name, as the customer reads it.
    pub label: LocalizedText,
    /// What the type is for, shown when the customer picks one.
    pub description: LocalizedText,
    /// The form, in the order it is shown; conditions look only backwards.
    pub fields: Vec<FieldDef>,
    /// Whether requests of this type go to supervisors rather than the
    /// service team (true for complaints).
    #[serde(default)]
    pub supervisor_queue: bool,
}

/// How urgent a request is, and what the department promises for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityDef {
    /// The stable key requests carry, such as `critical`.
    pub key: String,
    /// 1 is the most severe.
    pub level: u8,
    /// The level's name, as the customer reads it.
    pub label: LocalizedText,
    /// When to choose this level, in the customer's words.
    pub description: LocalizedText,
    /// What the department promises at this level.
    pub targets: ServiceTargets,
}

/// The service-level targets of a severity, in minutes from when the request
/// reaches the department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceTargets {
    /// Until someone from the department takes the request up.
    pub first_response_minutes: u32,
    /// `None` when the level promises no visit.
    #[serde(default)]
    pub on_site_minutes: Option<u32>,
    /// Until the request is resolved.
    pub resolve_minutes: u32,
    /// Whether the minutes are business minutes of the catalog's
    /// `business_hours`; otherwise they run around the clock.
    #[serde(default)]
    pub business_hours_only: bool,
}

/// What a customer may attach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLimits {
    /// The largest file, in bytes.
    pub max_bytes: u64,
    /// Accepted media types, such as `image/jpeg`.
    pub allowed_types: Vec<String>,
    /// Photos are scaled down on the device until neither side is longer.
    pub image_max_edge_px: u32,
}

impl UploadLimits {
    /// Whether a file of `content_type` (parameters ignored, any case) and
    /// `bytes` size may be uploaded.
    pub fn accepts(&self, content_type: &str, bytes: u64) -> bool {
        let essence = content_type.split(';').next().unwrap_or("").trim();
        bytes <= self.max_bytes
            && self
                .allowed_types
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(essence))
    }
}

impl ServiceCatalog {
    /// The request type with `key`.
    pub fn request_type(&self, key: &str) -> Option<&RequestTypeDef> {
        self.request_types.iter().find(|t| t.key == key)
    }

    /// The severity with `key`.
    pub fn severity(&self, key: &str) -> Option<&SeverityDef> {
        self.severities.iter().find(|s| s.key == key)
    }

    /// The product model `model` names, ignoring case and surrounding
    /// spaces, as a customer may type it.
    pub fn product(&self, model: &str) -> Option<&ProductModel> {
        let model = model.trim();
        self.products
            .iter()
            .find(|p| p.model.eq_ignore_ascii_case(model))
    }

    /// The warranty status on `today` of a product of `model` bought on
    /// `purchase`, or `None` when the catalog does not know the model.
    pub fn warranty(&self, model: &str, purchase: Date, today: Date) -> Option<WarrantyStatus> {
        self.product(model)
            .map(|p| warranty_status(purchase, p.warranty_months, today))
    }

    /// The calendar `targets` are counted in: the business hours for targets
    /// marked `business_hours_only`, otherwise none (around the clock).
    pub fn calendar_for(&self, targets: &ServiceTargets) -> Option<&BusinessCalendar> {
        self.business_hours
            .as_ref()
            .filter(|_| targets.business_hours_only)
    }

    /// Checks the rules the portal relies on, naming the first one broken:
    /// well-formed unique keys, every text in each of `locales`, valid forms
    /// (see [`check_fields`]), severity levels 1 to n once each, sensible
    /// targets, upload limits, business hours, and product models that are
    /// unique (ignoring case) and named in each of `locales`.
    pub fn check(&self, locales: &[&str]) -> Result<(), String> {
        if self.request_types.is_empty() {
            return Err("request_types is empty".into());
        }
        for (index, kind) in self.request_types.iter().enumerate() {
            let at = format!("request type {:?}", kind.key);
            check_key(&kind.key, &at)?;
            if self.request_types[..index]
                .iter()
                .any(|t| t.key == kind.key)
            {
                return Err(format!("{at} appears twice"));
            }
            check_text(&kind.label, locales, &format!("{at} label"))?;
            check_text(&kind.description, locales, &format!("{at} description"))?;
            check_fields(&kind.fields, locales).map_err(|e| format!("{at}: {e}"))?;
        }
        let mut levels: Vec<u8> = self.severities.iter().map(|s| s.level).collect();
        levels.sort_unstable();
        if levels.is_empty() || !levels.iter().zip(1..).all(|(&level, want)| level == want) {
            return Err(format!(
                "severity levels must be 1 to n once each, not {levels:?}"
            ));
        }
        for (index, severity) in self.severities.iter().enumerate() {
            let at = format!("severity {:?}", severity.key);
            check_key(&severity.key, &at)?;
            if self.severities[..index]
                .iter()
                .any(|s| s.key == severity.key)
            {
                return Err(format!("{at} appears twice"));
            }
            check_text(&severity.label, locales, &format!("{at} label"))?;
            check_text(&severity.description, locales, &format!("{at} description"))?;
            let t = severity.targets;
            if t.first_response_minutes == 0
                || t.resolve_minutes < t.first_response_minutes
                || t.on_site_minutes == Some(0)
            {
                return Err(format!(
                    "{at}: targets must be positive and first response no later than resolution"
                ));
            }
            if t.business_hours_only && self.business_hours.is_none() {
                return Err(format!("{at} counts business hours, but there are none"));
            }
        }
        let uploads = &self.uploads;
        if uploads.max_bytes == 0 || uploads.image_max_edge_px == 0 {
            return Err("uploads: max_bytes and image_max_edge_px must be positive".into());
        }
        if uploads.allowed_types.is_empty()
            || !uploads.allowed_types.iter().all(|t| is_media_type(t))
        {
            return Err("uploads: allowed_types must list media types such as image/jpeg".into());
        }
        check_text(&self.privacy_notice, locales, "privacy_notice")?;
        if let Some(calendar) = &self.business_hours {
            calendar
                .check()
                .map_err(|e| format!("business_hours: {e}"))?;
        }
        for (index, product) in self.products.iter().enumerate() {
            let at = format!("product {:?}", product.model);
            let model = product.model.as_str();
            if model.is_empty() || model.trim() != model || model.chars().count() > 40 {
                return Err(format!(
                    "{at}: models are 1 to 40 characters without surrounding spaces"
                ));
            }
            if self.products[..index]
                .iter()
                .any(|p| p.model.eq_ignore_ascii_case(model))
            {
                return Err(format!("{at} appears twice"));
            }
            check_text(&product.name, locales, &format!("{at} name"))?;
        }
        if let Some(survey) = &self.survey {
            survey.check_definition(locales)?;
        }
        Ok(())
    }
}

/// Checks one form's definitions, naming the first rule broken: unique
/// well-formed keys, labels in each of `locales`, options (with unique values)
/// exactly on `select` and `multiselect` fields, and conditions that look at
/// an earlier field and expect one of its options (or `true`/`false` of a
/// checkbox).
pub fn check_fields(fields: &[FieldDef], locales: &[&str]) -> Result<(), String> {
    for (index, field) in fields.iter().enumerate() {
        let at = format!("field {:?}", field.key);
        check_key(&field.key, &at)?;
        let earlier = &fields[..index];
        if earlier.iter().any(|f| f.key == field.key) {
            return Err(format!("{at} appears twice"));
        }
        check_text(&field.label, locales, &format!("{at} label"))?;
        match (&field.options, field.kind.has_options()) {
            (Some(options), true) if !options.is_empty() => {
                for (i, option) in options.iter().enumerate() {
                    check_key(&option.value, &format!("{at} option {:?}", option.value))?;
                    if options[..i].iter().any(|o| o.value == option.value) {
                        return Err(format!("{at} lists option {:?} twice", option.value));
                    }
                    check_text(
                        &option.label,
                        locales,
                        &format!("{at} option {:?}", option.value),
                    )?;
                }
            }
            (_, true) => return Err(format!("{at} needs options")),
            (Some(_), false) => return Err(format!("{at} has options, but its kind takes none")),
            (None, false) => {}
        }
        let Some(condition) = &field.when else {
            continue;
        };
        let Some(target) = earlier.iter().find(|f| f.key == condition.field()) else {
            return Err(format!(
                "{at} depends on {:?}, which is not an earlier field",
                condition.field()
            ));
        };
        let fits = |value: &serde_json::Value| match target.kind {
            FieldKind::Select | FieldKind::Multiselect => {
                value.as_str().is_some_and(|v| target.has_option(v))
            }
            FieldKind::Checkbox => value.is_boolean(),
            _ => !value.is_null(),
        };
        if condition.values().is_empty() || !condition.values().iter().all(fits) {
            return Err(format!(
                "{at} is shown for answers {:?} cannot have",
                condition.field()
            ));
        }
    }
    Ok(())
}

/// Lowercase ASCII letters, digits and underscores, starting with a letter,
/// at most 40 long.
fn check_key(key: &str, at: &str) -> Result<(), String> {
    let ok = key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{at}: keys are lowercase letters, digits and underscores"
        ))
    }
}

fn check_text(text: &LocalizedText, locales: &[&str], at: &str) -> Result<(), String> {
    match locales
        .iter()
        .find(|locale| text.0.get(**locale).is_none_or(|t| t.trim().is_empty()))
    {
        Some(missing) => Err(format!("{at} has no {missing} text")),
        None => Ok(()),
    }
}

fn is_media_type(text: &str) -> bool {
    text.split_once('/').is_some_and(|(kind, sub)| {
        !kind.is_empty() && !sub.is_empty() && !text.contains(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests;
