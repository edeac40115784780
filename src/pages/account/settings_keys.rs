//! The `ui` settings this app knows (Open WebUI's `UserSettings.ui`), with the control each gets.
//! Anything else in the object is still shown and saved through the JSON view.

/// How a known key is edited.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyKind {
    /// A switch.
    Bool,
    /// A number field with a range.
    Number {
        min: f64,
        max: f64,
        step: f64,
        integer: bool,
    },
    /// A select: `(value, label)` pairs.
    Choice(&'static [(&'static str, &'static str)]),
    /// A text field.
    Text,
}

/// One known `ui` key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KnownKey {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: KeyKind,
}

const fn b(key: &'static str, label: &'static str) -> KnownKey {
    KnownKey {
        key,
        label,
        kind: KeyKind::Bool,
    }
}

/// The known keys, in the order the form shows them.
pub const KNOWN_KEYS: &[KnownKey] = &[
    KnownKey {
        key: "textScale",
        label: "Text scale",
        kind: KeyKind::Number {
            min: 0.5,
            max: 2.0,
            step: 0.05,
            integer: false,
        },
    },
    KnownKey {
        key: "seed",
        label: "Seed",
        kind: KeyKind::Number {
            min: 0.0,
            max: 4_294_967_295.0,
            step: 1.0,
            integer: true,
        },
    },
    KnownKey {
        key: "chatDirection",
        label: "Chat direction",
        kind: KeyKind::Choice(&[
            ("LTR", "Left to right"),
            ("RTL", "Right to left"),
            ("auto", "Automatic"),
        ]),
    },
    KnownKey {
        key: "landingPageMode",
        label: "Landing page",
        kind: KeyKind::Choice(&[("", "Default"), ("chat", "Chat")]),
    },
    b("widescreenMode", "Widescreen mode"),
    b("highContrastMode", "High contrast mode"),
    b("chatBubble", "Chat bubbles"),
    b("showUsername", "Show username"),
    b("showChatTitleInTab", "Chat title in browser tab"),
    b("ctrlEnterToSend", "Ctrl+Enter sends"),
    b("richTextInput", "Rich text input"),
    b("promptAutocomplete", "Prompt autocomplete"),
    b("largeTextAsFile", "Paste large text as file"),
    b("copyFormatted", "Copy formatted text"),
    b("collapseCodeBlocks", "Collapse code blocks"),
    b("expandDetails", "Expand details"),
    b("detectArtifacts", "Detect artifacts"),
    b("scrollOnBranchChange", "Scroll on branch change"),
    b("splitLargeDeltas", "Split large deltas"),
    b("autoTags", "Automatic tags"),
    b("autoFollowUps", "Automatic follow-ups"),
    b("memory", "Memory"),
    b("imageCompression", "Image compression"),
    b("stylizedPdfExport", "Stylized PDF export"),
    b("notificationEnabled", "Notifications"),
    b("notificationSound", "Notification sound"),
    b("notificationSoundAlways", "Always play notification sound"),
    b("showUpdateToast", "Update notices"),
    b("showChangelog", "Changelog"),
    b("hapticFeedback", "Haptic feedback"),
    b("conversationMode", "Conversation mode"),
    b("speechAutoSend", "Send speech automatically"),
    b("responseAutoPlayback", "Read responses aloud"),
    b("showEmojiInCall", "Emoji in calls"),
    b("voiceInterruption", "Voice interruption"),
    b("iframeSandboxAllowForms", "Allow forms in iframes"),
    b(
        "iframeSandboxAllowSameOrigin",
        "Allow same origin in iframes",
    ),
    KnownKey {
        key: "system",
        label: "System prompt",
        kind: KeyKind::Text,
    },
];

/// The known key named `key`.
pub fn known(key: &str) -> Option<&'static KnownKey> {
    KNOWN_KEYS.iter().find(|k| k.key == key)
}
