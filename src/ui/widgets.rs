//! Small form controls shared by the screens. Uncontrolled: the browser owns the value
//! while the user types (IME composition is never disturbed); changes flow out through
//! the callback only.

use leptos::prelude::*;

/// A field's hint paragraph, and the id to put in the control's `aria-describedby`
/// (both `None` without a hint).
fn hint_for(id: &str, hint: &'static str) -> (Option<impl IntoView>, Option<String>) {
    if hint.is_empty() {
        return (None, None);
    }
    let hint_id = format!("{id}-hint");
    (Some(view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> }), Some(hint_id))
}

/// A labelled multi-line text field.
#[component]
pub fn AutoTextarea(
    id: String,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    value: String,
    on_input: impl Fn(String) + 'static,
) -> impl IntoView {
    text_area(id, label, hint, value, Box::new(on_input))
}

/// What an input callback becomes: one type, so each field kind is compiled once.
pub type OnInput = Box<dyn Fn(String)>;

/// [`AutoTextarea`] without generics (its body, compiled once for all call sites).
pub fn text_area(id: String, label: &'static str, hint: &'static str, value: String, on_input: OnInput) -> AnyView {
    let (hint, described_by) = hint_for(&id, hint);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint}
            <textarea id=id class="textarea" rows="2"
                aria-describedby=described_by
                on:input=move |ev| on_input(event_target_value(&ev))>{value}</textarea>
        </div>
    }
    .into_any()
}

/// A checkbox with its label after it.
pub fn checkbox(id: String, label: &'static str, checked: bool, on_change: Box<dyn Fn(bool)>) -> AnyView {
    view! {
        <div class="checkbox">
            <input id=id.clone() type="checkbox" checked=checked
                on:change=move |ev| on_change(event_target_checked(&ev))/>
            <label for=id>{label}</label>
        </div>
    }
    .into_any()
}

/// A labelled single-line text field (`short`: the narrow width; `list`: the id of a
/// `<datalist>` of suggestions).
pub fn text_input(
    id: String,
    label: &'static str,
    hint: &'static str,
    value: String,
    short: bool,
    list: &'static str,
    on_input: OnInput,
) -> AnyView {
    let (hint, described_by) = hint_for(&id, hint);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint}
            <input id=id type="text" class="input" class:input--short=short autocomplete="off" value=value
                list=(!list.is_empty()).then_some(list)
                aria-describedby=described_by
                on:input=move |ev| on_input(event_target_value(&ev))/>
        </div>
    }
    .into_any()
}

/// The current value of the text field, text area or select with this id (forms read on
/// submit rather than on every keystroke); empty when there is none.
pub fn value_of(id: &str) -> String {
    use wasm_bindgen::JsCast;
    let Some(el) = document().get_element_by_id(id) else { return String::new() };
    if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.value()
    } else if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

/// One line of an error summary: a link that moves focus to the field it is about (the
/// control itself, not just a scroll to its anchor).
pub fn error_link(target: String, message: String) -> AnyView {
    let href = format!("#{target}");
    view! { <li><a href=href on:click=move |ev| { ev.prevent_default(); focus_by_id(&target); }>{message}</a></li> }.into_any()
}

/// Moves keyboard focus to the element with this id, if it is there.
pub fn focus_by_id(element_id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(element_id) {
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Moves focus to `el` and brings it into view near the top of the window (below
/// `scroll-padding-top`), with its label or group when that fits. The position is checked
/// again each frame until it holds: needs further down are laid out only once on screen
/// (`content-visibility: auto`) and text areas grow to their text, so a single scroll can
/// land short of the field or leave it on the bottom edge.
pub fn focus_in_view(el: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
    settle_in_view(el.clone(), 0, f64::NAN, 0);
}

fn settle_in_view(el: web_sys::HtmlElement, frame: u32, last_top: f64, still: u32) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    options.set_behavior(web_sys::ScrollBehavior::Instant);
    shown_part(&el).scroll_into_view_with_scroll_into_view_options(&options);
    let top = el.get_bounding_client_rect().top();
    let still = if (top - last_top).abs() < 1.0 { still + 1 } else { 0 };
    // Stop once it has held for a few frames, or when the user has moved on.
    let element: &web_sys::Element = &el;
    let focused = document().active_element().is_some_and(|a| a == *element);
    if still < 3 && frame < 60 && focused {
        request_animation_frame(move || settle_in_view(el, frame + 1, top, still));
    }
}

/// What to bring into view for a field: its fieldset or its field (label, hint and control)
/// when that fits in most of the window, else the element alone.
fn shown_part(el: &web_sys::HtmlElement) -> web_sys::Element {
    let height = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(600.0);
    let bottom = el.get_bounding_client_rect().bottom();
    ["fieldset", ".field, .checkbox"]
        .into_iter()
        .filter_map(|group| el.closest(group).ok().flatten())
        .find(|g| bottom - g.get_bounding_client_rect().top() <= height * 0.7)
        .unwrap_or_else(|| (**el).clone())
}

/// Moves keyboard focus to an element once the next frame has rendered it.
pub fn focus_later(element_id: String) {
    request_animation_frame(move || focus_by_id(&element_id));
}

/// A keyed list (Leptos `For`) compiled once per item type for the whole app.
///
/// `For` is generic over its closures, so every `<For>` in the code base is a fresh copy of
/// its diffing code in the wasm (4–8 KB each). Boxing the closures here makes all lists of
/// the same item type share one copy. Rows are kept, moved or re-created by `u64` key.
pub fn keyed<T: Clone + Send + Sync + 'static>(
    each: impl Fn() -> Vec<(u64, T)> + Send + Sync + 'static,
    child: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    keyed_boxed(std::sync::Arc::new(each), std::sync::Arc::new(child))
}

type Each<T> = std::sync::Arc<dyn Fn() -> Vec<(u64, T)> + Send + Sync>;
type Child<T> = std::sync::Arc<dyn Fn(T) -> AnyView + Send + Sync>;

fn keyed_boxed<T: Clone + Send + Sync + 'static>(each: Each<T>, child: Child<T>) -> AnyView {
    view! {
        <For each=move || each() key=|(k, _)| *k children=move |(_, item)| child(item)/>
    }
    .into_any()
}
