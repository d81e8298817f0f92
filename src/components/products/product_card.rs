//! One registered product: its name from the catalog, serial number and
//! purchase date, the warranty chip computed on this device for today, its
//! service history (each request's number, type and status), and "Request
//! service", which opens a fault report prefilled with the product.

use aftercare_core::{RegisteredProduct, ServiceCatalog, ServiceVisit};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::request::labels::{type_label, CatalogSignal};
use crate::components::request::status_chip::StatusChip;
use crate::components::warranty_chip::{format_day, today, WarrantyChip};
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::local_time::format_date;

/// The new-request form's address for a fault report about `product`.
pub fn request_service_href(product: &RegisteredProduct) -> String {
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    format!(
        "/requests/new?type=fault_report&product_model={}&serial_number={}&purchase_date={}",
        encode(&product.model),
        encode(&product.serial_number),
        product.purchase_date,
    )
}

/// The product's name in `locale`, or its model when the catalog does not
/// list it (any more).
pub fn product_name(
    catalog: Option<&ServiceCatalog>,
    model: &str,
    locale: aftercare_core::Locale,
) -> String {
    catalog
        .and_then(|c| c.product(model))
        .map(|p| p.name.get(locale).to_string())
        .unwrap_or_else(|| model.to_string())
}

/// The card.
#[component]
pub fn ProductCard(
    /// The product.
    product: RegisteredProduct,
    /// The catalog (names, warranty months), once known.
    catalog: CatalogSignal,
) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let heading_id = format!("product-{}", product.id);
    let model = product.model.clone();
    let name = move || product_name(catalog.read().as_ref(), &model, choice.get());
    let (model, bought, from_server) = (
        product.model.clone(),
        product.purchase_date,
        product.warranty,
    );
    // Today's status on this device; the backend's while the catalog is
    // not known yet.
    let warranty = move || match (catalog.read().as_ref(), today()) {
        (Some(c), Some(today)) => c.warranty(&model, bought, today),
        _ => from_server,
    };
    let href = request_service_href(&product);
    let serial = product.serial_number.clone();
    let history = product.history.clone();
    view! {
        <li class="card product" aria-labelledby=heading_id.clone()>
            <h2 class="card__title" id=heading_id.clone()>{name}</h2>
            <dl class="facts">
                <div class="facts__item">
                    <dt>{t!(i18n, products_serial_label)}</dt>
                    <dd>{serial}</dd>
                </div>
                <div class="facts__item">
                    <dt>{t!(i18n, products_date_label)}</dt>
                    <dd>{move || format_day(bought, choice.get())}</dd>
                </div>
            </dl>
            <p class="warranty product__warranty">{move || view! { <WarrantyChip status=warranty() /> }}</p>
            <ServiceHistory visits=history catalog />
            <div class="actions__buttons">
                <A href=href attr:class="button">{t!(i18n, products_request_service)}</A>
            </div>
        </li>
    }
}

/// The requests about the product, newest first.
#[component]
fn ServiceHistory(visits: Vec<ServiceVisit>, catalog: CatalogSignal) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    if visits.is_empty() {
        return view! { <p class="muted">{t!(i18n, products_history_empty)}</p> }.into_any();
    }
    view! {
        <h3 class="product__subtitle">{t!(i18n, products_history_title)}</h3>
        <ul class="request-list product__history">
            {visits.into_iter().map(|visit| {
                let type_key = visit.request_type.clone();
                let type_name = move || type_label(catalog.read().as_ref(), &type_key, choice.get());
                let created = visit.created_at.clone();
                let when = move || format_date(&created, choice.get());
                view! {
                    <li class="request-row__top">
                        <span class="product__visit">
                            <A href=format!("/requests/{}", visit.number) attr:class="request-row__link">
                                <span class="request-row__number">{visit.number.clone()}</span>
                                " "
                                <span class="request-row__type">{type_name}</span>
                            </A>
                            <span class="request-row__meta">{when}</span>
                        </span>
                        <StatusChip status=Signal::stored(Some(visit.status)) />
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
