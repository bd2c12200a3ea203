//! The tagger's model file: class names and, for every feature hash it
//! learned, the weights of the classes that feature speaks for.
//!
//! Layout (little-endian):
//! `CQPOS1\n`, the class count and names (length-prefixed), the weight
//! scale (f32), the key and entry counts (u32), then two tables of 65,537
//! u32 offsets indexed by the top 16 bits of a hash (first key, first
//! entry of each bucket), the low 16 bits of each key (u16, sorted within
//! a bucket), the entry count of each key (u8), and the entries (class u8,
//! weight i16).

/// The magic line a model file starts with.
const MAGIC: &[u8] = b"CQPOS1\n";
const BUCKETS: usize = 1 << 16;

/// A model read from its bytes, with its weights in an open-addressing
/// table (built once, a fraction of a millisecond) so that a feature costs
/// one probe and one run of entries.
#[derive(Debug)]
pub struct Model<'a> {
    /// The class names, in class order (`NOUN`, `ADP+DET`…).
    pub classes: Vec<&'a str>,
    /// Weights are stored as integers; a score divided by this is the
    /// perceptron's score.
    pub scale: f32,
    /// Slots: (key, first entry << 8 | entry count); count 0 is empty.
    slots: Vec<(u32, u32)>,
    /// Probe mask: slots.len() - 1.
    mask: usize,
    /// Entries: class << 16 | weight as u16.
    entries: Vec<u32>,
}

/// The file's tables, before they are put in the runtime table.
struct Tables<'a> {
    key_start: &'a [u8],
    entry_start: &'a [u8],
    keys: &'a [u8],
    counts: &'a [u8],
    entries: &'a [u8],
}

/// The slot of `key` in a table of `mask + 1` slots: a multiplicative hash
/// of the (already hashed) key.
#[inline]
fn home(key: u32, mask: usize) -> usize {
    (key.wrapping_mul(0x9e37_79b9) as usize) & mask
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub &'static str);

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let b = &bytes[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.bytes.len() < n {
            return Err(ModelError("truncated tagger model"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32_at(self.take(4)?, 0))
    }
}

impl<'a> Model<'a> {
    /// Reads a model, checking its layout.
    pub fn parse(bytes: &'a [u8]) -> Result<Model<'a>, ModelError> {
        let mut r = Reader { bytes };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError("not a coquille tagger model"));
        }
        let n = r.take(1)?[0] as usize;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.take(1)?[0] as usize;
            let name = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ModelError("class name is not UTF-8"))?;
            classes.push(name);
        }
        let scale = f32::from_bits(r.u32()?);
        let keys = r.u32()? as usize;
        let entries = r.u32()? as usize;
        let tables = Tables {
            key_start: r.take(4 * (BUCKETS + 1))?,
            entry_start: r.take(4 * (BUCKETS + 1))?,
            keys: r.take(2 * keys)?,
            counts: r.take(keys)?,
            entries: r.take(3 * entries)?,
        };
        if !r.bytes.is_empty()
            || u32_at(tables.key_start, BUCKETS) as usize != keys
            || u32_at(tables.entry_start, BUCKETS) as usize != entries
            || tables.entries.chunks_exact(3).any(|e| e[0] as usize >= n)
            || tables.counts.iter().map(|&c| c as usize).sum::<usize>() != entries
        {
            return Err(ModelError("inconsistent tagger model"));
        }
        let size = (2 * keys).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![(0u32, 0u32); size];
        let mut entry = 0usize;
        for bucket in 0..BUCKETS {
            let (k0, k1) = (
                u32_at(tables.key_start, bucket) as usize,
                u32_at(tables.key_start, bucket + 1) as usize,
            );
            for k in k0..k1 {
                let low = u16::from_le_bytes([tables.keys[2 * k], tables.keys[2 * k + 1]]);
                let key = (bucket as u32) << 16 | u32::from(low);
                let count = tables.counts[k] as u32;
                let mut slot = home(key, mask);
                while slots[slot].1 != 0 {
                    slot = (slot + 1) & mask;
                }
                if count > 0 {
                    slots[slot] = (key, (entry as u32) << 8 | count);
                }
                entry += count as usize;
            }
        }
        let entries = tables
            .entries
            .chunks_exact(3)
            .map(|e| u32::from(e[0]) << 16 | u32::from(u16::from_le_bytes([e[1], e[2]])))
            .collect();
        Ok(Model {
            classes,
            scale,
            slots,
            mask,
            entries,
        })
    }

    /// Adds the weights of feature `key` to `scores` (one per class, in
    /// units of `1 / scale`).
    #[inline]
    pub fn add(&self, key: u32, scores: &mut [i32]) {
        let mut slot = home(key, self.mask);
        loop {
            let (stored, packed) = self.slots[slot];
            if packed == 0 {
                return;
            }
            if stored == key {
                let (first, count) = ((packed >> 8) as usize, (packed & 0xff) as usize);
                for &e in self.entries.get(first..first + count).unwrap_or_default() {
                    if let Some(s) = scores.get_mut((e >> 16) as usize) {
                        *s += i32::from(e as u16 as i16);
                    }
                }
                return;
            }
            slot = (slot + 1) & self.mask;
        }
    }
}

