//! Scaling a photo down in the browser: decode it with `createImageBitmap`,
//! draw it smaller on a canvas, and encode the canvas with `toBlob`.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

use super::plan::fit_within;

/// The encoder quality of scaled JPEG and WebP pictures.
const QUALITY: f64 = 0.85;

/// `picture` encoded as `content_type` so neither side exceeds `max_edge`;
/// `Ok(None)` when it already fits. An error means the browser could not
/// decode or encode it: the caller keeps the original.
pub async fn scale_down(
    picture: &Blob,
    max_edge: u32,
    content_type: &str,
) -> Result<Option<Blob>, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let decoded = JsFuture::from(window.create_image_bitmap_with_blob(picture)?).await?;
    let bitmap: ImageBitmap = decoded.unchecked_into();
    let Some((width, height)) = fit_within(bitmap.width(), bitmap.height(), max_edge) else {
        bitmap.close();
        return Ok(None);
    };
    let canvas: HtmlCanvasElement = window
        .document()
        .ok_or("no document")?
        .create_element("canvas")?
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .unchecked_into();
    context.set_image_smoothing_enabled(true);
    Reflect::set(&context, &"imageSmoothingQuality".into(), &"high".into())?;
    let drawn = context.draw_image_with_image_bitmap_and_dw_and_dh(
        &bitmap,
        0.0,
        0.0,
        f64::from(width),
        f64::from(height),
    );
    bitmap.close();
    drawn?;
    let encoded = to_blob(&canvas, content_type).await;
    // Let go of the canvas's pixels at once rather than at collection.
    canvas.set_width(0);
    canvas.set_height(0);
    encoded.map(Some)
}

/// The canvas encoded as `content_type`; the browser may pick another type
/// when it cannot encode that one (the blob's `type` says which).
async fn to_blob(canvas: &HtmlCanvasElement, content_type: &str) -> Result<Blob, JsValue> {
    let mut failure = None;
    let promise = Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            if blob.is_null() {
                let _ = reject.call1(&JsValue::NULL, &"the picture could not be encoded".into());
            } else {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            }
        });
        failure = canvas
            .to_blob_with_type_and_encoder_options(
                done.unchecked_ref(),
                content_type,
                &JsValue::from_f64(QUALITY),
            )
            .err();
    });
    if let Some(error) = failure {
        return Err(error);
    }
    Ok(JsFuture::from(promise).await?.unchecked_into())
}
