//! Human labels for the permission sections and keys Open WebUI 0.12.4 knows, and which toggles
//! only mean something together with another one. Keys not listed here are shown by their raw key.

/// The heading of a section, or `None` for a section this app does not know.
pub fn section_label(section: &str) -> Option<&'static str> {
    Some(match section {
        "workspace" => "Workspace",
        "sharing" => "Sharing",
        "access_grants" => "Access grants",
        "chat" => "Chat",
        "features" => "Features",
        "settings" => "Settings",
        _ => return None,
    })
}

/// The label of `section.key`, or `None` for a key this app does not know.
pub fn key_label(section: &str, key: &str) -> Option<&'static str> {
    Some(match (section, key) {
        ("workspace", "models") => "Models access",
        ("workspace", "knowledge") => "Knowledge access",
        ("workspace", "prompts") => "Prompts access",
        ("workspace", "tools") => "Tools access",
        ("workspace", "skills") => "Skills access",
        ("workspace", "models_import") => "Import models",
        ("workspace", "models_export") => "Export models",
        ("workspace", "models_hidden") => "See hidden models",
        ("workspace", "prompts_import") => "Import prompts",
        ("workspace", "prompts_export") => "Export prompts",
        ("workspace", "tools_import") => "Import tools",
        ("workspace", "tools_export") => "Export tools",
        ("workspace", "skills_import") => "Import skills",
        ("workspace", "skills_export") => "Export skills",
        ("sharing", "models") => "Share models",
        ("sharing", "public_models") => "Share models publicly",
        ("sharing", "knowledge") => "Share knowledge",
        ("sharing", "public_knowledge") => "Share knowledge publicly",
        ("sharing", "prompts") => "Share prompts",
        ("sharing", "public_prompts") => "Share prompts publicly",
        ("sharing", "tools") => "Share tools",
        ("sharing", "public_tools") => "Share tools publicly",
        ("sharing", "skills") => "Share skills",
        ("sharing", "public_skills") => "Share skills publicly",
        ("sharing", "notes") => "Share notes",
        ("sharing", "public_notes") => "Share notes publicly",
        ("sharing", "folders") => "Share folders",
        ("sharing", "public_chats") => "Share chats publicly",
        ("sharing", "open_chats") => "Open shared chats",
        ("sharing", "public_calendars") => "Share calendars publicly",
        ("access_grants", "allow_users") => "Grant access to individual users",
        ("access_grants", "allow_groups") => "Grant access to groups",
        ("chat", "controls") => "Chat controls",
        ("chat", "valves") => "Valves",
        ("chat", "system_prompt") => "System prompt",
        ("chat", "params") => "Model parameters",
        ("chat", "file_upload") => "Upload files",
        ("chat", "web_upload") => "Upload from the web",
        ("chat", "delete") => "Delete chats",
        ("chat", "delete_message") => "Delete messages",
        ("chat", "continue_response") => "Continue responses",
        ("chat", "regenerate_response") => "Regenerate responses",
        ("chat", "rate_response") => "Rate responses",
        ("chat", "edit") => "Edit messages",
        ("chat", "share") => "Share chats",
        ("chat", "export") => "Export chats",
        ("chat", "import") => "Import chats",
        ("chat", "stt") => "Speech to text",
        ("chat", "tts") => "Text to speech",
        ("chat", "call") => "Voice calls",
        ("chat", "multiple_models") => "Several models in one chat",
        ("chat", "temporary") => "Temporary chats",
        ("chat", "temporary_enforced") => "Always use temporary chats",
        ("features", "api_keys") => "API keys",
        ("features", "notes") => "Notes",
        ("features", "folders") => "Folders",
        ("features", "channels") => "Channels",
        ("features", "encrypted_channels") => "Encrypted channels",
        ("features", "direct_tool_servers") => "Direct tool servers",
        ("features", "web_search") => "Web search",
        ("features", "image_generation") => "Image generation",
        ("features", "code_interpreter") => "Code interpreter",
        ("features", "memories") => "Memories",
        ("features", "automations") => "Automations",
        ("features", "calendar") => "Calendar",
        ("features", "webhooks") => "Webhooks",
        ("settings", "interface") => "Interface settings",
        _ => return None,
    })
}

/// What a section is called on screen: its heading, or its raw name when unknown.
pub fn section_text(section: &str) -> String {
    section_label(section).map_or_else(|| section.to_string(), str::to_string)
}

/// What `section.key` is called on screen (the editor and My account alike): its label, or the
/// raw key when unknown.
pub fn key_text(section: &str, key: &str) -> String {
    key_label(section, key).map_or_else(|| key.to_string(), str::to_string)
}

/// The key (in the same section) that `section.key` depends on: `sharing.public_models` only
/// matters with `sharing.models`, `workspace.models_import` with `workspace.models`, and so on.
/// The caller checks that the returned key exists.
pub fn depends_on(section: &str, key: &str) -> Option<String> {
    match (section, key) {
        ("sharing", k) if k.starts_with("public_") && k != "public_chats" => {
            Some(k.trim_start_matches("public_").to_string())
        }
        ("workspace", k) => ["_import", "_export", "_hidden"]
            .iter()
            .find_map(|s| k.strip_suffix(s))
            .map(str::to_string),
        ("chat", "temporary_enforced") => Some("temporary".into()),
        ("features", "encrypted_channels") => Some("channels".into()),
        _ => None,
    }
}
