//! Chart hooks run against the cluster as Helm 4 runs them, for every release action:
//!
//! ```text
//! hooks of the event, by weight then name (helm::hooks::run_order)
//!   for each: no delete policy? ─► before-hook-creation
//!             before-hook-creation? ─► delete the old object, wait until it is gone
//!             last_run Running ─► create (server-side apply) ─► wait: Job Complete/Failed,
//!             Pod Succeeded/Failed, any other kind at once ─► last_run Succeeded/Failed
//!   a failure: delete it when hook-failed, delete the hooks that succeeded before it when
//!              hook-succeeded, and fail the action
//!   all done:  delete those with hook-succeeded (last first)
//! ```
//!
//! [`run`] is the one entry point every action uses: install and upgrade
//! ([`Run::perform_release`]), uninstall ([`uninstall_hooks`]) and the test action
//! (`test_action`).
//!
//! Rollback (`spec.rollback.disableHooks` skips this): with `record` the new revision it
//! writes (whose `hooks` are those of the revision it rolls back to, as Helm copies them),
//! it calls `self.release_hooks(&mut record, storage_ns, HookEvent::PreRollback, timeout)`
//! before applying, and the same with `HookEvent::PostRollback` once the objects are ready;
//! each call runs the hooks and writes their runs into the record (already created: it is
//! updated). Without a [`Run`], build
//! a [`HookContext`] and call `hooks::run(&ctx, &mut hooks, HookEvent::PreRollback)` on
//! `helm::hooks::from_values(&record.hooks, ..)`, then store them back with
//! `helm::hooks::to_values`.

use std::collections::BTreeMap;
use std::time::Duration;

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::Pod;
use kube::Client;
use kube::api::Api;
use serde_json::{Value, json};

use super::{FIELD_MANAGER, HelmEngine, Run, now_go, owner};
use crate::api::helmrelease::HelmRelease;
use crate::apply::{ApplyOptions, Manager, Owner};
use crate::cluster::{self, ObjectRef};
use crate::engine::helm_render::Rendered;
use crate::helm::hooks::{self as helm_hooks, Hook, HookEvent, HookExecution, phase, policy};
use crate::helm::storage::{self, Record};

/// Where and how the hooks of one action run.
#[derive(Clone)]
pub(crate) struct HookContext {
    /// The client acting for the release.
    pub client: Client,
    /// The release namespace: hook objects without a namespace go there.
    pub namespace: String,
    /// How long each wait (for a hook to complete, for an old hook object to go) may take:
    /// the action's timeout, as Helm passes it to every wait.
    pub timeout: Duration,
    /// How often a hook object is read while waiting.
    pub interval: Duration,
}

impl HookContext {
    /// Hook objects are written by helm-controller's field manager, without the release's
    /// labels: they are not objects of the release (its manifest), as in Helm.
    fn manager(&self) -> Manager {
        Manager::new(
            self.client.clone(),
            Owner {
                field_manager: FIELD_MANAGER.to_string(),
                labels: BTreeMap::new(),
                conventions: None,
            },
        )
    }

    fn apply_options(&self) -> ApplyOptions {
        ApplyOptions {
            force: false,
            wait_timeout: self.timeout,
            poll_interval: self.interval,
        }
    }
}

/// Runs the hooks of `event` among `hooks`, as Helm's `execHook` does, recording each run in
/// its `last_run` (and Helm's default delete policy in its `delete_policies`). The error
/// says which hook failed and why; the hooks after a failed one do not run.
pub(crate) async fn run(ctx: &HookContext, hooks: &mut [Hook], event: HookEvent) -> Result<(), String> {
    let order = helm_hooks::run_order(hooks, event);
    let manager = ctx.manager();
    for (pos, &i) in order.iter().enumerate() {
        hooks[i].set_default_delete_policy();
        let objects = objects_of(&hooks[i], &ctx.namespace)?;
        if hooks[i].has_delete_policy(policy::BEFORE_HOOK_CREATION) {
            delete(ctx, &manager, &hooks[i], &objects).await?;
        }
        hooks[i].last_run = HookExecution {
            started_at: now_go(),
            completed_at: String::new(),
            phase: phase::RUNNING.into(),
        };
        let values: Vec<Value> = objects.iter().map(|(v, _)| v.clone()).collect();
        if let Err(e) = manager.apply_all(values, &ctx.apply_options()).await {
            hooks[i].last_run.completed_at = now_go();
            hooks[i].last_run.phase = phase::FAILED.into();
            return Err(format!("{event} hook {} failed: {e}", hooks[i].path));
        }
        let mut waited = Ok(());
        for (_, r) in &objects {
            waited = wait_until_done(ctx, r).await;
            if waited.is_err() {
                break;
            }
        }
        hooks[i].last_run.completed_at = now_go();
        if let Err(e) = waited {
            hooks[i].last_run.phase = phase::FAILED.into();
            let mut message = format!("{event} hook {} failed: {e}", hooks[i].path);
            if hooks[i].has_delete_policy(policy::HOOK_FAILED)
                && let Err(d) = delete(ctx, &manager, &hooks[i], &objects).await
            {
                message = format!("{message}; deleting the failed hook: {d}");
            }
            for &j in &order[..pos] {
                if hooks[j].has_delete_policy(policy::HOOK_SUCCEEDED) {
                    let done = objects_of(&hooks[j], &ctx.namespace)?;
                    delete(ctx, &manager, &hooks[j], &done).await?;
                }
            }
            return Err(message);
        }
        hooks[i].last_run.phase = phase::SUCCEEDED.into();
    }
    for &i in order.iter().rev() {
        if hooks[i].has_delete_policy(policy::HOOK_SUCCEEDED) {
            let objects = objects_of(&hooks[i], &ctx.namespace)?;
            delete(ctx, &manager, &hooks[i], &objects).await?;
        }
    }
    Ok(())
}

