//! Tables as kubectl prints them: upper-case headers, left-aligned columns separated by three
//! spaces, no borders, the last column unpadded; cells with several lines continue on the
//! next lines of their column. Colour (by a cell's [`Tone`]) is applied after alignment, so
//! escape codes never shift columns.

use console::{Style, measure_text_width};

/// Spaces between two columns (kubectl's tabwriter padding).
pub const COLUMN_GAP: usize = 3;

/// How a cell is coloured on a terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// No colour.
    #[default]
    Plain,
    /// Healthy (green).
    Good,
    /// Failed (red).
    Bad,
    /// Needs attention (yellow).
    Warn,
}

impl Tone {
    fn style(self) -> Option<Style> {
        match self {
            Tone::Plain => None,
            Tone::Good => Some(Style::new().green()),
            Tone::Bad => Some(Style::new().red()),
            Tone::Warn => Some(Style::new().yellow()),
        }
    }

    /// The tone of a condition status (`True`, `False`, `Unknown`).
    pub fn of_status(status: &str) -> Tone {
        match status {
            "True" => Tone::Good,
            "False" => Tone::Bad,
            _ => Tone::Warn,
        }
    }
}

/// One cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The text (may contain newlines).
    pub text: String,
    /// Its colour on a terminal.
    pub tone: Tone,
}

impl Cell {
    /// A cell with a tone.
    pub fn toned(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: text.into(),
            tone,
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell {
            text,
            tone: Tone::Plain,
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// A table: headers and rows of cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Column headers (printed upper-case).
    pub headers: Vec<String>,
    /// Rows; each has as many cells as there are headers.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with headers.
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Table {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The widths of the columns (header included when `header`).
    pub fn widths(&self, header: bool) -> Vec<usize> {
        let mut w = vec![0; self.headers.len()];
        if header {
            for (i, h) in self.headers.iter().enumerate() {
                w[i] = measure_text_width(h);
            }
        }
        for row in &self.rows {
            grow(&mut w, row);
        }
        w
    }

    /// Renders the table; `header` prints the header line, `color` applies tones.
    pub fn render(&self, header: bool, color: bool) -> String {
        let widths = self.widths(header);
        let mut out = String::new();
        if header {
            out.push_str(&render_header(&self.headers, &widths));
        }
        for row in &self.rows {
            out.push_str(&render_row(row, &widths, color));
        }
        out
    }
}

fn grow(widths: &mut Vec<usize>, row: &[Cell]) {
    if widths.len() < row.len() {
        widths.resize(row.len(), 0);
    }
    for (i, c) in row.iter().enumerate() {
        let w = c.text.lines().map(measure_text_width).max().unwrap_or(0);
        widths[i] = widths[i].max(w);
    }
}

/// The header line for the widths.
pub fn render_header(headers: &[String], widths: &[usize]) -> String {
    let cells: Vec<Cell> = headers.iter().map(|h| Cell::from(h.to_uppercase())).collect();
    render_row(&cells, widths, false)
}

/// One row (one or more lines) aligned to the widths.
pub fn render_row(row: &[Cell], widths: &[usize], color: bool) -> String {
    let lines: Vec<Vec<&str>> = row
        .iter()
        .map(|c| {
            let l: Vec<&str> = c.text.split('\n').collect();
            if l.is_empty() { vec![""] } else { l }
        })
        .collect();
    let height = lines.iter().map(Vec::len).max().unwrap_or(1);
    let mut out = String::new();
    for n in 0..height {
        let mut line = String::new();
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter().enumerate() {
            let text = lines[i].get(n).copied().unwrap_or("");
            let styled = match cell.tone.style() {
                Some(s) if color && !text.is_empty() => s.apply_to(text).to_string(),
                _ => text.to_string(),
            };
            line.push_str(&styled);
            if i < last {
                let w = widths.get(i).copied().unwrap_or(0);
                let pad = w.saturating_sub(measure_text_width(text)) + COLUMN_GAP;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A table printed a row at a time (`--watch`): widths are kept and only grow, so later
/// rows line up with the first ones.
#[derive(Clone, Debug, Default)]
pub struct TableStream {
    headers: Vec<String>,
    widths: Vec<usize>,
    header: bool,
    started: bool,
}

impl TableStream {
    /// A stream with headers; `header` prints them before the first rows.
    pub fn new(headers: Vec<String>, header: bool) -> TableStream {
        TableStream {
            headers,
            widths: Vec::new(),
            header,
            started: false,
        }
    }

    /// Renders rows (the header too, the first time).
    pub fn rows(&mut self, rows: &[Vec<Cell>], color: bool) -> String {
        let mut t = Table::new(self.headers.clone());
        t.rows = rows.to_vec();
        let first = !self.started;
        let fresh = t.widths(self.header && first);
        if self.widths.len() < fresh.len() {
            self.widths.resize(fresh.len(), 0);
        }
        for (i, w) in fresh.into_iter().enumerate() {
            self.widths[i] = self.widths[i].max(w);
        }
        let mut out = String::new();
        if first && self.header {
            out.push_str(&render_header(&self.headers, &self.widths));
        }
        self.started = true;
        for r in rows {
            out.push_str(&render_row(r, &self.widths, color));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_like_kubectl() {
        let mut t = Table::new(["Name", "Ready", "Message"]);
        t.push(vec![
            "apps".into(),
            Cell::toned("True", Tone::Good),
            "Applied revision: main@sha1:1234abcd".into(),
        ]);
        t.push(vec![
            "infrastructure".into(),
            Cell::toned("False", Tone::Bad),
            "".into(),
        ]);
        assert_eq!(
            t.render(true, false),
            "NAME             READY   MESSAGE\n\
             apps             True    Applied revision: main@sha1:1234abcd\n\
             infrastructure   False\n"
        );
        assert_eq!(
            t.render(false, false),
            "apps             True    Applied revision: main@sha1:1234abcd\ninfrastructure   False\n"
        );
    }

    #[test]
    fn colour_does_not_shift_columns_and_multiline_cells_continue() {
        console::set_colors_enabled(true);
        let mut t = Table::new(["A", "B", "C"]);
        t.push(vec![
            Cell::toned("x", Tone::Bad),
            "line1\nline2".into(),
            "end".into(),
        ]);
        let out = t.render(true, true);
        let plain = console::strip_ansi_codes(&out).to_string();
        assert_eq!(plain, "A   B       C\nx   line1   end\n    line2\n");
        assert!(out.contains("\u{1b}[31mx\u{1b}[0m"), "{out:?}");
    }

    #[test]
    fn streams_keep_widths() {
        let mut s = TableStream::new(vec!["NAME".into(), "READY".into()], true);
        let first = s.rows(&[vec!["a".into(), "True".into()]], false);
        assert_eq!(first, "NAME   READY\na      True\n");
        let next = s.rows(&[vec!["b".into(), "False".into()]], false);
        assert_eq!(next, "b      False\n");
        let wider = s.rows(&[vec!["longer-name".into(), "True".into()]], false);
        assert_eq!(wider, "longer-name   True\n");
    }
}
