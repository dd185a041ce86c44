//! Reading the live copies of many objects cheaply: one LIST per kind and namespace with the
//! owner's label selector, and a GET for objects the LIST did not return (when asked) or for
//! small groups. A LIST the identity may not make (RBAC) falls back to GETs.

use std::collections::{BTreeMap, HashMap};

use futures::{StreamExt, stream};
use kube::api::ListParams;
use serde_json::Value;

use super::{Manager, bump, to_value, with_type};
use crate::cluster::retry;
use crate::cluster::{self, ObjectRef, ResourceInfo};

/// What is known about an object's live copy.
#[derive(Clone, Debug)]
pub(crate) enum Live {
    /// It exists; here it is.
    Found(Value),
    /// It does not exist (GET answered 404).
    Missing,
    /// Not known: the LIST did not return it (it may exist without our labels), or a request
    /// failed (with the message).
    Unknown(Option<String>),
}

/// Live objects of one LIST by name (`None`: the LIST failed).
type Listed = (Vec<usize>, Option<HashMap<String, Value>>);

/// A LIST: `(apiVersion, plural, namespace)` (the namespace empty for cluster-wide kinds).
pub(crate) type GroupKey = (String, String, String);

/// Groups smaller than this are read with GETs instead of a LIST.
const MIN_LIST_GROUP: usize = 3;
const PAGE_SIZE: u32 = 500;

impl Manager {
    /// Reads the live copies of `objects`, in the same order. With `resolve_unlisted`, objects
    /// a LIST did not return are fetched by GET, so the answer is never `Unknown(None)`.
    pub(crate) async fn fetch_live(
        &self,
        objects: &[(&ObjectRef, &ResourceInfo)],
        resolve_unlisted: bool,
    ) -> Vec<Live> {
        let mut out: Vec<Live> = vec![Live::Unknown(None); objects.len()];
        let mut groups: BTreeMap<GroupKey, Vec<usize>> = BTreeMap::new();
        for (i, (r, info)) in objects.iter().enumerate() {
            let ns = if info.namespaced {
                r.namespace.clone()
            } else {
                String::new()
            };
            groups
                .entry((
                    info.resource.api_version.clone(),
                    info.resource.plural.clone(),
                    ns,
                ))
                .or_default()
                .push(i);
        }
        let selector = self.owner.selector();
        let mut to_get: Vec<usize> = Vec::new();
        let mut listed: Vec<(Vec<usize>, String)> = Vec::new();
        let mut prefetched: Vec<Listed> = Vec::new();
        for (key, idx) in groups {
            let ready = if resolve_unlisted {
                None
            } else {
                self.take_prefetched(&key)
            };
            if let Some(found) = ready {
                prefetched.push((idx, Some(found)));
            } else if selector.is_some() && idx.len() >= MIN_LIST_GROUP {
                listed.push((idx, key.2));
            } else {
                to_get.extend(idx);
            }
        }
        let lists: Vec<Listed> = stream::iter(listed)
            .map(|(idx, ns)| {
                let info = objects[idx[0]].1;
                let sel = selector.clone().unwrap_or_default();
                async move {
                    let found = self.list(info, &ns, &sel).await;
                    (idx, found)
                }
            })
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        for (idx, found) in lists.into_iter().chain(prefetched) {
            match found {
                Some(mut by_name) => {
                    for i in idx {
                        match by_name.remove(&objects[i].0.name) {
                            Some(v) => out[i] = Live::Found(v),
                            None if resolve_unlisted => to_get.push(i),
                            None => {}
                        }
                    }
                }
                None => to_get.extend(idx),
            }
        }
        let got: Vec<(usize, Live)> = stream::iter(to_get)
            .map(|i| async move { (i, self.get(objects[i].0, objects[i].1).await) })
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        for (i, live) in got {
            out[i] = live;
        }
        out
    }