/// The objects of a hook, each in the release namespace unless it names one.
fn objects_of(hook: &Hook, namespace: &str) -> Result<Vec<(Value, ObjectRef)>, String> {
    let docs = crate::yaml::from_str_json(&hook.manifest)
        .map_err(|e| format!("hook {}: invalid YAML: {e}", hook.path))?;
    let mut out = Vec::new();
    for mut doc in docs.into_iter().filter(|d| !d.is_null()) {
        if !doc["metadata"].is_object() {
            return Err(format!("hook {}: metadata is not a map", hook.path));
        }
        if doc["metadata"]["namespace"].as_str().is_none_or(str::is_empty) {
            doc["metadata"]["namespace"] = json!(namespace);
        }
        let r = ObjectRef::from_value(&doc).map_err(|e| format!("hook {}: {e}", hook.path))?;
        out.push((doc, r));
    }
    Ok(out)
}

/// Deletes a hook's objects (background propagation) and waits until they are gone. A
/// CustomResourceDefinition is never deleted, as in Helm.
async fn delete(
    ctx: &HookContext,
    manager: &Manager,
    hook: &Hook,
    objects: &[(Value, ObjectRef)],
) -> Result<(), String> {
    if hook.kind == "CustomResourceDefinition" {
        return Ok(());
    }
    let refs: Vec<ObjectRef> = objects.iter().map(|(_, r)| r.clone()).collect();
    manager
        .delete_all(&refs)
        .await
        .map_err(|e| format!("deleting hook {}: {e}", hook.path))?;
    manager
        .wait_for_deletion(&refs, &ctx.apply_options())
        .await
        .map_err(|e| format!("waiting for hook {} to be deleted: {e}", hook.path))
}

/// Waits until a Job has completed or failed, or a Pod has succeeded or failed; objects of
/// other kinds are done once created.
async fn wait_until_done(ctx: &HookContext, r: &ObjectRef) -> Result<(), String> {
    let deadline = tokio::time::Instant::now() + ctx.timeout;
    loop {
        let state = match (r.group.as_str(), r.kind.as_str()) {
            ("batch", "Job") => job_state(ctx, r).await?,
            ("", "Pod") => pod_state(ctx, r).await?,
            _ => return Ok(()),
        };
        if let Some(done) = state {
            return done;
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(format!(
                "{r} did not complete within {}",
                crate::duration::format(ctx.timeout)
            ));
        }
        tokio::time::sleep(ctx.interval).await;
    }
}

/// `Some(Ok)` once the Job is complete, `Some(Err)` once it failed, `None` while it runs.
async fn job_state(ctx: &HookContext, r: &ObjectRef) -> Result<Option<Result<(), String>>, String> {
    let api: Api<Job> = Api::namespaced(ctx.client.clone(), &r.namespace);
    let job = cluster::retry(|| api.get_opt(&r.name))
        .await
        .map_err(|e| format!("{r}: {}", cluster::describe(&e)))?
        .ok_or_else(|| format!("{r} was deleted before it completed"))?;
    for c in job
        .status
        .and_then(|s| s.conditions)
        .unwrap_or_default()
        .iter()
        .filter(|c| c.status == "True")
    {
        match c.type_.as_str() {
            "Complete" => return Ok(Some(Ok(()))),
            "Failed" => {
                let why = [c.reason.as_deref(), c.message.as_deref()]
                    .into_iter()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(": ");
                return Ok(Some(Err(format!("{r} failed: {why}"))));
            }
            _ => {}
        }
    }
    Ok(None)
}

