//! Page arithmetic: the server serves a sorted list 30 at a time (`skip = (page - 1) * 30`), and
//! a filter's result is one or more ranges of positions in such a list. Positions are 0-based,
//! pages 1-based, ranges half-open (`start..end`).

use std::ops::Range;

/// Open WebUI's fixed page size (the same as `crate::api::PAGE_SIZE`, repeated here so this
/// module needs nothing from the HTTP side).
pub const PAGE: u64 = 30;

/// The server page holding position `pos`.
pub fn page_of(pos: u64) -> u32 {
    (pos / PAGE + 1) as u32
}

/// The first position on server page `page`.
pub fn page_start(page: u32) -> u64 {
    u64::from(page.max(1) - 1) * PAGE
}

/// The server pages that hold positions `range` (none for an empty range).
pub fn pages_covering(range: &Range<u64>) -> Range<u32> {
    if range.is_empty() {
        return 1..1;
    }
    page_of(range.start)..page_of(range.end - 1) + 1
}

/// Which items of server page `page` (as indices into that page's items) fall inside `range`.
pub fn slice_of_page(page: u32, range: &Range<u64>) -> Range<usize> {
    let start = page_start(page);
    let from = range.start.max(start).saturating_sub(start).min(PAGE);
    let to = range.end.min(start + PAGE).saturating_sub(start);
    if from >= to {
        return 0..0;
    }
    from as usize..to as usize
}

/// The number of display pages for `total` items (at least 1, like the pager shows).
pub fn display_pages(total: u64) -> u32 {
    total.div_ceil(PAGE).max(1) as u32
}

/// A piece of one display page: positions `range` of segment `segment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub segment: usize,
    pub range: Range<u64>,
}

/// Display page `page` (1-based, 30 a page) of the concatenation of `segments` (each a range of
/// positions in its own list): the pieces to fetch, in order. Empty past the end.
pub fn window(segments: &[Range<u64>], page: u32) -> Vec<Piece> {
    let mut want = page_start(page)..page_start(page) + PAGE;
    let mut offset = 0u64; // where the current segment starts in the concatenation
    let mut pieces = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        let len = seg.end.saturating_sub(seg.start);
        let here = offset..offset + len;
        let from = want.start.max(here.start);
        let to = want.end.min(here.end);
        if from < to {
            pieces.push(Piece {
                segment: i,
                range: seg.start + (from - offset)..seg.start + (to - offset),
            });
            want.start = to;
        }
        offset += len;
        if want.is_empty() {
            break;
        }
    }
    pieces
}

/// The total length of `segments`.
pub fn total_len(segments: &[Range<u64>]) -> u64 {
    segments.iter().map(|s| s.end.saturating_sub(s.start)).sum()
}

/// How many binary-search requests one boundary takes in a list of `total` items at most: one
/// page per halving of the pages, plus the first page (which also tells the total).
pub fn boundary_requests(total: u64) -> u32 {
    let pages = display_pages(total);
    1 + (u32::BITS - (pages.saturating_sub(1)).leading_zeros())
}
