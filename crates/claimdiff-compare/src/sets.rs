//! Disjoint sets over `0..n` held in a parent array, joined towards the smaller root (so the
//! root of a set is its smallest member, whatever the order of the joins).

/// The root of `i`'s set, halving the path on the way. An index out of range is its own root.
pub(crate) fn root(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&up) = parent.get(i) {
        if up == i {
            break;
        }
        let grand = parent.get(up).copied().unwrap_or(up);
        if let Some(slot) = parent.get_mut(i) {
            *slot = grand;
        }
        i = grand;
    }
    i
}

/// Joins the sets of `a` and `b`: the larger root points to the smaller.
pub(crate) fn join(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (root(parent, a), root(parent, b));
    if let (true, Some(slot)) = (ra != rb, parent.get_mut(ra.max(rb))) {
        *slot = ra.min(rb);
    }
}
