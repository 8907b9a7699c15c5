//! What an entity index's build keeps for the next update
//! ([`Discovery`]), and its bytes in the index file. The build
//! (`index.rs`) makes it; the update (`update.rs`) starts from it.
//!
//! Decoding trusts nothing; whether it fits an index is checked when it is
//! used. Never touches files.

use super::discover::Plan;
use crate::core::codec::{Malformed, Reader, Writer};

/// What an entity index's build counted, which the next update starts
/// from: discovery's counts over the whole corpus (encoded), the plan made
/// of them, the upper- and lower-case uses of each planned entity, and the
/// draft each entity of the index was made from. Kept in the index file
/// beside the index ([`Discovery::encode`]).
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// [`Candidates::encode`](super::discover::Candidates::encode)d.
    pub(super) candidates: Vec<u8>,
    pub(super) plan: Plan,
    /// Lower-case uses of each planned entity.
    pub(super) lower: Vec<usize>,
    /// Upper-case uses of each planned entity.
    pub(super) upper: Vec<usize>,
    /// The draft (catalogue entries, then the plan's) of each entity of
    /// the index, by id.
    pub(super) order: Vec<u32>,
}

impl Discovery {
    /// Appends it to `w`.
    pub fn encode(&self, w: &mut Writer) {
        w.bytes(&self.candidates);
        self.plan.encode(w);
        for counts in [&self.lower, &self.upper] {
            w.len_of(counts.len());
            for &n in counts {
                w.varint(n as u64);
            }
        }
        w.u32s(&self.order);
    }

    /// Reads what [`Discovery::encode`] wrote. Whether it fits an index is
    /// checked when it is used.
    pub fn decode(r: &mut Reader<'_>) -> Result<Discovery, Malformed> {
        let candidates = r.bytes("discovery's counts")?.to_vec();
        let plan = Plan::decode(r)?;
        let mut counts = || -> Result<Vec<usize>, Malformed> {
            (0..r.count(1, "uses")?)
                .map(|_| r.varint("uses").map(|n| n as usize))
                .collect()
        };
        let lower = counts()?;
        let upper = counts()?;
        let order = r.u32s("entity drafts")?;
        Ok(Discovery {
            candidates,
            plan,
            lower,
            upper,
            order,
        })
    }
}