/// Writes a model: `classes` names, and for each feature hash its
/// (class, weight) pairs. Weights are rounded to `1 / scale`; the pairs
/// that round to zero are dropped. The output depends only on the input.
pub fn write(classes: &[String], weights: &[(u32, Vec<(u8, f32)>)], scale: f32) -> Vec<u8> {
    let mut sorted: Vec<(u32, Vec<(u8, i16)>)> = weights
        .iter()
        .map(|(key, ws)| {
            let q: Vec<(u8, i16)> = ws
                .iter()
                .map(|&(c, w)| (c, (w * scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|&(_, w)| w != 0)
                .collect();
            (*key, q)
        })
        .filter(|(_, q)| !q.is_empty())
        .collect();
    sorted.sort_by_key(|(key, _)| *key);
    sorted.dedup_by_key(|(key, _)| *key);
    let mut out = MAGIC.to_vec();
    out.push(classes.len() as u8);
    for c in classes {
        out.push(c.len() as u8);
        out.extend_from_slice(c.as_bytes());
    }
    out.extend_from_slice(&scale.to_bits().to_le_bytes());
    let entries: usize = sorted.iter().map(|(_, q)| q.len()).sum();
    out.extend_from_slice(&(sorted.len() as u32).to_le_bytes());
    out.extend_from_slice(&(entries as u32).to_le_bytes());
    let (mut key_start, mut entry_start) = (Vec::new(), Vec::new());
    let (mut k, mut e) = (0usize, 0usize);
    for bucket in 0..=BUCKETS {
        while k < sorted.len() && ((sorted[k].0 >> 16) as usize) < bucket {
            e += sorted[k].1.len();
            k += 1;
        }
        key_start.extend_from_slice(&(k as u32).to_le_bytes());
        entry_start.extend_from_slice(&(e as u32).to_le_bytes());
    }
    out.extend(key_start);
    out.extend(entry_start);
    for (key, _) in &sorted {
        out.extend_from_slice(&(*key as u16).to_le_bytes());
    }
    for (_, q) in &sorted {
        out.push(q.len().min(255) as u8);
    }
    for (_, q) in &sorted {
        for &(c, w) in q.iter().take(255) {
            out.push(c);
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let classes = vec!["A".to_string(), "B".to_string()];
        let weights = vec![
            (0x0001_0002, vec![(0, 1.5), (1, -0.25)]),
            (0x0001_0001, vec![(1, 2.0)]),
            (0xffff_ffff, vec![(0, 0.0001)]),
        ];
        let bytes = write(&classes, &weights, 100.0);
        let model = Model::parse(&bytes).expect("valid");
        assert_eq!(model.classes, vec!["A", "B"]);
        let mut scores = [0; 2];
        model.add(0x0001_0002, &mut scores);
        assert_eq!(scores, [150, -25]);
        model.add(0x0001_0001, &mut scores);
        assert_eq!(scores, [150, 175]);
        model.add(0xffff_ffff, &mut scores);
        model.add(0x0002_0002, &mut scores);
        assert_eq!(scores, [150, 175]);
        assert_eq!(model.scale, 100.0);
        assert!(Model::parse(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::parse(b"nope").is_err());
    }
}
