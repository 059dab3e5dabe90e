//! Grouping items by a text key without sorting the texts: items carry a hash of their key,
//! numbers are sorted (cache-friendly, in parallel) and equal hashes are confirmed by the key.
use rayon::prelude::*;

/// An item with its key and the key's hash.
pub(crate) type Keyed<T, K> = (u64, T, K);

/// Sorts `items` so that items with equal keys come together, each run in increasing item order,
/// and returns the runs. `items` holds (hash of the key, item, key); two keys that share a hash
/// are told apart by comparing them, so a collision never joins different keys. The order of the
/// runs follows the hashes: callers that need an order sort the result.
pub(crate) fn runs<T, K>(items: &mut [Keyed<T, K>]) -> Vec<&[Keyed<T, K>]>
where
    T: Ord + Send + Sync,
    K: Ord + Send + Sync,
{
    items.par_sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    items.par_chunk_by_mut(|a, b| a.0 == b.0).for_each(|run| {
        let first = run.first().map(|x| &x.2);
        if !run.iter().all(|x| Some(&x.2) == first) {
            run.sort_unstable_by(|a, b| (&a.2, &a.1).cmp(&(&b.2, &b.1)));
        }
    });
    items.chunk_by(|a, b| a.0 == b.0 && a.2 == b.2).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn runs_are_the_groups_of_equal_keys(
            keys in proptest::collection::vec("[abc]{0,3}", 0..60),
            modulus in 1u64..5,
        ) {
            // A poor hash (the key's length modulo a small number) makes collisions common.
            let mut items: Vec<Keyed<usize, &str>> = keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.len() as u64 % modulus, i, k.as_str()))
                .collect();
            let mut got: Vec<(&str, Vec<usize>)> = runs(&mut items)
                .iter()
                .map(|run| (run[0].2, run.iter().map(|x| x.1).collect()))
                .collect();
            got.sort();
            let mut want: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (i, k) in keys.iter().enumerate() {
                want.entry(k.as_str()).or_default().push(i);
            }
            prop_assert_eq!(got, want.into_iter().collect::<Vec<_>>());
        }
    }
}