/// `Some(Ok)` once the Pod succeeded, `Some(Err)` once it failed, `None` while it runs.
async fn pod_state(ctx: &HookContext, r: &ObjectRef) -> Result<Option<Result<(), String>>, String> {
    let api: Api<Pod> = Api::namespaced(ctx.client.clone(), &r.namespace);
    let pod = cluster::retry(|| api.get_opt(&r.name))
        .await
        .map_err(|e| format!("{r}: {}", cluster::describe(&e)))?
        .ok_or_else(|| format!("{r} was deleted before it completed"))?;
    match pod.status.and_then(|s| s.phase).as_deref() {
        Some("Succeeded") => Ok(Some(Ok(()))),
        Some("Failed") => Ok(Some(Err(format!("{r} failed (phase Failed)")))),
        _ => Ok(None),
    }
}

/// The delete hooks (`pre-delete`, `post-delete`) of the release's current record `cur`
/// for an uninstall, unless `spec.uninstall.disableHooks`.
pub(super) async fn uninstall_hooks(
    engine: &HelmEngine,
    acting: &Client,
    hr: &HelmRelease,
    cur: &Record,
    event: HookEvent,
) -> Result<(), String> {
    if hr.spec.uninstall.as_ref().is_some_and(|u| u.disable_hooks) {
        return Ok(());
    }
    let what = storage::secret_name(&cur.name, cur.version);
    let mut hooks = helm_hooks::from_values(&cur.hooks, &what)?;
    if helm_hooks::run_order(&hooks, event).is_empty() {
        return Ok(());
    }
    let ctx = HookContext {
        client: acting.clone(),
        namespace: cur.namespace.clone(),
        timeout: hr.uninstall_timeout().map_err(|e| format!("timeout: {e}"))?,
        interval: engine.options.health_interval,
    };
    run(&ctx, &mut hooks, event).await
}

impl Run<'_> {
    /// The install or upgrade between its pending and final records: the `pre-*` hooks,
    /// the apply and the wait, the `post-*` hooks (unless `disableHooks`), each hook's run
    /// recorded in `record`. A failed `pre-*` hook leaves the release's objects unapplied.
    pub(super) async fn perform_release(
        &mut self,
        rendered: &Rendered,
        record: &mut Record,
        storage_ns: &str,
        previous: Option<&Record>,
        upgrade: bool,
        timeout: Duration,
    ) -> Result<(), String> {
        let hooks = !self.disable_hooks(upgrade);
        let (pre, post) = if upgrade {
            (HookEvent::PreUpgrade, HookEvent::PostUpgrade)
        } else {
            (HookEvent::PreInstall, HookEvent::PostInstall)
        };
        let fires = |e| rendered.hooks.iter().any(|h| h.fires_on(e));
        if hooks && fires(pre) {
            if !upgrade && self.hr.spec.install.as_ref().is_some_and(|i| i.create_namespace) {
                // The hooks may need the namespace the install creates.
                let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": self.hr.target_namespace()}});
                let manager = Manager::new(self.acting.clone(), owner(self.hr));
                let cs = manager
                    .apply_all_staged(vec![ns], &self.apply_options(timeout))
                    .await
                    .map_err(|e| e.to_string())?;
                self.changes.extend(cs);
            }
            self.release_hooks(record, storage_ns, pre, timeout)
                .await
                .map_err(|e| {
                    if upgrade {
                        format!("pre-upgrade hooks failed: {e}")
                    } else {
                        format!("failed pre-install: {e}")
                    }
                })?;
        }
        self.apply_and_wait(rendered, previous, upgrade, timeout).await?;
        if hooks && fires(post) {
            self.release_hooks(record, storage_ns, post, timeout)
                .await
                .map_err(|e| {
                    if upgrade {
                        format!("post-upgrade hooks failed: {e}")
                    } else {
                        format!("failed post-install: {e}")
                    }
                })?;
        }
        Ok(())
    }

    /// Runs the hooks of `event` of `record` and writes their runs into the record.
    pub(super) async fn release_hooks(
        &mut self,
        record: &mut Record,
        storage_ns: &str,
        event: HookEvent,
        timeout: Duration,
    ) -> Result<(), String> {
        let what = storage::secret_name(&record.name, record.version);
        let mut hooks = helm_hooks::from_values(&record.hooks, &what)?;
        let ctx = HookContext {
            client: self.acting.clone(),
            namespace: record.namespace.clone(),
            timeout,
            interval: self.engine.options.health_interval,
        };
        let result = run(&ctx, &mut hooks, event).await;
        record.hooks = helm_hooks::to_values(&hooks);
        let recorded = self.update_record(storage_ns, record).await;
        match (result, recorded) {
            (Err(e), _) => Err(e),
            (Ok(()), Err(stop)) => Err(stop.message),
            (Ok(()), Ok(())) => Ok(()),
        }
    }
}
