//! Saving text the app made (CSV, JSON) as a file download, without a server round trip.

use wasm_bindgen::JsCast;

/// Offers `content` as a download named `filename`. Returns a message when the browser refuses.
pub fn save_text(filename: &str, mime: &str, content: &str) -> Result<(), String> {
    let fail = |what: &str| format!("Could not save {filename}: {what}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail("no Blob"))?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("no object URL"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("no link"))?
        .dyn_into()
        .map_err(|_| fail("no link"))?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // The click has started the download synchronously; the URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
