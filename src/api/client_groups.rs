//! The client's group, identity-provider and event-webhook routes (the users, auths and self
//! routes are in `client.rs`): one `pub async fn` per route, as there.

use serde_json::Value;

use super::adapters;
use super::client::Client;
use super::compat::Capability;
use super::endpoints::{self as ep, Membership};
use super::error::ApiError;
use super::models::*;

impl Client {
    // --- groups --------------------------------------------------------------------------------
    pub async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        self.get(ep::groups_list()).await
    }
    /// Creates a group; the body is shaped for the server's line (see
    /// [`ServerInfo::group_form_body`]).
    pub async fn create_group(&self, form: &GroupForm) -> Result<Group, ApiError> {
        self.send_json(ep::group_create(), &self.group_body(form))
            .await
    }
    /// One group as it is now, `data` whole (read right before a read-modify-write of it).
    pub async fn group(&self, id: &str) -> Result<Group, ApiError> {
        self.get(ep::group(id)).await
    }
    pub async fn export_group(&self, id: &str) -> Result<Value, ApiError> {
        self.get(ep::group_export(id)).await
    }
    pub async fn update_group(&self, id: &str, form: &GroupForm) -> Result<Group, ApiError> {
        self.send_json(ep::group_update(id), &self.group_body(form))
            .await
    }
    pub async fn add_group_users(
        &self,
        id: &str,
        user_ids: Vec<String>,
    ) -> Result<Group, ApiError> {
        self.send_json(ep::group_users_add(id), &UserIds { user_ids })
            .await
    }
    pub async fn remove_group_users(
        &self,
        id: &str,
        user_ids: Vec<String>,
    ) -> Result<Group, ApiError> {
        self.send_json(ep::group_users_remove(id), &UserIds { user_ids })
            .await
    }
    pub async fn delete_group(&self, id: &str) -> Result<Value, ApiError> {
        self.send(ep::group_delete(id), None).await
    }
    /// One page of a group's members. Before 0.12 there is no such route: the direct members
    /// (unpaginated) are filtered and paged here instead ([`adapters::members_page`]).
    pub async fn group_members(
        &self,
        id: &str,
        membership: Membership,
        query: &str,
        page: u32,
    ) -> Result<GroupMembers, ApiError> {
        if self.has(Capability::GroupMembersPage) {
            return self
                .get(ep::group_members(id, membership, query, page))
                .await;
        }
        let direct: Vec<UserInfo> = self.send(ep::group_users(id), None).await?;
        Ok(adapters::members_page(direct, membership, query, page))
    }

    // --- identity providers ----------------------------------------------------------------------
    /// Whether OAuth or LDAP manage group memberships (each config read on its own; a server
    /// that refuses or lacks one counts as "not managed", never as an error).
    pub async fn group_sync(&self) -> GroupSync {
        let oauth: Result<JsonMap, ApiError> = self.get(ep::oauth_config()).await;
        let ldap: Result<JsonMap, ApiError> = self.get(ep::ldap_server_config()).await;
        GroupSync::from_configs(oauth.ok().as_ref(), ldap.ok().as_ref())
    }

    // --- event webhooks --------------------------------------------------------------------------
    pub async fn events_catalog(&self) -> Result<EventCatalog, ApiError> {
        self.lacking(Capability::EventWebhooks)?;
        self.get(ep::events_catalog()).await
    }
    pub async fn event_webhooks(&self) -> Result<Vec<Webhook>, ApiError> {
        self.lacking(Capability::EventWebhooks)?;
        self.get(ep::event_webhooks()).await
    }
    pub async fn create_event_webhook(&self, hook: &Webhook) -> Result<Webhook, ApiError> {
        self.send_json(ep::event_webhook_create(), hook).await
    }
    /// Sends the whole object back (every key the server gave stays).
    pub async fn update_event_webhook(&self, hook: &Webhook) -> Result<Webhook, ApiError> {
        self.send_json(ep::event_webhook_update(&hook.id), hook)
            .await
    }
    pub async fn delete_event_webhook(&self, id: &str) -> Result<Value, ApiError> {
        self.send(ep::event_webhook_delete(id), None).await
    }
}