    /// Reads ahead the live copies of `objects` — typically the previous inventory of the set
    /// about to be applied — with one LIST per kind and namespace (the owner's label
    /// selector), so that the next plan does not wait for them; meant to run while the caller
    /// still builds the objects. The next [`Manager::apply_all_staged`] or
    /// [`Manager::apply_all`] uses each prefetched LIST once, for its plan only: a copy read
    /// moments before the plan is as good as one read at plan time (a change made in between
    /// is seen by the next apply, as a change made just after the plan would be), and an
    /// object the plan finds unsure still goes to a dry-run. Prunes and health waits always
    /// read afresh. Failures are ignored: the plan reads what it lacks.
    pub async fn prefetch(&self, objects: &[ObjectRef]) {
        let Some(selector) = self.owner.selector() else {
            return;
        };
        let mut groups: BTreeMap<GroupKey, ResourceInfo> = BTreeMap::new();
        for r in objects {
            let Ok(Some(info)) = self.discovery.resolve(&r.api_version(), &r.kind).await else {
                continue;
            };
            let ns = if info.namespaced {
                r.namespace.clone()
            } else {
                String::new()
            };
            let key = (
                info.resource.api_version.clone(),
                info.resource.plural.clone(),
                ns,
            );
            groups.entry(key).or_insert(info);
        }
        let lists: Vec<(GroupKey, Option<HashMap<String, Value>>)> = stream::iter(groups)
            .map(|(key, info)| {
                let sel = selector.clone();
                async move {
                    let found = self.list(&info, &key.2, &sel).await;
                    (key, found)
                }
            })
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        let mut cache = self
            .prefetched
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (key, found) in lists {
            if let Some(found) = found {
                cache.insert(key, found);
            }
        }
    }

    fn take_prefetched(&self, key: &GroupKey) -> Option<HashMap<String, Value>> {
        self.prefetched
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key)
    }

    /// Forgets what [`Manager::prefetch`] read and no plan used.
    pub(crate) fn clear_prefetched(&self) {
        self.prefetched
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// Lists one kind in one namespace (or cluster-wide) with a label selector, all pages;
    /// `None` when the LIST fails.
    async fn list(
        &self,
        info: &ResourceInfo,
        namespace: &str,
        selector: &str,
    ) -> Option<HashMap<String, Value>> {
        let mut out = HashMap::new();
        let mut token: Option<String> = None;
        loop {
            let mut lp = ListParams::default().labels(selector).limit(PAGE_SIZE);
            if let Some(t) = &token {
                lp = lp.continue_token(t);
            }
            bump(&self.counters.lists);
            let page = retry(|| async {
                let req = Self::request(info, namespace)
                    .list(&lp)
                    .map_err(kube::Error::BuildRequest)?;
                let text = self.client.request_text(req).await?;
                serde_json::from_str::<Value>(&text).map_err(kube::Error::SerdeError)
            })
            .await;
            let mut page = match page {
                Ok(page) => page,
                Err(e) => {
                    tracing::debug!(kind = %info.resource.kind, namespace, error = %cluster::describe(&e), "list failed, falling back to get");
                    return None;
                }
            };
            if let Some(items) = page["items"].as_array_mut() {
                for item in items.drain(..) {
                    if let Some(name) = item["metadata"]["name"].as_str() {
                        let name = name.to_string();
                        out.insert(name, with_type(item, info));
                    }
                }
            }
            match page["metadata"]["continue"].as_str().filter(|c| !c.is_empty()) {
                Some(t) => token = Some(t.to_string()),
                None => return Some(out),
            }
        }
    }

    pub(crate) async fn get(&self, object: &ObjectRef, info: &ResourceInfo) -> Live {
        let api = self.api(info, &object.namespace);
        bump(&self.counters.gets);
        match retry(|| api.get_opt(&object.name)).await {
            Ok(Some(obj)) => Live::Found(to_value(&obj, info)),
            Ok(None) => Live::Missing,
            Err(e) => Live::Unknown(Some(cluster::describe(&e))),
        }
    }
}
