//! Small form controls shared by the screens. Uncontrolled: the browser owns the value
//! while the user types (IME composition is never disturbed); changes flow out through
//! the callback only.

use leptos::prelude::*;

/// A labelled multi-line text field.
#[component]
pub fn AutoTextarea(
    id: String,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    value: String,
    on_input: impl Fn(String) + 'static,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let has_hint = !hint.is_empty();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {has_hint.then(|| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            <textarea id=id class="textarea" rows="2"
                aria-describedby=has_hint.then_some(hint_id)
                on:input=move |ev| on_input(event_target_value(&ev))>{value}</textarea>
        </div>
    }
}

/// A checkbox with its label after it.
#[component]
pub fn Checkbox(id: String, label: &'static str, checked: bool, on_change: impl Fn(bool) + 'static) -> impl IntoView {
    view! {
        <div class="checkbox">
            <input id=id.clone() type="checkbox" checked=checked
                on:change=move |ev| on_change(event_target_checked(&ev))/>
            <label for=id>{label}</label>
        </div>
    }
}

/// A labelled single-line text field.
#[component]
pub fn TextInput(
    id: String,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    value: String,
    #[prop(optional)] short: bool,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)] list: &'static str,
    on_input: impl Fn(String) + 'static,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let has_hint = !hint.is_empty();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {has_hint.then(|| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            <input id=id type="text" class="input" class:input--short=short autocomplete="off" value=value
                list=(!list.is_empty()).then_some(list)
                aria-describedby=has_hint.then_some(hint_id)
                on:input=move |ev| on_input(event_target_value(&ev))/>
        </div>
    }
}

/// Moves keyboard focus to an element once the next frame has rendered it.
pub fn focus_later(element_id: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = document().get_element_by_id(&element_id) {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
